import { translatorFor, type Language, type Params } from "../core";
import { kitEn, type KitDictionary, type KitMessageKey } from "./en";
import { kitFi } from "./fi";
import { kitNb } from "./nb";
import { kitSv } from "./sv";

export type { KitDictionary, KitMessageKey } from "./en";
export type KitTranslate = (key: KitMessageKey, params?: Params) => string;

export const KIT_DICTIONARIES: Record<Language, KitDictionary> = { sv: kitSv, nb: kitNb, en: kitEn, fi: kitFi };

/** The kit's words in one language, every dictionary at hand (tests, the server's exports). */
export function kitTranslator(language: Language): KitTranslate {
  return translatorFor(language, KIT_DICTIONARIES[language]);
}
