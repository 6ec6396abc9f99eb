import assert from "node:assert/strict";
import { test } from "node:test";
import { personalPlanText, planSections } from "./personal-plan";

const AREAS = ["Delaktighet", "Kompetensutveckling"];

test("notes are grouped under the worksheet's areas in its order, empty areas kept", () => {
  const sections = planSections(AREAS, [
    { area: "Kompetensutveckling", text: "Gå kursen om demens" },
    { area: "Delaktighet", text: "Fråga Aina vad hon vill" },
    { area: "Kompetensutveckling", text: "Läsa om lågaffektivt bemötande" },
  ]);
  assert.deepEqual(sections, [
    { area: "Delaktighet", texts: ["Fråga Aina vad hon vill"] },
    { area: "Kompetensutveckling", texts: ["Gå kursen om demens", "Läsa om lågaffektivt bemötande"] },
  ]);
  assert.deepEqual(planSections(AREAS, []).map((s) => s.texts.length), [0, 0]);
});

test("an area the worksheet no longer has, and notes without one, come after", () => {
  const sections = planSections(AREAS, [
    { area: "", text: "Utan område" },
    { area: "Gammalt område", text: "Kvar från förr" },
  ]);
  assert.deepEqual(sections.map((s) => s.area), ["Delaktighet", "Kompetensutveckling", "Gammalt område", ""]);
});

test("the text file has the title, the board and date, and each note as a bullet with its lines kept", () => {
  const text = personalPlanText({
    title: "Min personliga handlingsplan",
    boardTitle: "Arbetsmöte 3",
    date: "2 december 2026",
    areas: AREAS,
    notes: [{ area: "Delaktighet", text: "Första raden\nandra raden" }, { area: "", text: "Övrigt" }],
    otherHeading: "Övrigt",
  });
  assert.equal(
    text,
    ["Min personliga handlingsplan", "Arbetsmöte 3, 2 december 2026", "", "Delaktighet", "- Första raden", "  andra raden", "", "Kompetensutveckling", "–", "", "Övrigt", "- Övrigt", ""].join("\n"),
  );
});
