"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { ParticipantSummary } from "../../lib/api/schemas";
import { useI18n } from "../i18n/I18nProvider";
import { useKitText } from "../i18n/useKitText";
import { participantNames } from "./participantNames";
import { peopleApi } from "./peopleApi";
import s from "./participants.module.css";

/** Phones keep joining while the code shows: the list catches up this often while the dialog is open. */
const REFRESH_MS = 5_000;

/**
 * Who has joined, in the "Let people join" dialog: a name (or "Anonym 1" …), how many notes they
 * sent, and a way to erase someone (asked first): their name and dots go, and their notes stay
 * without a name or go too. A removed phone has to join again.
 */
export function ParticipantList({ boardId, open }: { boardId: string; open: boolean }) {
  const { t } = useI18n();
  const { t: kit } = useKitText();
  const [people, setPeople] = useState<ParticipantSummary[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [asking, setAsking] = useState<string | null>(null);
  const [message, setMessage] = useState("");
  const headingRef = useRef<HTMLHeadingElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  // After "Cancel" the person's remove button comes back: the keyboard returns to it.
  const [returnTo, setReturnTo] = useState<string | null>(null);
  useEffect(() => {
    if (!returnTo) return;
    listRef.current?.querySelector<HTMLButtonElement>(`button[data-person="${CSS.escape(returnTo)}"]`)?.focus();
    setReturnTo(null);
  }, [returnTo]);

  const load = useCallback(
    () =>
      peopleApi.list(boardId).then(
        ({ participants }) => {
          setPeople(participants);
          setFailed(false);
        },
        () => setFailed(true),
      ),
    [boardId],
  );

  useEffect(() => {
    if (!open) {
      setAsking(null);
      setMessage("");
      return;
    }
    void load();
    const timer = window.setInterval(() => void load(), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [open, load]);

  const names = people ? participantNames(people, (n) => kit("people.anonymous", { n })) : [];

  const remove = (person: ParticipantSummary, name: string, notes: "remove" | "anonymize") => {
    peopleApi.remove(boardId, person.id, notes).then(
      () => {
        setAsking(null);
        setPeople((current) => current?.filter((p) => p.id !== person.id) ?? null);
        setMessage(kit(notes === "remove" ? "people.removedWithNotes" : "people.removed", { name }));
        // The row and its buttons are gone: the keyboard goes on from the list's heading.
        headingRef.current?.focus();
        void load();
      },
      () => {
        setAsking(null);
        setFailed(true);
      },
    );
  };

  return (
    <section className={s.people} aria-labelledby="people-title" data-testid="participant-list">
      <h3 id="people-title" ref={headingRef} tabIndex={-1}>
        {kit("people.title")} {people && <span className={s.count}>({people.length})</span>}
      </h3>
      {failed && <p className="error">{kit("people.failed")}</p>}
      {people?.length === 0 && <p className={s.none}>{kit("people.none")}</p>}
      {people && people.length > 0 && (
        <ul className={s.list} ref={listRef}>
          {people.map((person, i) => {
            const name = names[i];
            const questionId = `remove-question-${person.id}`;
            return (
              <li key={person.id} className={s.person}>
                <span className={s.name}>{name}</span>
                <span className={s.meta}>
                  {t("notes.count", { count: person.notes })} · {person.via === "code" ? kit("people.viaCode") : kit("people.viaLink")}
                </span>
                {asking === person.id ? (
                  <div className={s.confirm} role="group" aria-labelledby={questionId}>
                    <p id={questionId}>{kit("people.removeConfirm", { name })}</p>
                    <button type="button" className="primary" autoFocus onClick={() => remove(person, name, "anonymize")}>
                      {kit("people.removeYes")}
                    </button>
                    {person.notes > 0 && (
                      <button type="button" onClick={() => remove(person, name, "remove")}>
                        {kit("people.removeWithNotes")}
                      </button>
                    )}
                    <button
                      type="button"
                      onClick={() => {
                        setAsking(null);
                        setReturnTo(person.id);
                      }}
                    >
                      {kit("people.cancel")}
                    </button>
                  </div>
                ) : (
                  <button type="button" data-person={person.id} aria-label={kit("people.removeLabel", { name })} onClick={() => setAsking(person.id)}>
                    {kit("people.remove")}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <p role="status" className={s.status}>
        {message}
      </p>
    </section>
  );
}
