import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { en } from "./en";
import { fi } from "./fi";
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGE_NAMES, LANGUAGES, pickLanguage, translator, type Dictionary, type Language, type MessageKey, type PluralForms } from "./index";
import { nb } from "./nb";
import { sv } from "./sv";
import { KIT_DICTIONARIES, kitTranslator } from "./kit";
import { kitEn } from "./kit/en";

const DICTIONARIES: Record<Language, Dictionary> = { sv, nb, en, fi };
const KEYS = Object.keys(en) as MessageKey[];

type AnyEntry = string | PluralForms;
/** The core words every page loads, and the facilitator's kit that only board pages load. */
const NAMESPACES: Array<{ name: string; english: Record<string, AnyEntry>; dictionaries: Record<Language, Record<string, AnyEntry>> }> = [
  { name: "core", english: en, dictionaries: DICTIONARIES },
  { name: "kit", english: kitEn, dictionaries: KIT_DICTIONARIES },
];
/** Every placeholder any message uses, with a value: a new placeholder must be added here. */
const PARAMS = { count: 2, n: 1, total: 2, color: "c", text: "t", name: "N", url: "u", address: "a", code: "X", title: "T", minutes: 5, time: "1:00", group: 2, value: 7, label: "L", step: 1, date: "2026-01-01", kind: "k", when: "w", role: "r", what: "x", format: "f", link: "l", median: 6, low: 3, high: 8, size: 3, round: 2 };

function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
}

function forms(entry: string | PluralForms): Array<[string, string]> {
  return typeof entry === "string" ? [["", entry]] : Object.entries(entry).filter((pair): pair is [string, string] => typeof pair[1] === "string");
}

describe("dictionaries", () => {
  test("there is a dictionary and a name for every language", () => {
    assert.deepEqual(Object.keys(DICTIONARIES).sort(), [...LANGUAGES].sort());
    assert.deepEqual(Object.keys(LANGUAGE_NAMES).sort(), [...LANGUAGES].sort());
    assert.ok(isLanguage(DEFAULT_LANGUAGE));
  });

  for (const { name, english, dictionaries } of NAMESPACES) {
    const keys = Object.keys(english);
    for (const language of LANGUAGES) {
      describe(`${name} ${language}`, () => {
        const dictionary = dictionaries[language];

        test("has exactly English's keys, each non-empty and of the same kind", () => {
          assert.deepEqual(Object.keys(dictionary).sort(), [...keys].sort());
          for (const key of keys) {
            const entry = dictionary[key];
            assert.equal(typeof entry, typeof english[key], key);
            for (const [form, text] of forms(entry)) assert.ok(text.trim().length > 0, `${language} ${key} ${form} is empty`);
          }
        });

        test("uses the same {placeholders} as English in every form", () => {
          for (const key of keys) {
            const source = english[key];
            const expected = placeholders(typeof source === "string" ? source : source.other);
            for (const [form, text] of forms(dictionary[key])) {
              assert.deepEqual(placeholders(text), expected, `${language} ${key} ${form}: "${text}"`);
            }
          }
        });

        test("every plural entry has each category Intl.PluralRules needs, and one/other", () => {
          const needed = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
          assert.ok(needed.includes("one") && needed.includes("other"), `${language} rules: ${needed.join(",")}`);
          for (const key of keys) {
            const entry = dictionary[key];
            if (typeof entry === "string") continue;
            for (const category of needed) assert.equal(typeof entry[category], "string", `${language} ${key} lacks "${category}"`);
            for (const category of Object.keys(entry)) assert.ok(needed.includes(category as Intl.LDMLPluralRule), `${language} ${key} has unused "${category}"`);
          }
        });
      });
    }
  }
});

describe("pickLanguage", () => {
  const cases: Array<[string[], Language]> = [
    [["nb-NO"], "nb"],
    [["no"], "nb"],
    [["nn"], "nb"],
    [["nn-NO", "sv"], "nb"],
    [["de", "en-GB"], "en"],
    [[], "sv"],
    [["fi-FI"], "fi"],
    [["sv-FI"], "sv"],
    [["SV_se"], "sv"],
    [["de", "fr"], "sv"],
    [["en-US", "sv"], "en"],
  ];
  for (const [preferences, expected] of cases) {
    test(`${JSON.stringify(preferences)} → ${expected}`, () => {
      assert.equal(pickLanguage(preferences), expected);
    });
  }
});

describe("translator", () => {
  test("Swedish plurals", () => {
    const t = translator("sv");
    assert.equal(t("notes.count", { count: 1 }), "1 lapp");
    assert.equal(t("notes.count", { count: 3 }), "3 lappar");
    assert.equal(t("notes.count", { count: 0 }), "0 lappar");
    assert.equal(t("presence.here", { count: 1 }), "1 person här");
    assert.equal(t("presence.here", { count: 2 }), "2 personer här");
  });

  test("plurals in the other languages", () => {
    assert.equal(translator("en")("notes.count", { count: 1 }), "1 note");
    assert.equal(translator("en")("notes.count", { count: 2 }), "2 notes");
    assert.equal(translator("nb")("notes.count", { count: 5 }), "5 lapper");
    assert.equal(translator("fi")("notes.count", { count: 1 }), "1 lappu");
    assert.equal(translator("fi")("notes.count", { count: 4 }), "4 lappua");
  });

  test("fills named placeholders and leaves unknown ones visible", () => {
    const t = translator("sv");
    assert.equal(t("notes.item", { n: 2, total: 5, color: "Gul", text: "Hej" }), "Lapp 2 av 5, Gul: Hej");
    assert.equal(t("notes.editedBy", {}), "{name} skriver här");
    assert.equal(t("app.name"), "Samla");
  });

  test("a value that looks like a placeholder is not expanded again", () => {
    const t = translator("en");
    assert.equal(t("notes.editedBy", { name: "{name}" }), "{name} is writing here");
  });

  test("every key renders in every language without a leftover placeholder", () => {
    for (const language of LANGUAGES) {
      const t = translator(language);
      for (const key of KEYS) {
        const text = t(key, PARAMS);
        assert.ok(text.length > 0 && !/\{\w+\}/.test(text), `${language} ${key}: "${text}"`);
      }
      const kit = kitTranslator(language);
      for (const key of Object.keys(kitEn) as Array<keyof typeof kitEn>) {
        const text = kit(key, PARAMS);
        assert.ok(text.length > 0 && !/\{\w+\}/.test(text), `${language} ${key}: "${text}"`);
      }
    }
  });
});
