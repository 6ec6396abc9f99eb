"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { DEFAULT_LANGUAGE, isLanguage, pickLanguage, translatorFor, type Dictionary, type Language, type Translate } from "../../lib/i18n/core";
import { loadDictionary } from "../../lib/i18n/load";
import { sv } from "../../lib/i18n/sv";

interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  t: Translate;
}

const I18nContext = createContext<I18n>({ language: DEFAULT_LANGUAGE, setLanguage: () => {}, t: translatorFor(DEFAULT_LANGUAGE, sv) });
const STORAGE_KEY = "samla:language";

/**
 * The user's choice wins; otherwise the browser's first supported language; otherwise Swedish.
 * Only the language in use is downloaded; until it arrives the page speaks Swedish.
 */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [current, setCurrent] = useState<{ language: Language; dictionary: Dictionary }>({ language: DEFAULT_LANGUAGE, dictionary: sv });

  const show = useCallback((language: Language) => {
    loadDictionary(language).then(
      (dictionary) => setCurrent({ language, dictionary }),
      () => undefined, // offline before the language arrived: Swedish stays, nothing breaks
    );
  }, []);

  useEffect(() => {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    show(isLanguage(stored) ? stored : pickLanguage(navigator.languages ?? [navigator.language]));
  }, [show]);

  useEffect(() => {
    document.documentElement.lang = current.language;
  }, [current.language]);

  const setLanguage = useCallback(
    (next: Language) => {
      window.localStorage.setItem(STORAGE_KEY, next);
      show(next);
    },
    [show],
  );

  const value = useMemo(
    () => ({ language: current.language, setLanguage, t: translatorFor(current.language, current.dictionary) }),
    [current, setLanguage],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
