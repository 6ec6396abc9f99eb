import { en } from "./en";
import { fi } from "./fi";
import { nb } from "./nb";
import { sv } from "./sv";
import { translatorFor, type Dictionary, type Language, type Translate } from "./core";

export * from "./core";

const DICTIONARIES: Record<Language, Dictionary> = { sv, nb, en, fi };

/** A translator for one language, every dictionary at hand (tests, the server). Pages use load.ts. */
export function translator(language: Language): Translate {
  return translatorFor(language, DICTIONARIES[language]);
}
