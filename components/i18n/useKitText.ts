"use client";

import { useEffect, useMemo, useState } from "react";
import { translatorFor } from "../../lib/i18n/core";
import type { KitTranslate } from "../../lib/i18n/kit";
import type { KitDictionary } from "../../lib/i18n/kit/en";
import { loadKitDictionary } from "../../lib/i18n/kit/load";
import { kitSv } from "../../lib/i18n/kit/sv";
import { useI18n } from "./I18nProvider";

/**
 * The facilitator's kit words (lib/i18n/kit) in the page's language. Board pages only: the phone
 * page never loads them. Until the language arrives the words are Swedish, like the core ones.
 */
export function useKitText(): { t: KitTranslate; language: ReturnType<typeof useI18n>["language"] } {
  const { language } = useI18n();
  const [loaded, setLoaded] = useState<{ language: string; dictionary: KitDictionary }>({ language: "sv", dictionary: kitSv });
  useEffect(() => {
    let current = true;
    loadKitDictionary(language).then(
      (dictionary) => current && setLoaded({ language, dictionary }),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [language]);
  const t = useMemo(() => translatorFor(language, loaded.dictionary) as KitTranslate, [language, loaded]);
  return { t, language };
}
