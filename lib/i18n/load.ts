import type { Dictionary, Language } from "./core";

/**
 * One language's dictionary, fetched when it is needed: a phone downloads the words it shows,
 * not all four languages (Swedish, the default, comes with the page).
 */
export async function loadDictionary(language: Language): Promise<Dictionary> {
  switch (language) {
    case "sv":
      return (await import("./sv")).sv;
    case "nb":
      return (await import("./nb")).nb;
    case "en":
      return (await import("./en")).en;
    case "fi":
      return (await import("./fi")).fi;
  }
}
