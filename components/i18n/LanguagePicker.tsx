"use client";

import { LANGUAGES, LANGUAGE_NAMES, isLanguage } from "../../lib/i18n/core";
import { useI18n } from "./I18nProvider";

export function LanguagePicker() {
  const { language, setLanguage, t } = useI18n();
  return (
    <label className="language-picker">
      <span className="visually-hidden">{t("language.label")}</span>
      <select
        value={language}
        aria-label={t("language.label")}
        onChange={(e) => isLanguage(e.target.value) && setLanguage(e.target.value)}
      >
        {LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LANGUAGE_NAMES[code]}
          </option>
        ))}
      </select>
    </label>
  );
}
