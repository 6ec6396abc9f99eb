import type { en, PluralForms } from "./en";

/**
 * The language machinery without any dictionary in it, so a page loads only the language it
 * shows (see load.ts); `index.ts` adds every dictionary for tests and the server.
 */
export type { PluralForms };
export type MessageKey = keyof typeof en;
/** Every language has every key: a missing translation is a type error, not a blank button. */
export type Dictionary = { [K in MessageKey]: (typeof en)[K] extends string ? string : PluralForms };

export const LANGUAGES = ["sv", "nb", "en", "fi"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "sv";
export const LANGUAGE_NAMES: Record<Language, string> = { sv: "Svenska", nb: "Norsk bokmål", en: "English", fi: "Suomi" };

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/** First supported language among the browser's preferences; Norwegian variants map to bokmål. */
export function pickLanguage(preferences: readonly string[]): Language {
  for (const tag of preferences) {
    const base = tag.toLowerCase().split(/[-_]/)[0];
    const mapped = base === "no" || base === "nn" ? "nb" : base;
    if (isLanguage(mapped)) return mapped;
  }
  return DEFAULT_LANGUAGE;
}

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

/** Any dictionary: the core one every page loads, or the facilitator's kit (lib/i18n/kit). */
export type AnyDictionary = Record<string, string | PluralForms>;

/** A translator over one dictionary. Plural forms follow the platform's CLDR rules (Intl.PluralRules). */
export function translatorFor<D extends AnyDictionary = Dictionary>(language: Language, dictionary: D): (key: keyof D & string, params?: Params) => string {
  const plurals = new Intl.PluralRules(language);
  return (key, params = {}) => {
    const entry: string | PluralForms = dictionary[key];
    const template =
      typeof entry === "string" ? entry : (entry[plurals.select(Number(params.count ?? 0))] ?? entry.other);
    return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
  };
}
