import assert from "node:assert/strict";
import { test } from "node:test";
import * as Y from "yjs";
import { kitById } from "../kits/index";
import { applyKit } from "../kits/apply";
import { parseKit } from "../kits/index";
import { framesOf } from "../schema/frame";
import { readSession, writeSession } from "../schema/session";
import { categoryTarget, currentCategories } from "./categories";
import { createFrame, deleteFrame, updateFrame } from "./frames";

function boardWithStep(categories: string | undefined): { doc: Y.Doc; session: Y.Doc } {
  const doc = new Y.Doc();
  const session = new Y.Doc();
  createFrame(doc, { id: "fh", kind: "columns", title: "Förhållningssätt", columns: 2, cellLabels: ["Främjar värdegrunden", "Motverkar värdegrunden"], x: 0, y: 0, now: 1 }, "test");
  createFrame(doc, { id: "goal", kind: "flipchart", title: "Mål", x: 2000, y: 0, now: 1 }, "test");
  const step = { title: "Skriv", minutes: 5, prompt: "Vad främjar, vad motverkar?", mode: "private" as const, ...(categories ? { categories } : {}) };
  writeSession(session, { agenda: { steps: [step], current: 0 } });
  return { doc, session };
}

test("a step's categories are its worksheet's cells, by their labels as they are now", () => {
  const { doc, session } = boardWithStep("fh");
  assert.deepEqual(currentCategories(doc, session), { frameId: "fh", choices: [{ cell: 0, label: "Främjar värdegrunden" }, { cell: 1, label: "Motverkar värdegrunden" }] });
  updateFrame(doc, "fh", { cellLabels: ["Främjar", ""] }, "test");
  assert.deepEqual(currentCategories(doc, session)?.choices, [{ cell: 0, label: "Främjar" }, { cell: 1, label: "2" }], "an unlabelled cell by its number");
  assert.deepEqual(categoryTarget(doc, session, 1), { frame: "fh", cell: 1 });
});

test("no categories: a step without them, no step, a one-cell worksheet, a deleted one; a cell it lacks has no target", () => {
  const none = boardWithStep(undefined);
  assert.equal(currentCategories(none.doc, none.session), null);
  const one = boardWithStep("goal");
  assert.equal(currentCategories(one.doc, one.session), null);
  const gone = boardWithStep("fh");
  deleteFrame(gone.doc, "fh", "test");
  assert.equal(currentCategories(gone.doc, gone.session), null);
  const between = boardWithStep("fh");
  writeSession(between.session, { agenda: { ...readSession(between.session).agenda!, current: null } });
  assert.equal(currentCategories(between.doc, between.session), null);
  const ok = boardWithStep("fh");
  assert.equal(categoryTarget(ok.doc, ok.session, 2), null);
  assert.equal(categoryTarget(ok.doc, ok.session, undefined), null);
});

test("a kit step names its categories by frame index; on the board it names the frame made for it", () => {
  const kit = kitById("backspegling")!;
  const withCategories = parseKit("backspegling.json", { ...kit, agenda: kit.agenda.map((step, i) => (i === 1 ? { ...step, categories: 0 } : step)) });
  const doc = new Y.Doc();
  const session = new Y.Doc();
  let n = 0;
  const applied = applyKit(doc, session, withCategories, "sv", { origin: null, now: 1, newId: () => `f${++n}` });
  const steps = readSession(session).agenda!.steps;
  assert.equal(steps[1].categories, applied.frames[0]);
  assert.ok(framesOf(doc).has(steps[1].categories!));
  assert.throws(() => parseKit("backspegling.json", { ...kit, agenda: [{ ...kit.agenda[0], categories: 9 }] }), /categories name a frame/);
});
