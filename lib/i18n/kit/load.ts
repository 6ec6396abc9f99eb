import type { Language } from "../core";
import type { KitDictionary } from "./en";

/** One language's kit words, fetched when a board page needs them. */
export async function loadKitDictionary(language: Language): Promise<KitDictionary> {
  switch (language) {
    case "sv":
      return (await import("./sv")).kitSv;
    case "nb":
      return (await import("./nb")).kitNb;
    case "en":
      return (await import("./en")).kitEn;
    case "fi":
      return (await import("./fi")).kitFi;
  }
}
