"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { joinPath, normalizeJoinCode } from "../../lib/join/code-format";
import { useI18n } from "../i18n/I18nProvider";
import { LanguagePicker } from "../i18n/LanguagePicker";
import s from "./phone.module.css";

/** /join: one big field for the code shown in the room, then on to /join/CODE. */
export function JoinCodeForm() {
  const { t } = useI18n();
  const router = useRouter();
  const [code, setCode] = useState("");
  const [invalid, setInvalid] = useState(false);
  const fieldId = useId();
  const helpId = useId();
  const errorId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const normalized = normalizeJoinCode(code);
    if (!normalized) return setInvalid(true);
    router.push(joinPath(normalized));
  };

  return (
    <main className={s.join}>
      <h1>{t("join.title")}</h1>
      <p className={s.muted}>{t("join.intro")}</p>
      <form onSubmit={submit} noValidate>
        <div className={s.field}>
          <label htmlFor={fieldId} className={s.fieldLabel}>
            {t("join.codeLabel")}
          </label>
          <input
            id={fieldId}
            className={s.codeInput}
            value={code}
            onChange={(e) => {
              setCode(e.target.value);
              setInvalid(false);
            }}
            inputMode="text"
            autoCapitalize="characters"
            autoComplete="off"
            autoCorrect="off"
            spellCheck={false}
            enterKeyHint="go"
            maxLength={16}
            aria-invalid={invalid || undefined}
            aria-describedby={`${helpId} ${errorId}`}
            autoFocus
          />
          <p id={helpId} className={s.help}>
            {t("join.codeHelp")}
          </p>
        </div>
        <p id={errorId} className={s.error} role="status" aria-live="polite">
          {invalid ? t("join.codeInvalid") : ""}
        </p>
        <button type="submit" className={s.primary}>
          {t("join.submit")}
        </button>
      </form>
      <footer className={s.footer}>
        <LanguagePicker />
      </footer>
    </main>
  );
}
