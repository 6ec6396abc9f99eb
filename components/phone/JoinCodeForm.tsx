"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import type { JoinResponse } from "../../lib/api/schemas";
import { joinPath, normalizeJoinCode } from "../../lib/join/code-format";
import { useI18n } from "../i18n/I18nProvider";
import { LanguagePicker } from "../i18n/LanguagePicker";
import { joinProblem, type JoinProblem } from "./joinProblem";
import { callApi, NAME_KEY, readStored } from "./participantApi";
import s from "./phone.module.css";
import { boardOfCodeKey } from "../device/forgetBoard";

/**
 * /join: one big field for the code shown in the room. The code is tried here (POST /api/join,
 * which answers a phone that joined before as the same participant), so a wrong code is said on
 * this page, under the field; a right one goes on to /join/CODE for the name.
 */
export function JoinCodeForm() {
  const { t } = useI18n();
  const router = useRouter();
  const [code, setCode] = useState("");
  const [problem, setProblem] = useState<JoinProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const invalid = problem !== null;
  const fieldId = useId();
  const helpId = useId();
  const errorId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const normalized = normalizeJoinCode(code);
    if (!normalized) return setProblem({ key: "join.codeInvalid" });
    setBusy(true);
    const result = await callApi<JoinResponse>("POST", "/api/join", { code: normalized, name: (readStored(NAME_KEY) ?? "").trim() });
    // Closed or busy, but this phone was in this workshop before: the next page knows what to do.
    const known = readStored(boardOfCodeKey(normalized)) !== null;
    if (result.ok || (known && (result.error === "joining_closed" || result.status === 429)) || result.status === 0) {
      router.push(joinPath(normalized));
      return;
    }
    setBusy(false);
    setProblem(joinProblem(result));
  };

  return (
    <main className={s.join}>
      <h1>{t("join.title")}</h1>
      <p className={s.muted}>{t("join.intro")}</p>
      <form onSubmit={(event) => void submit(event)} noValidate>
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
              setProblem(null);
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
        <p id={errorId} className={s.error} role="status" aria-live="polite" data-testid="join-code-problem">
          {problem ? t(problem.key, { count: problem.minutes ?? 1 }) : ""}
        </p>
        <button type="submit" className={s.primary} disabled={busy}>
          {busy ? t("join.joining") : t("join.submit")}
        </button>
      </form>
      <footer className={s.footer}>
        <LanguagePicker />
      </footer>
    </main>
  );
}
