"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from "react";
import type { JoinResponse } from "../../lib/api/schemas";
import { MAX_PARTICIPANT_NAME_CHARS } from "../../lib/api/limits";
import { formatJoinCode, joinKeyOf, normalizeJoinCode } from "../../lib/join/code-format";
import { useI18n } from "../i18n/I18nProvider";
import { LanguagePicker } from "../i18n/LanguagePicker";
import { NAME_KEY, callApi, joinedCodeKey, readStored, writeStored } from "./participantApi";
import { joinProblem, type JoinProblem } from "./joinProblem";
import s from "./phone.module.css";
import { boardOfCodeKey, keyOfCodeKey } from "../device/forgetBoard";


type Problem = JoinProblem;

/**
 * /join/CODE (where the QR code points): the code, an optional name, one big "Join". The server
 * answers with the same identity when this browser has joined before, so joining twice is harmless.
 * The QR code adds `#key=…`: sent with the code, it lets the phone in even while typed codes are
 * paused (docs/api.md, "POST /api/join"). After `#`, the key never reaches a log or a Referer.
 */
export function JoinBoard({ code: rawCode }: { code: string }) {
  const { t } = useI18n();
  const router = useRouter();
  const code = normalizeJoinCode(safeDecode(rawCode));
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(code ? null : { key: "join.codeInvalid" });
  const nameId = useId();
  const helpId = useId();
  const tried = useRef(false);
  const key = useRef<string | null>(null);

  const join = useCallback(
    async (joinName: string) => {
      if (!code) return;
      setBusy(true);
      setProblem(null);
      const result = await callApi<JoinResponse>("POST", "/api/join", { code, name: joinName.trim(), ...(key.current ? { key: key.current } : {}) });
      if (result.ok && result.data) {
        const { boardId } = result.data;
        writeStored(NAME_KEY, joinName.trim() || null);
        writeStored(joinedCodeKey(boardId), code);
        writeStored(boardOfCodeKey(code), boardId);
        if (key.current) writeStored(keyOfCodeKey(code), key.current);
        router.replace(`/p/${encodeURIComponent(boardId)}`);
        return;
      }
      // Joining is closed or throttled, but this phone joined this board before: its cookie may still
      // be good, and the board page says so if not.
      const known = readStored(boardOfCodeKey(code));
      if (known && (result.error === "joining_closed" || result.status === 429)) {
        router.replace(`/p/${encodeURIComponent(known)}`);
        return;
      }
      setBusy(false);
      if (result.error === "wrong_code") {
        writeStored(boardOfCodeKey(code), null);
        // A key that no longer fits (a stale copy kept on the phone) must not spoil typing the code.
        writeStored(keyOfCodeKey(code), null);
        key.current = null;
      }
      setProblem(joinProblem(result));
    },
    [code, router],
  );

  useEffect(() => {
    if (tried.current) return;
    tried.current = true;
    const remembered = readStored(NAME_KEY) ?? "";
    setName(remembered);
    if (code) key.current = joinKeyOf(window.location.hash) ?? readStored(keyOfCodeKey(code));
    // This phone has been in this workshop before: no questions, straight back in.
    if (code && readStored(boardOfCodeKey(code))) void join(remembered);
  }, [code, join]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void join(name);
  };

  return (
    <main className={s.join}>
      <h1>{t("join.title")}</h1>
      {code && (
        <p className={s.codeShown}>
          <span className="visually-hidden">{t("join.codeLabel")}: </span>
          {formatJoinCode(code)}
        </p>
      )}
      {code && (
        <form onSubmit={submit} noValidate>
          <div className={s.field}>
            <label htmlFor={nameId} className={s.fieldLabel}>
              {t("join.nameLabel")}
            </label>
            <input
              id={nameId}
              className={s.textInput}
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={MAX_PARTICIPANT_NAME_CHARS}
              autoComplete="given-name"
              enterKeyHint="go"
              aria-describedby={helpId}
            />
            <p id={helpId} className={s.help}>
              {t("join.nameHelp")}
            </p>
          </div>
          <button type="submit" className={s.primary} disabled={busy}>
            {busy ? t("join.joining") : t("join.submit")}
          </button>
        </form>
      )}
      <p className={s.error} role="status" aria-live="polite">
        {problem ? t(problem.key, { count: problem.minutes ?? 1 }) : ""}
      </p>
      {/* A plain link: next/link would add about 4 KB to the phone's first load for one tap. */}
      {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
      <a href="/join" className={s.link}>
        {t("join.otherCode")}
      </a>
      <footer className={s.footer}>
        <LanguagePicker />
      </footer>
    </main>
  );
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
