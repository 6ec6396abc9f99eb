import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, test } from "node:test";
import * as Y from "yjs";
import { createNote } from "../board/actions";
import { LANGUAGES, type Language } from "../i18n/core";
import { KIT_DICTIONARIES } from "../i18n/kit";
import { en } from "../i18n/en";
import { fi } from "../i18n/fi";
import { nb } from "../i18n/nb";
import { sv } from "../i18n/sv";
import { frameFieldsSchema, framesOf, readFrames } from "../schema/frame";
import { agendaStepSchema, MAX_AGENDA_STEPS, readSession, writeSession } from "../schema/session";
import { contentBounds } from "../board/content-bounds";
import { arrivalOrigin, arrivalRect, inboxOrigin } from "../board/inbox";
import { applyKit, KitError } from "./apply";
import { KIT_SOURCES, kitById, kitList, KITS, parseKit } from "./index";
import { shapeOf, type Kit, type LocalizedText } from "./schema";

const DATA = new URL("./methods/", import.meta.url);
const NOW = 1_750_000_000_000;

function counter(prefix = "f"): () => string {
  let n = 0;
  return () => `${prefix}${++n}`;
}

function render(kit: Kit, language: (typeof LANGUAGES)[number], doc = new Y.Doc(), session = new Y.Doc()) {
  const applied = applyKit(doc, session, kit, language, { origin: "test", now: NOW, newId: counter() });
  return { doc, session, applied, frames: readFrames(doc) };
}

/** Every localized text in a kit, with where it is. */
function textsOf(kit: Kit): Array<[string, LocalizedText]> {
  const found: Array<[string, LocalizedText]> = [["title", kit.title], ["description", kit.description]];
  kit.frames.forEach((frame, i) => {
    const at = `frames[${i}]`;
    found.push([`${at}.title`, frame.title]);
    for (const key of ["rowAxis", "columnAxis", "lowLabel", "highLabel"] as const) if (frame[key]) found.push([`${at}.${key}`, frame[key]]);
    for (const key of ["cellLabels", "rowLabels", "columnLabels"] as const) frame[key]?.forEach((text, j) => found.push([`${at}.${key}[${j}]`, text]));
  });
  kit.agenda.forEach((step, i) => {
    found.push([`agenda[${i}].title`, step.title], [`agenda[${i}].prompt`, step.prompt]);
    step.groups?.roles?.forEach((role, j) => found.push([`agenda[${i}].groups.roles[${j}]`, role]));
  });
  return found;
}

function overlaps(a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe("kit files", () => {
  test("every file in lib/kits/methods is a kit the app ships, and every required kit is there", () => {
    const files = readdirSync(DATA).filter((name) => name.endsWith(".json") && name !== "sources.json");
    assert.deepEqual(files.map((name) => name.replace(/\.json$/, "")).sort(), KITS.map((kit) => kit.id).sort());
    const required = [
      "blank", "arbetsmote-1", "arbetsmote-2", "arbetsmote-3", "arbetsmote-4", "arbetsmote-5", "backspegling", "incheckning", "utcheckning",
      "gruppkontrakt", "ny-arbetsmetod", "ny-arbetsmetod-2", "swot", "varderingar-i-praktiken", "prioriteringar", "gruppklimat", "oss-og-vart-oppstart", "oss-og-vart-utforske", "oss-og-vart-utdype", "oss-og-vart-skape", "oss-og-vart-teste",
    ];
    for (const id of required) assert.ok(kitById(id), id);
    assert.equal(KITS[0].id, "blank", "blank is listed first");
  });

  test("a broken kit file fails loudly, naming the file and the field", () => {
    const good = JSON.parse(readFileSync(new URL("swot.json", DATA), "utf8"));
    assert.throws(() => parseKit("swot.json", { ...good, title: { sv: "Bara svenska" } }), /lib\/kits\/methods\/swot\.json[\s\S]*title/);
    const lopsided = structuredClone(good);
    lopsided.frames[0].cellLabels.pop();
    assert.throws(() => parseKit("swot.json", lopsided), /one label per cell/);
    assert.throws(() => parseKit("other.json", good), /must match the file name/);
  });

  for (const kit of KITS) {
    describe(kit.id, () => {
      test("has Swedish, Norwegian and English text everywhere", () => {
        for (const [where, text] of textsOf(kit)) {
          for (const language of ["sv", "nb", "en"] as const) assert.ok(text[language]?.trim(), `${kit.id} ${where} lacks ${language}`);
        }
      });

      test("has Finnish everywhere or nowhere, so a Finnish board never mixes languages", () => {
        const texts = [...textsOf(kit).map(([, text]) => text), ...kit.agenda.flatMap((step) => step.areas ?? [])];
        const finnish = texts.filter((text) => text.fi !== undefined).length;
        assert.ok(finnish === 0 || finnish === texts.length, `${kit.id}: ${finnish} of ${texts.length} texts in Finnish`);
      });

      test("every step has minutes and a prompt a phone can show", () => {
        for (const step of kit.agenda) {
          assert.ok(step.minutes > 0);
          for (const language of LANGUAGES) assert.ok(agendaStepSchema.safeParse({ ...step, title: "t", prompt: step.prompt[language] ?? step.prompt.sv, areas: step.areas?.map((area) => area[language] ?? area.sv), categories: step.categories === undefined ? undefined : "a-frame", groups: step.groups && { ...step.groups, frame: "a-frame", roles: step.groups.roles?.map((role) => role[language] ?? role.sv) } }).success);
        }
      });

      for (const language of LANGUAGES) {
        test(`renders in ${language}: valid frames with titles and their cells, side by side, and the agenda`, () => {
          const { doc, session, applied, frames } = render(kit, language);
          assert.equal(frames.length, kit.frames.length);
          assert.deepEqual(applied.frames, frames.map((frame) => frame.id));
          frames.forEach((frame, i) => {
            const source = kit.frames[i];
            const { id: _id, ...fields } = frame;
            assert.ok(frameFieldsSchema.safeParse(fields).success, `${kit.id} frame ${i} reads back invalid`);
            assert.equal(frame.kind, source.kind);
            assert.ok(frame.title.trim().length > 0);
            const { rows, columns } = shapeOf(source);
            assert.equal(frame.cellLabels.length, rows * columns);
            // The raw map, not the repairing read: what the kit wrote must already be right.
            assert.equal((framesOf(doc).get(frame.id)!.get("cellLabels") as string[]).length, rows * columns);
          });
          for (const [i, a] of frames.entries()) for (const b of frames.slice(i + 1)) assert.ok(!overlaps(a, b), `${a.title} overlaps ${b.title}`);
          const agenda = readSession(session).agenda;
          if (kit.agenda.length === 0) assert.equal(agenda, null);
          else {
            assert.equal(agenda!.current, null);
            assert.equal(agenda!.steps.length, kit.agenda.length);
            for (const step of agenda!.steps) assert.ok(agendaStepSchema.safeParse(step).success);
            // A step's categories are a worksheet of this kit, by the id it got on the board.
            agenda!.steps.forEach((step, i) => assert.equal(step.categories, kit.agenda[i].categories === undefined ? undefined : applied.frames[kit.agenda[i].categories!]));
            agenda!.steps.forEach((step, i) => assert.equal(step.groups?.frame, kit.agenda[i].groups === undefined ? undefined : applied.frames[kit.agenda[i].groups!.frame]));
          }
        });
      }
    });
  }
});

describe("arbetsmote-1", () => {
  test("the Prioritering grid: Stor/Liten impact by Ja/Nej can start now, cells 1-4 as seeds/000 numbers them", () => {
    const [grid, proposal] = render(kitById("arbetsmote-1")!, "sv").frames;
    assert.equal(grid.kind, "quadrant");
    assert.equal(grid.title, "Prioritering");
    assert.deepEqual(grid.rowLabels, ["Stor", "Liten"]);
    assert.deepEqual(grid.columnLabels, ["Ja", "Nej"]);
    // Row by row: 1 = large impact and we can start now, 4 = small impact and we cannot.
    assert.deepEqual(grid.cellLabels, ["1", "2", "3", "4"]);
    assert.match(grid.rowAxis!, /värdighet och välbefinnande/);
    assert.equal(proposal.title, "Vårt förslag till värdegrund");
    assert.deepEqual(readSession(render(kitById("arbetsmote-1")!, "sv").session).agenda!.steps.map((s) => s.minutes), [10, 30, 40]);
  });

  test("in Norwegian, English and Finnish the texts are translated; without Finnish the Swedish original shows", () => {
    assert.equal(render(kitById("arbetsmote-1")!, "nb").frames[1].title, "Vårt forslag til verdigrunnlag");
    assert.equal(render(kitById("arbetsmote-1")!, "en").frames[0].title, "Prioritisation");
    assert.equal(render(kitById("arbetsmote-1")!, "fi").frames[1].title, "Ehdotuksemme arvopohjaksi");
    const swedishOnly = structuredClone(kitById("arbetsmote-1")!);
    for (const [, text] of textsOf(swedishOnly)) delete text.fi;
    assert.equal(render(swedishOnly, "fi").frames[1].title, "Vårt förslag till värdegrund");
  });
});

describe("ny-arbetsmetod", () => {
  test("runs as seeds/002's two half-days: half-day 1 offers half-day 2 next, which has Tips på vägen in the seed's three steps", () => {
    assert.equal(kitById("ny-arbetsmetod")!.next, "ny-arbetsmetod-2");
    const { frames, session } = render(kitById("ny-arbetsmetod-2")!, "sv");
    assert.equal(frames[0].title, "Tips på vägen");
    assert.deepEqual(frames[0].cellLabels, ["Initiala steget", "Implementeringen", "Uppföljning"]);
    const titles = readSession(session).agenda!.steps.map((s) => s.title);
    assert.ok(titles.includes("Initiala steget: Drivkrafter för förändring"));
    assert.ok(titles.includes("Uppföljning: Lärande över gränser och perspektiv"));
    assert.equal(render(kitById("ny-arbetsmetod-2")!, "fi").frames[0].title, "Vinkkejä matkan varrelle");
  });
});

describe("oss-og-vart", () => {
  test("the HMS group's start meeting opens the series, with seed 004's questions and the one Fremdriftsplan of the series", () => {
    const chain = ["oss-og-vart-oppstart", "oss-og-vart-utforske", "oss-og-vart-utdype", "oss-og-vart-skape", "oss-og-vart-teste"];
    chain.slice(0, -1).forEach((id, i) => assert.equal(kitById(id)!.next, chain[i + 1], id));
    const { frames, session } = render(kitById("oss-og-vart-oppstart")!, "nb");
    assert.deepEqual(frames.map((frame) => frame.title), ["Arbeidsmiljø", "Roller og samarbeid", "Fremdriftsplan"]);
    const plan = frames[2];
    assert.equal(plan.cellLabels.filter((label) => label.endsWith("Dato for verksted:")).length, 4);
    assert.equal(plan.cellLabels.filter((label) => label === "Hvem skal lede verkstedet?").length, 4);
    assert.equal(plan.cellLabels.filter((label) => label === "Dato for planleggingsmøte").length, 3);
    const prompts = readSession(session).agenda!.steps.map((s) => s.prompt);
    assert.ok(prompts.some((prompt) => prompt.startsWith("Reflekter først hver for dere og diskuter deretter sammen:")));
    for (const id of chain.slice(1)) assert.ok(!kitById(id)!.frames.some((frame) => frame.title.nb === "Fremdriftsplan"), `${id} repeats the plan`);
  });
});

describe("adding a kit to a board", () => {
  test("goes to the right of the notes and frames already there, and appends its steps", () => {
    const doc = new Y.Doc();
    createNote(doc, { id: "n1", x: 3000, y: -500, text: "Redan här", now: NOW }, "test");
    const session = new Y.Doc();
    const first = render(kitById("incheckning")!, "sv", doc, session);
    const before = contentBounds(doc)!;
    writeSession(session, { agenda: { ...readSession(session).agenda!, current: 1 } });
    applyKit(doc, session, kitById("backspegling")!, "sv", { origin: "test", now: NOW, newId: counter("g") });
    const added = readFrames(doc).filter((frame) => frame.id.startsWith("g"));
    assert.deepEqual(added.map((frame) => frame.title), ["Backspegling", "Helhetsbild"]);
    for (const frame of added) {
      assert.ok(frame.x >= before.x + before.width, "the new frames start right of the old content");
      for (const old of first.frames) assert.ok(!overlaps(old, frame));
    }
    assert.ok(!overlaps(added[0], added[1]));
    const agenda = readSession(session).agenda!;
    assert.deepEqual(agenda.steps.map((s) => s.title), ["Syfte, roller och agenda", "Föregående möte", "Förväntningar och farhågor", "Samtal", "Reflektera själv", "Laget runt", "En helhetsbild"]);
    assert.equal(agenda.current, 1, "the step the facilitator is on stays");
  });

  test("goes right of the Nya lappar area too, even while it holds no note, so new notes never end up under it", () => {
    const doc = new Y.Doc();
    const session = new Y.Doc();
    render(kitById("incheckning")!, "sv", doc, session);
    const inbox = inboxOrigin([], readFrames(doc));
    writeSession(session, { inbox });
    applyKit(doc, session, kitById("backspegling")!, "sv", { origin: "test", now: NOW, newId: counter("g") });
    const added = readFrames(doc).filter((frame) => frame.id.startsWith("g"));
    for (const frame of added) assert.ok(!overlaps(frame, arrivalRect(inbox, 2)), "the kit's worksheet is clear of the area");
    assert.deepEqual(arrivalOrigin(inbox, [], readFrames(doc)), inbox, "so the area stays where the room has seen it");
  });

  test("Arbetsmöte 3's action plan is personal, with seed 000's five areas in the board's language", () => {
    const { session } = render(kitById("arbetsmote-3")!, "sv");
    const plan = readSession(session).agenda!.steps.at(-1)!;
    assert.equal(plan.mode, "personal");
    assert.deepEqual(plan.areas, ["Delaktighet", "Verksamhetsutveckling", "Kompetensutveckling", "Yrkesrollsutveckling", "Utveckling av personliga egenskaper"]);
    assert.equal(plan.signed, undefined);
    const nb = readSession(render(kitById("arbetsmote-3")!, "nb").session).agenda!.steps.at(-1)!;
    assert.equal(nb.areas?.[0], "Medvirkning");
  });

  test("only a personal step has areas", () => {
    const kit = structuredClone(kitById("arbetsmote-3")!);
    kit.agenda[0].areas = [{ sv: "A", nb: "A", en: "A" }];
    assert.throws(() => parseKit("arbetsmote-3.json", kit), /only a personal step has areas/);
  });

  test("refuses, writing nothing, when the agenda would grow past its limit", () => {
    const doc = new Y.Doc();
    const kit = kitById("arbetsmote-3")!;
    const session = new Y.Doc();
    // As many times as fit in the agenda, then once more.
    for (let i = 0; i < Math.floor(MAX_AGENDA_STEPS / kit.agenda.length); i++) applyKit(doc, session, kit, "sv", { origin: "test", now: NOW, newId: counter(`k${i}-`) });
    const frames = framesOf(doc).size;
    assert.throws(() => applyKit(doc, session, kit, "sv", { origin: "test", now: NOW, newId: counter("x") }), (error) => error instanceof KitError && error.code === "agenda_full");
    assert.equal(framesOf(doc).size, frames);
  });

  test("blank adds nothing", () => {
    const { frames, session } = render(kitById("blank")!, "sv");
    assert.equal(frames.length, 0);
    assert.equal(readSession(session).agenda, null);
  });
});

describe("kitList", () => {
  test("lists every kit under a known source, with every language's title (Finnish falls back to Swedish)", () => {
    const list = kitList();
    assert.equal(list.kits.length, KITS.length);
    const sources = new Set(list.sources.map((source) => source.id));
    for (const kit of list.kits) assert.ok(sources.has(kit.source), kit.id);
    const first = list.kits.find((kit) => kit.id === "arbetsmote-1")!;
    assert.deepEqual(first.title, { sv: "Arbetsmöte 1 – Prioritering", nb: "Arbeidsmøte 1 – Prioritering", en: "Work meeting 1 – Prioritisation", fi: "Työkokous 1 – Priorisointi" });
    for (const kit of list.kits) assert.equal(kit.title.fi, kitById(kit.id)!.title.fi ?? kitById(kit.id)!.title.sv, kit.id);
    assert.equal(first.frames, 2);
    assert.equal(first.steps, 3);
  });
});

describe("one word for one thing, in every language", () => {
  // Words the translations were read against their sources for (docs/kits.md, "Words"): each
  // pattern is the word a language does not use, beside the one it does.
  const AVOIDED: Record<Language, Array<[RegExp, string]>> = {
    sv: [[/samtalsledar/i, "processledare"], [/Annan betydelse|Mindre betydelse/, "Övriga"], [/"Läge"/, "Status"]],
    nb: [[/\btavlen\b/i, "tavla"], [/velvære/, "trivsel"], [/Hver for oss/, "Hver for seg"], [/Like lapper/, "Lignende lapper"], [/med med/, "med"], [/Ny punkt/, "Nytt punkt"], [/Mindre betydning|Annen betydning/, "Øvrige"], [/samtaleleder/i, "prosessleder"]],
    en: [[/Prioritising worksheet|– Prioritising|"Prioritising"/, "Prioritisation"]],
    fi: [[/työpohj/i, "työarkki"], [/Pienempi merkitys|Muu merkitys/, "Muut"], [/fasilitaattor|ohjaaj/i, "vetäjä"]],
  };
  const textsIn = (language: Language): string[] => {
    const kitTexts = KITS.flatMap((kit) => JSON.stringify(kit).match(new RegExp(`"${language}":"(?:[^"\\\\]|\\\\.)*"`, "g")) ?? []);
    const dictionaries = [{ sv, nb, en, fi }[language], KIT_DICTIONARIES[language]].flatMap((d) => Object.values(d).map((v) => JSON.stringify(v)));
    return [...kitTexts, ...dictionaries];
  };
  for (const language of LANGUAGES) {
    test(`${language}: ${AVOIDED[language].map(([, word]) => word).join(", ")}`, () => {
      const texts = textsIn(language);
      for (const [avoided] of AVOIDED[language]) {
        assert.deepEqual(texts.filter((text) => avoided.test(text)), [], `${language} uses ${avoided}`);
      }
    });
  }
});

test("the home page's method groups are named in Finnish too", () => {
  for (const source of KIT_SOURCES) assert.ok(source.title.fi && source.title.fi !== source.title.sv, `${source.id} has no Finnish title`);
});

