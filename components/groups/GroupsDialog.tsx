"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { GroupsOverview } from "../../lib/groups/api";
import type { FrameSnapshot } from "../../lib/schema/frame";
import { MAX_ROLE_CHARS, MAX_ROLES, type Groups, type KeptGroups } from "../../lib/schema/session";
import { useKitText } from "../i18n/useKitText";
import { groupsApi } from "./groupsApi";
import styles from "./groups.module.css";
import { plenaryFrames } from "./useFrameList";
import { RoleRound } from "./RoleRound";

export interface GroupsDialogProps {
  boardId: string;
  open: boolean;
  frames: readonly FrameSnapshot[];
  /** The running groups as the session map has them; the dialog fetches the names. */
  groups: Groups | null;
  /** The groups as they last ran, which the facilitator may start again. */
  kept: KeptGroups | null;
  onClose(): void;
}

/**
 * "Small groups": choose the worksheet and the group size (or number of groups), start; while the
 * groups run, who is in which group, and bringing the groups back together.
 */
export function GroupsDialog(props: GroupsDialogProps) {
  const { t } = useKitText();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) {
      setFailed(false);
      dialog.showModal();
    }
    if (!props.open && dialog.open) dialog.close();
  }, [props.open]);

  const run = (request: () => Promise<unknown>) => {
    setBusy(true);
    setFailed(false);
    request()
      .catch(() => setFailed(true))
      .finally(() => setBusy(false));
  };

  return (
    <dialog ref={ref} className="share-dialog" aria-labelledby={titleId} onClose={props.onClose} data-testid="groups-dialog">
      <h2 id={titleId}>{t("groups.title")}</h2>
      {props.open &&
        (props.groups ? (
          <RunningGroups
            boardId={props.boardId}
            groups={props.groups}
            frames={props.frames}
            busy={busy}
            onMerge={() => run(() => groupsApi.merge(props.boardId))}
            run={(request) => run(() => request)}
          />
        ) : (
          <StartGroups frames={props.frames} kept={props.kept} busy={busy} onStart={(body) => run(() => groupsApi.start(props.boardId, body))} />
        ))}
      {failed && <p role="alert">{t("groups.failed")}</p>}
      <div className="dialog-actions">
        <button type="button" onClick={props.onClose}>
          {t("groups.close")}
        </button>
      </div>
    </dialog>
  );
}

type StartBody = Parameters<typeof groupsApi.start>[1];

/** The roles as typed, one per line: blank lines dropped, each as long as a role may be. */
function rolesFrom(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim().slice(0, MAX_ROLE_CHARS))
    .filter((line) => line.length > 0)
    .slice(0, MAX_ROLES);
}

function StartGroups({ frames, kept, busy, onStart }: { frames: readonly FrameSnapshot[]; kept: KeptGroups | null; busy: boolean; onStart(body: StartBody): void }) {
  const { t, language } = useKitText();
  const choices = plenaryFrames(frames);
  const [frameId, setFrameId] = useState(choices[0]?.id ?? "");
  const [by, setBy] = useState<"size" | "count">("size");
  const [number, setNumber] = useState(3);
  const [sameNotes, setSameNotes] = useState(false);
  // Fixed groups are the usual case once there have been some: the same people meet again.
  const [keep, setKeep] = useState(kept !== null);
  // The kept groups' roles come with them, and go when new groups are chosen instead.
  const keptRoles = kept?.roles?.join("\n") ?? "";
  const [roles, setRoles] = useState(kept !== null ? keptRoles : "");
  const chooseKeep = (checked: boolean) => {
    setKeep(checked);
    if (roles === (checked ? "" : keptRoles)) setRoles(checked ? keptRoles : "");
  };
  const keeping = kept !== null && keep;
  const chosen = choices.some((frame) => frame.id === frameId) ? frameId : (choices[0]?.id ?? "");

  if (choices.length === 0) return <p>{t("groups.noFrames")}</p>;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const named = rolesFrom(roles);
        onStart({ frameId: chosen, language, sameNotes, keep: keeping, ...(named.length > 0 ? { roles: named } : {}), ...(by === "size" ? { size: number } : { count: number }) });
      }}
    >
      <label className="field">
        <span>{t("groups.frame")}</span>
        <select value={chosen} onChange={(e) => setFrameId(e.target.value)}>
          {choices.map((frame) => (
            <option key={frame.id} value={frame.id}>
              {frame.title || t("groups.untitled")}
            </option>
          ))}
        </select>
      </label>
      {kept && (
        <label className={styles.same}>
          <input type="checkbox" checked={keep} onChange={(e) => chooseKeep(e.target.checked)} />
          <span>{t("groups.keep", { count: new Set(Object.values(kept.members)).size })}</span>
        </label>
      )}
      {!keeping && (
        <>
          <fieldset className={styles.by}>
            <legend>{t("groups.by")}</legend>
            <label>
              <input type="radio" name="groups-by" checked={by === "size"} onChange={() => setBy("size")} />
              {t("groups.bySize")}
            </label>
            <label>
              <input type="radio" name="groups-by" checked={by === "count"} onChange={() => setBy("count")} />
              {t("groups.byCount")}
            </label>
          </fieldset>
          <label className="field">
            <span>{by === "size" ? t("groups.bySize") : t("groups.byCount")}</span>
            <input type="number" min={1} max={by === "size" ? 50 : 100} value={number} onChange={(e) => setNumber(Math.max(1, Math.min(100, Math.round(Number(e.target.value)) || 1)))} />
          </label>
        </>
      )}
      <label className={styles.same}>
        <input type="checkbox" checked={sameNotes} onChange={(e) => setSameNotes(e.target.checked)} />
        <span>{t("groups.sameNotes")}</span>
      </label>
      <label className={`field ${styles.roles}`}>
        <span>{t("groups.roles")}</span>
        <textarea value={roles} onChange={(e) => setRoles(e.target.value)} rows={3} />
      </label>
      <button type="submit" className="primary" disabled={busy}>
        {t("groups.start")}
      </button>
    </form>
  );
}

function RunningGroups(props: { boardId: string; groups: Groups; frames: readonly FrameSnapshot[]; busy: boolean; onMerge(): void; run(request: Promise<unknown>): void }) {
  const { t } = useKitText();
  const [overview, setOverview] = useState<GroupsOverview["groups"]>(null);
  // Fetch the names again whenever someone joins a group (the session map changes).
  const membersKey = JSON.stringify([props.groups.members, props.groups.round]);
  useEffect(() => {
    let current = true;
    groupsApi.overview(props.boardId).then(
      (next) => current && setOverview(next.groups),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [props.boardId, membersKey]);
  const source = props.frames.find((frame) => frame.id === props.groups.sourceFrame);

  return (
    <>
      <p role="status">{t("groups.running", { title: source?.title || t("groups.untitled") })}</p>
      <ul className={styles.groups} data-testid="groups-list">
        {(overview?.groups ?? []).map((group) => (
          <li key={group.group}>
            <h3>{t("groups.group", { group: group.group })}</h3>
            {group.members.length === 0 ? (
              <p>{t("groups.nobody")}</p>
            ) : (
              <ul>
                {group.members.map((member) => (
                  <li key={member.id}>
                    {member.name || t("groups.unnamed")}
                    {member.role && (
                      <span className={styles.role}>
                        <span className="visually-hidden">, </span>
                        {member.role}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      {props.groups.roles && <RoleRound boardId={props.boardId} round={props.groups.round ?? 0} announce run={props.run} />}
      {props.groups.sameNotes && <p>{t("groups.sideBySide")}</p>}
      <button type="button" className="primary" disabled={props.busy} onClick={props.onMerge}>
        {props.groups.sameNotes ? t("groups.end") : t("groups.merge")}
      </button>
    </>
  );
}
