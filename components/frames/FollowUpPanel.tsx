"use client";

import { useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import { followUpKind, followUpList, statusName, type FollowUpEdit, type FollowUpItem, type FollowUpKind } from "../../lib/board/follow-up";
import type { Language } from "../../lib/i18n";
import type { KitTranslate } from "../../lib/i18n/kit";
import { MAX_OWNER_CHARS, PARKING_STATUSES, SIGNIFICANCES, type NoteSnapshot } from "../../lib/schema/note";
import type { NoteStore } from "../board/noteStore";
import { useKitText } from "../i18n/useKitText";
import styles from "./frames.module.css";
import type { Worksheets } from "./useWorksheets";

export interface FollowUpPanelProps {
  boardId: string;
  worksheets: Worksheets;
  notes: NoteStore;
  /** The one selected note, if exactly one is. */
  noteId: string | null;
  /** The board's follow-up list is open (the toolbar's "Uppföljning"). */
  listOpen: boolean;
  onCloseList(): void;
  /** Selects a note and brings it into view. */
  onShowNote(noteId: string): void;
  /** Esc: closes the list, or else lets go of the note. */
  onDismiss(): void;
}

/**
 * Follow-up (seeds/000, Arbetsmöte 5, and every meeting's "who does what by when"): the selected
 * note's status, person responsible and dates, when it is a parked question or an action; and,
 * when asked for, the board's whole follow-up list with a spreadsheet and a calendar to take away.
 * Every change is saved at once and shows on every screen.
 */
export function FollowUpPanel({ boardId, worksheets, notes, noteId, listOpen, onCloseList, onShowNote, onDismiss }: FollowUpPanelProps) {
  const { frames, actions, editable } = worksheets;
  const { t, language } = useKitText();
  const version = useSyncExternalStore(notes.subscribe, () => notes.version, () => 0);
  const frameVersion = useSyncExternalStore(frames?.subscribe ?? noSubscribe, () => frames?.all() ?? EMPTY, () => EMPTY);
  const frameKind = useMemo(() => {
    void frameVersion;
    return (id: string) => frames?.get(id)?.kind;
  }, [frames, frameVersion]);
  const note = noteId ? notes.get(noteId) : undefined;
  const kind = note ? followUpKind(note, frameKind) : null;
  const items = useMemo(() => {
    void version;
    return listOpen ? followUpList(notes.all(), frameKind, language) : [];
  }, [listOpen, notes, version, frameKind, language]);

  const panel = useRef<HTMLElement>(null);
  const focusOwner = useRef(false);
  useFocusWhileOpen(listOpen, panel);

  const showEditor = note && kind && actions && editable;
  if (!showEditor && !listOpen) return null;
  const makeAction = (id: string) => {
    focusOwner.current = true; // the next thing to decide is who
    actions?.makeAction(id);
  };
  const clear = (id: string) => {
    actions?.clearFollowUp(id);
    focusFirst(panel.current); // the button is gone; focus stays in the panel
  };
  return (
    <section ref={panel} className={styles.panel} aria-label={t("followUp.title")} data-testid="follow-up-panel" onKeyDown={(e) => onPanelKey(e, onDismiss)}>
      {showEditor && (
        <FollowUpEditor
          key={note.id}
          note={note}
          kind={kind}
          t={t}
          focusOwner={focusOwner}
          onSave={(fields) => actions.setFollowUp(note.id, kind === "action" && !note.status ? { status: "open", ...fields } : fields)}
          onClear={() => clear(note.id)}
        />
      )}
      {listOpen && (
        <FollowUpList boardId={boardId} items={items} language={language} t={t} onClose={onCloseList} onShowNote={onShowNote}>
          {!showEditor && actions && editable && <MakeAction note={note} t={t} onMake={makeAction} />}
        </FollowUpList>
      )}
    </section>
  );
}

/**
 * The list opened (the toolbar, or U on a note): focus moves into the panel, to its first control,
 * so a keyboard need not pass every note to reach it; closed, focus goes back where it was.
 */
function useFocusWhileOpen(open: boolean, panel: React.RefObject<HTMLElement | null>): void {
  const opener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (open) {
      opener.current = document.activeElement as HTMLElement | null;
      focusFirst(panel.current);
      return;
    }
    if (opener.current?.isConnected) opener.current.focus();
    opener.current = null;
  }, [open, panel]);
}

/** The panel's first field or button past its close button, else the close button. */
function focusFirst(panel: HTMLElement | null): void {
  const first = panel?.querySelector<HTMLElement>("input, select, button:not([data-close])") ?? panel?.querySelector<HTMLElement>("[data-close]");
  first?.focus();
}

interface FollowUpEditorProps {
  note: NoteSnapshot;
  kind: FollowUpKind;
  t: KitTranslate;
  /** Set when the note was just made an action: the person field takes focus once. */
  focusOwner: React.MutableRefObject<boolean>;
  onSave(fields: FollowUpEdit): boolean;
  onClear(): void;
}

function FollowUpEditor({ note, kind, t, focusOwner, onSave, onClear }: FollowUpEditorProps) {
  const [invalid, setInvalid] = useState(false);
  const owner = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!focusOwner.current) return;
    focusOwner.current = false;
    owner.current?.focus();
  }, [focusOwner]);
  const save = (fields: FollowUpEdit) => setInvalid(!onSave(fields));
  const question = kind === "question";
  return (
    <div data-testid="follow-up-editor">
      <h2>{question ? t("frames.parking.panel") : t("followUp.kind.action")}</h2>
      <p className={styles.quote}>{note.text.trim()}</p>
      {question && (
        <label>
          <span>{t("frames.parking.significance")}</span>
          <select value={note.significance ?? ""} onChange={(e) => save({ significance: e.target.value as (typeof SIGNIFICANCES)[number] | "" })}>
            <option value="">{t("frames.parking.notSet")}</option>
            {SIGNIFICANCES.map((value) => (
              <option key={value} value={value}>
                {t(`frames.parking.${value}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      <fieldset>
        <legend>{t("frames.parking.status")}</legend>
        {PARKING_STATUSES.map((value) => (
          <label key={value} className="check">
            <input type="radio" name={`status-${note.id}`} checked={(note.status ?? "open") === value} onChange={() => save({ status: value })} />
            {question ? t(`frames.status.${value}`) : t(`followUp.status.${value}`)}
          </label>
        ))}
      </fieldset>
      <label>
        <span>{t("frames.parking.owner")}</span>
        <input ref={owner} value={note.owner ?? ""} maxLength={MAX_OWNER_CHARS} onChange={(e) => save({ owner: e.target.value })} />
      </label>
      <label>
        <span>{t("frames.parking.start")}</span>
        <input type="date" value={note.startDate ?? ""} onChange={(e) => save({ startDate: e.target.value })} />
      </label>
      <label>
        <span>{t("frames.parking.followUp")}</span>
        <input type="date" value={note.followUpDate ?? ""} onChange={(e) => save({ followUpDate: e.target.value })} />
      </label>
      {invalid && (
        <p className={styles.error} role="alert">
          {t("frames.parking.invalid")}
        </p>
      )}
      {!question && (
        <button type="button" onClick={onClear}>
          {t("followUp.clear")}
        </button>
      )}
    </div>
  );
}

function MakeAction({ note, t, onMake }: { note: NoteSnapshot | undefined; t: KitTranslate; onMake(noteId: string): void }) {
  if (!note) return <p className={styles.hint}>{t("followUp.makeActionHint")}</p>;
  return (
    <div className={styles.makeAction}>
      <p className={styles.quote}>{note.text.trim()}</p>
      <button type="button" className="primary" onClick={() => onMake(note.id)}>
        {t("followUp.makeAction")}
      </button>
    </div>
  );
}

interface FollowUpListProps {
  boardId: string;
  items: FollowUpItem[];
  language: Language;
  t: KitTranslate;
  onClose(): void;
  onShowNote(noteId: string): void;
  /** Under the heading: making the selected note an action. */
  children?: ReactNode;
}

function FollowUpList({ boardId, items, language, t, onClose, onShowNote, children }: FollowUpListProps) {
  const day = useMemo(() => new Intl.DateTimeFormat(language, { dateStyle: "medium", timeZone: "UTC" }), [language]);
  const open = items.filter((item) => item.status === "open").length;
  const base = `/api/boards/${encodeURIComponent(boardId)}/follow-up`;
  return (
    <div className={styles.followUpList} data-testid="follow-up-list">
      <div className={styles.listHeading}>
        <h2 id="follow-up-title">{t("followUp.title")}</h2>
        <button type="button" className={styles.close} onClick={onClose} aria-label={t("frames.close")} data-close>
          ✕
        </button>
      </div>
      {children}
      {items.length === 0 ? (
        <p className={styles.hint}>{t("followUp.empty")}</p>
      ) : (
        <>
          <p className={styles.hint}>{t("followUp.openCount", { count: open })}</p>
          <ul aria-labelledby="follow-up-title">
            {items.map((item) => (
              <li key={item.note.id} data-status={item.status}>
                <button type="button" onClick={() => onShowNote(item.note.id)} aria-describedby={`follow-up-${item.note.id}`}>
                  {item.note.text.trim() || "…"}
                </button>
                <span id={`follow-up-${item.note.id}`} className={styles.itemFacts}>
                  {[
                    t(`followUp.kind.${item.kind}`),
                    statusName(item.kind, item.status, t),
                    item.note.owner?.trim() || t("followUp.noOwner"),
                    item.note.followUpDate ? t("followUp.due", { date: day.format(new Date(`${item.note.followUpDate}T00:00:00Z`)) }) : t("followUp.noDate"),
                  ].join(" · ")}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {items.length > 0 && (
        <p className={styles.downloads}>
          <a href={`${base}.csv?lang=${language}`} download>
            {t("followUp.csv")}
          </a>
          {/* A calendar needs a date to be in it. */}
          {items.some((item) => item.status === "open" && item.note.followUpDate) && (
            <a href={`${base}.ics?lang=${language}`} download>
              {t("followUp.ics")}
            </a>
          )}
        </p>
      )}
    </div>
  );
}

/** The board's shortcuts stay out of the panel's fields; Esc leaves the panel. */
function onPanelKey(event: React.KeyboardEvent, dismiss: () => void): void {
  event.stopPropagation();
  if (event.key !== "Escape") return;
  event.preventDefault();
  (document.activeElement as HTMLElement | null)?.blur();
  dismiss();
}

const EMPTY: never[] = [];
const noSubscribe = () => () => undefined;
