import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as Y from "yjs";
import { shiftPosition, textChange, type TextChange } from "./text-change";
import { seededRandom } from "./testing/seeded-random";


function randomInt(random: () => number, max: number): number {
  return Math.floor(random() * (max + 1));
}

/** Short strings from a small alphabet, so that shared prefixes, suffixes and repeats are common. */
function randomString(random: () => number, maxLength = 8, alphabet = "aab c"): string {
  let s = "";
  const length = randomInt(random, maxLength);
  for (let i = 0; i < length; i++) s += alphabet[randomInt(random, alphabet.length - 1)];
  return s;
}

function apply(before: string, change: TextChange | null): string {
  if (!change) return before;
  return before.slice(0, change.index) + change.insert + before.slice(change.index + change.deleteCount);
}

describe("textChange", () => {
  test("no change gives null", () => {
    assert.equal(textChange("", ""), null);
    assert.equal(textChange("samma", "samma", 2), null);
  });

  test("insert", () => {
    assert.deepEqual(textChange("Hej", "Hej då"), { index: 3, deleteCount: 0, insert: " då" });
    assert.deepEqual(textChange("Hj", "Hej", 2), { index: 1, deleteCount: 0, insert: "e" });
    assert.deepEqual(textChange("", "ny"), { index: 0, deleteCount: 0, insert: "ny" });
    assert.deepEqual(textChange("värld", "Hej värld", 4), { index: 0, deleteCount: 0, insert: "Hej " });
  });

  test("delete", () => {
    assert.deepEqual(textChange("Hej då", "Hej", 3), { index: 3, deleteCount: 3, insert: "" });
    assert.deepEqual(textChange("Hej", "Hj", 1), { index: 1, deleteCount: 1, insert: "" });
    assert.deepEqual(textChange("allt", "", 0), { index: 0, deleteCount: 4, insert: "" });
  });

  test("replace", () => {
    assert.deepEqual(textChange("en katt", "en hund", 7), { index: 3, deleteCount: 4, insert: "hund" });
    assert.deepEqual(textChange("abc", "xyz", 3), { index: 0, deleteCount: 3, insert: "xyz" });
    // A selection "bc" in "abcd" replaced by typing "X".
    assert.deepEqual(textChange("abcd", "aXd", 2), { index: 1, deleteCount: 2, insert: "X" });
  });

  test("a repeated character is placed where the cursor says it was typed", () => {
    // "aa" -> "aaa": typed at the start (cursor now at 1), in the middle (2) or at the end (3).
    assert.deepEqual(textChange("aa", "aaa", 1), { index: 0, deleteCount: 0, insert: "a" });
    assert.deepEqual(textChange("aa", "aaa", 2), { index: 1, deleteCount: 0, insert: "a" });
    assert.deepEqual(textChange("aa", "aaa", 3), { index: 2, deleteCount: 0, insert: "a" });
    assert.deepEqual(textChange("aa", "aaa"), { index: 2, deleteCount: 0, insert: "a" });
    // "la la" -> "la la la": "la " typed at the start.
    assert.deepEqual(textChange("la la", "la la la", 3), { index: 0, deleteCount: 0, insert: "la " });
    // Deleting one of three "a"s with the cursor left at 0 (the Delete key at the start).
    assert.deepEqual(textChange("aaa", "aa", 0), { index: 0, deleteCount: 1, insert: "" });
    assert.deepEqual(textChange("aaa", "aa", 1), { index: 1, deleteCount: 1, insert: "" });
  });

  test("applying the change to before always gives after (random pairs, random cursor hints)", () => {
    const random = seededRandom(20240601);
    for (let i = 0; i < 20000; i++) {
      const before = randomString(random);
      // Half the time: a small edit of before, the rest: an unrelated string.
      let after: string;
      if (random() < 0.5) {
        const at = randomInt(random, before.length);
        const removed = randomInt(random, before.length - at);
        after = before.slice(0, at) + randomString(random, 3) + before.slice(at + removed);
      } else {
        after = randomString(random);
      }
      const hints = [undefined, randomInt(random, after.length), randomInt(random, after.length + 6) - 3];
      for (const hint of hints) {
        const change = hint === undefined ? textChange(before, after) : textChange(before, after, hint);
        const wellFormed =
          before === after
            ? change === null
            : change !== null &&
              change.index >= 0 &&
              change.deleteCount >= 0 &&
              change.index + change.deleteCount <= before.length &&
              (change.deleteCount > 0 || change.insert.length > 0) &&
              change.insert.length <= after.length;
        if (!wellFormed || apply(before, change) !== after) {
          assert.fail(`${JSON.stringify(before)} -> ${JSON.stringify(after)} hint ${hint} gave ${JSON.stringify(change)}`);
        }
      }
    }
  });

  test("a change applied to a Y.Text gives the new value", () => {
    const random = seededRandom(99);
    const doc = new Y.Doc();
    const text = doc.getText("t");
    for (let i = 0; i < 2000; i++) {
      const before = text.toString();
      const after = random() < 0.3 ? randomString(random, 12) : before + randomString(random, 2);
      const change = textChange(before, after, randomInt(random, after.length));
      if (change) {
        doc.transact(() => {
          if (change.deleteCount > 0) text.delete(change.index, change.deleteCount);
          if (change.insert) text.insert(change.index, change.insert);
        });
      }
      assert.equal(text.toString(), after);
    }
  });
});

describe("shiftPosition", () => {
  test("an insert before the caret moves it right", () => {
    assert.equal(shiftPosition(5, [{ retain: 2 }, { insert: "abc" }]), 8);
    assert.equal(shiftPosition(5, [{ insert: "x" }]), 6);
  });

  test("an insert after the caret leaves it", () => {
    assert.equal(shiftPosition(1, [{ retain: 2 }, { insert: "x" }]), 1);
    assert.equal(shiftPosition(0, [{ retain: 1 }, { insert: "xyz" }]), 0);
  });

  test("an insert exactly at the caret pushes it along (the caret sticks to the character after it)", () => {
    assert.equal(shiftPosition(2, [{ retain: 2 }, { insert: "x" }]), 3);
  });

  test("a delete before the caret moves it left", () => {
    assert.equal(shiftPosition(5, [{ retain: 1 }, { delete: 2 }]), 3);
    assert.equal(shiftPosition(5, [{ delete: 5 }]), 0);
  });

  test("a delete across the caret puts it where the deletion was", () => {
    assert.equal(shiftPosition(3, [{ retain: 1 }, { delete: 5 }]), 1);
  });

  test("a delete after the caret leaves it", () => {
    assert.equal(shiftPosition(1, [{ retain: 2 }, { delete: 3 }]), 1);
    assert.equal(shiftPosition(2, [{ retain: 2 }, { delete: 3 }]), 2);
  });

  test("several operations", () => {
    assert.equal(shiftPosition(4, [{ retain: 1 }, { delete: 1 }, { insert: "xyz" }]), 6);
    assert.equal(shiftPosition(4, [{ insert: "ab" }, { retain: 1 }, { delete: 2 }, { retain: 5 }, { insert: "tail" }]), 4);
    assert.equal(shiftPosition(3, []), 3);
  });

  test("agrees with Yjs relative positions for random remote edits", () => {
    const random = seededRandom(1234);
    const compared = { total: 0, deleted: 0 };
    for (let i = 0; i < 3000; i++) {
      const local = new Y.Doc();
      const remote = new Y.Doc();
      const initial = randomString(random, 10, "abcdef");
      remote.getText("t").insert(0, initial);
      Y.applyUpdate(local, Y.encodeStateAsUpdate(remote));
      const text = local.getText("t");
      const caret = randomInt(random, initial.length);
      const anchor = Y.createRelativePositionFromTypeIndex(text, caret);

      let delta: Array<{ retain?: number; insert?: unknown; delete?: number }> = [];
      text.observe((event) => {
        delta = event.delta as typeof delta;
      });
      remote.transact(() => {
        const t = remote.getText("t");
        for (let ops = 1 + randomInt(random, 3); ops > 0; ops--) {
          if (random() < 0.5 || t.length === 0) t.insert(randomInt(random, t.length), randomString(random, 3, "XYZ") || "X");
          else {
            const at = randomInt(random, t.length - 1);
            t.delete(at, 1 + randomInt(random, t.length - at - 1));
          }
        }
      });
      Y.applyUpdate(local, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(local)));

      const expected = Y.createAbsolutePositionFromRelativePosition(anchor, local)!.index;
      const shifted = shiftPosition(caret, delta);
      const label = `caret ${caret} in ${JSON.stringify(initial)} -> ${JSON.stringify(text.toString())} delta ${JSON.stringify(delta)}`;
      assert.ok(shifted >= 0 && shifted <= text.length, label);
      // When the character after the caret was deleted, the caret has no word to stay on and
      // text typed into the gap may land on either side of it (see the replace test below).
      const anchorDeleted = anchor.item !== null && Y.isDeleted(Y.createDeleteSetFromStructStore(local.store), anchor.item);
      if (!anchorDeleted) assert.equal(shifted, expected, label);
      else compared.deleted++;
      compared.total++;
    }
    assert.ok(compared.deleted < compared.total / 2, "most cases were compared exactly");
  });

  test("a caret inside a replaced range ends up after the replacement", () => {
    assert.equal(shiftPosition(3, [{ delete: 6 }, { insert: "ZZ" }]), 2);
    assert.equal(shiftPosition(3, [{ retain: 1 }, { delete: 4 }, { insert: "new" }, { retain: 2 }]), 4);
  });
});
