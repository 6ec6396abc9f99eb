import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { seededRandom } from "../testing/seeded-random";
import { membersByGroup } from "./groups";
import { dealIntoGroups, keptFrom, keptMembership, keptWithFollower, keptWithout, roleOf, withArrival, withNewcomer, withoutPerson } from "./membership";

const people = (n: number) => Array.from({ length: n }, (_, i) => `p${i + 1}`);
const ROLES = ["A – har ett problem", "B – frågar och lyssnar", "C – iakttar och ger återkoppling"];

/** Each group's roles this round, sorted, as the room would read them out. */
function rolesByGroup(groups: Parameters<typeof roleOf>[0] & { count: number }) {
  return membersByGroup(groups).map((ids) => ids.map((id) => roleOf(groups, id)).sort());
}

describe("seats and roles", () => {
  test("nine people in trios: every trio has one A, one B and one C", () => {
    const dealt = dealIntoGroups(people(9), 3, seededRandom(4));
    assert.deepEqual(rolesByGroup({ ...dealt, roles: ROLES }), [ROLES, ROLES, ROLES]);
  });

  test("each round everyone moves to the next role, and after three rounds all have had each role", () => {
    const dealt = dealIntoGroups(people(6), 2, seededRandom(2));
    for (const id of people(6)) {
      const had = [0, 1, 2].map((round) => roleOf({ ...dealt, roles: ROLES, round }, id));
      assert.deepEqual([...had].sort(), ROLES, `${id} had ${had.join(", ")}`);
    }
    assert.deepEqual(rolesByGroup({ ...dealt, roles: ROLES, round: 1 }), [ROLES, ROLES]);
  });

  test("a latecomer to a pair in a trio exercise takes the role the pair lacks", () => {
    const dealt = dealIntoGroups(people(5), 2, seededRandom(7));
    const short = membersByGroup(dealt).findIndex((ids) => ids.length === 2) + 1;
    const joined = withNewcomer(dealt, "late");
    assert.equal(joined.members.late, short);
    const roles = membersByGroup(joined).map((ids) => ids.map((id) => roleOf({ ...joined, roles: ROLES }, id)).sort());
    assert.deepEqual(roles, [ROLES, ROLES]);
  });

  test("without roles, or for someone in no group, there is no role", () => {
    const dealt = dealIntoGroups(people(3), 1, seededRandom(1));
    assert.equal(roleOf(dealt, "p1"), null);
    assert.equal(roleOf({ ...dealt, roles: ROLES }, "stranger"), null);
    assert.equal(roleOf({ ...dealt, roles: ROLES }, "__proto__"), null);
  });
});

describe("the same groups again", () => {
  test("those who were here keep their group and their order in it; newcomers fill the smallest groups", () => {
    const first = dealIntoGroups(people(6), 2, seededRandom(3));
    const kept = keptFrom(first)!;
    const now = [...people(5), "new1", "new2"]; // p6 stayed home, two came
    const again = keptMembership(kept, now)!;
    for (const id of people(5)) assert.equal(again.members[id], first.members[id]);
    for (const group of [1, 2]) {
      const order = (seats: Record<string, number>) => people(5).filter((id) => first.members[id] === group).sort((a, b) => seats[a] - seats[b]);
      assert.deepEqual(order(again.seats), order(first.seats));
      assert.deepEqual(order(again.seats).map((id) => again.seats[id]), order(first.seats).map((_, i) => i), "seats 0, 1, … with no gap");
    }
    assert.equal(again.count, 2);
    assert.equal(again.members.p6, undefined, "someone not here is left out");
    assert.deepEqual(membersByGroup(again).map((ids) => ids.length).sort(), [3, 4]);
  });

  test("the kept groups remember their roles, not their round", () => {
    const kept = keptFrom({ ...dealIntoGroups(people(3), 1), roles: ROLES, round: 2 } as Parameters<typeof keptFrom>[0])!;
    assert.deepEqual(kept.roles, ROLES);
    assert.equal("round" in kept, false);
  });

  test("groups nobody of is here are left out and the rest numbered again; seats close up so no role is doubled", () => {
    const kept = { count: 4, members: { a: 2, b: 2, c: 4, d: 4 }, seats: { a: 0, b: 3, c: 1, d: 2 }, roles: ROLES };
    const again = keptMembership(kept, ["a", "b", "c", "d"])!;
    assert.equal(again.count, 2);
    assert.deepEqual(again.members, { a: 1, b: 1, c: 2, d: 2 });
    assert.deepEqual(again.seats, { a: 0, b: 1, c: 0, d: 1 });
    assert.deepEqual(again.keptAs, { "2": 1, "4": 2 });
    assert.deepEqual(["a", "b"].map((id) => roleOf({ ...again, roles: ROLES }, id)), ROLES.slice(0, 2));
  });

  test("newcomers fill the kept groups up to the size, then start groups of their own", () => {
    const kept = { count: 1, members: { a: 1, b: 1 }, seats: { a: 0, b: 1 } };
    const again = keptMembership(kept, ["a", "b", ...people(7)], 3)!;
    assert.deepEqual(membersByGroup(again).map((ids) => ids.length), [3, 3, 3]);
    assert.equal(again.members.a, 1);
    assert.equal(again.members.b, 1);
  });

  test("one newcomer to full trios joins one of them rather than stand alone", () => {
    const kept = keptFrom(dealIntoGroups(people(6), 2, seededRandom(8)))!;
    const again = keptMembership(kept, [...people(6), "new"], 3)!;
    assert.deepEqual(membersByGroup(again).map((ids) => ids.length).sort(), [3, 4]);
  });

  test("a phone that follows late goes back to its kept group, with a free seat; others to the smallest", () => {
    const kept = { count: 2, members: { a: 1, b: 1, c: 2, late: 2 }, seats: { a: 0, b: 1, c: 0, late: 1 } };
    const started = { sourceFrame: "f", ...keptMembership(kept, ["a", "b", "c"])! };
    assert.equal(started.count, 2);
    const back = withArrival(started, kept, "late");
    assert.equal(back.members.late, 2);
    assert.equal(back.seats!.late, 1);
    const stranger = withArrival(back, kept, "new");
    assert.equal(stranger.members.new, 1, "the smaller group");
    const dealt = { sourceFrame: "f", ...dealIntoGroups(["a", "b", "c"], 1) };
    assert.equal(withArrival(dealt, kept, "late").members.late, 1, "new groups were dealt: kept numbers mean nothing");
  });

  test("followers bring their groups: numbered by the next board in the order they come, each with whoever of their group came first", () => {
    const from = { count: 3, members: { a: 1, b: 1, c: 3, d: 3 }, seats: { a: 0, b: 1, c: 0, d: 1 }, roles: ROLES };
    const one = keptWithFollower(null, from, "c")!;
    assert.deepEqual(one, { count: 1, members: { c: 1 }, seats: { c: 0 }, roles: ROLES });
    const two = keptWithFollower(one, from, "b")!;
    assert.deepEqual(two.members, { c: 1, b: 2 });
    const three = keptWithFollower(two, from, "d")!;
    assert.deepEqual(three.members, { c: 1, b: 2, d: 1 }, "with c, who was in their group");
    assert.equal(keptWithFollower(three, from, "stranger"), three, "someone in no group there brings none");
    assert.equal(keptWithFollower(three, from, "b"), three, "a second tap on follow changes nothing");
    assert.equal(keptWithout(keptWithout(keptWithout(three, "c")!, "b")!, "d"), null, "nobody left: nothing kept");
  });

  test("a follower joins their group even after the next board's groups ran and were numbered again", () => {
    const from = { count: 3, members: { a1: 1, a2: 1, b1: 2, b2: 2, c1: 3, c2: 3 } };
    let kept = keptWithFollower(keptWithFollower(null, from, "a1"), from, "c1")!;
    // The next board runs the same groups and brings them together: its numbers, now.
    kept = keptFrom(keptMembership(kept, ["a1", "c1"])!)!;
    kept = keptWithFollower(keptWithFollower(kept, from, "c2"), from, "b1")!;
    assert.equal(kept.members.c2, kept.members.c1);
    assert.notEqual(kept.members.b1, kept.members.c1);
    assert.notEqual(kept.members.b1, kept.members.a1);
  });

  test("groups nobody was in are not kept", () => {
    assert.equal(keptFrom({ count: 2, members: {} }), null);
  });

  test("nobody of the last groups here: no kept groups, new ones are dealt", () => {
    assert.equal(keptMembership(keptFrom(dealIntoGroups(people(3), 1))!, ["x", "y"]), null);
  });

  test("groups kept from before seats existed get distinct seats", () => {
    const again = keptMembership({ count: 1, members: { a: 1, b: 1, c: 1 } }, ["a", "b", "c"])!;
    assert.deepEqual(Object.values(again.seats).sort(), [0, 1, 2]);
  });
});

describe("erasing a person", () => {
  test("takes them out of group and seat, and leaves the others", () => {
    const dealt = dealIntoGroups(people(4), 2, seededRandom(5));
    const left = withoutPerson(dealt, "p2");
    assert.deepEqual(Object.keys(left.members).sort(), ["p1", "p3", "p4"]);
    assert.deepEqual(Object.keys(left.seats).sort(), ["p1", "p3", "p4"]);
    assert.equal(left.members.p1, dealt.members.p1);
  });
});
