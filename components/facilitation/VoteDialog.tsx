"use client";

import { useEffect, useRef, useState } from "react";
import type { FrameSnapshot } from "../../lib/schema/frame";
import { useI18n } from "../i18n/I18nProvider";
import { useKitText } from "../i18n/useKitText";

export interface VoteSettings {
  noteIds?: string[];
  /** The notes in this worksheet instead (the server picks them). */
  frameId?: string;
  dotsPerPerson: number;
  allowMultiplePerNote: boolean;
  showLive: boolean;
}

/** Starting a vote: on every note, the selected ones or one worksheet's, with so many dots each. */
export function VoteDialog(props: { open: boolean; selected: string[]; noteCount: number; frames?: readonly FrameSnapshot[]; onStart(settings: VoteSettings): void; onClose(): void }) {
  const { t } = useI18n();
  const kit = useKitText().t;
  const worksheets = (props.frames ?? []).filter((frame) => frame.kind !== "scale");
  const [frameId, setFrameId] = useState("");
  const chosenFrame = worksheets.some((frame) => frame.id === frameId) ? frameId : (worksheets[0]?.id ?? "");
  const ref = useRef<HTMLDialogElement>(null);
  const [dots, setDots] = useState(3);
  const [multiple, setMultiple] = useState(false);
  const [live, setLive] = useState(false);
  const [scope, setScope] = useState<"all" | "selection" | "frame">("all");

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) {
      setScope(props.selected.length > 1 ? "selection" : "all");
      dialog.showModal();
    }
    if (!props.open && dialog.open) dialog.close();
  }, [props.open, props.selected.length]);

  return (
    <dialog ref={ref} className="share-dialog" aria-labelledby="vote-title" onClose={props.onClose}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          props.onStart({
            noteIds: scope === "selection" ? props.selected : undefined,
            frameId: scope === "frame" && chosenFrame ? chosenFrame : undefined,
            dotsPerPerson: dots,
            allowMultiplePerNote: multiple,
            showLive: live,
          });
        }}
      >
        <h2 id="vote-title">{t("voteDialog.title")}</h2>
        <fieldset className="vote-scope">
          <legend>{t("voteDialog.scope")}</legend>
          <label>
            <input type="radio" name="scope" checked={scope === "all"} onChange={() => setScope("all")} />
            {t("voteDialog.scopeAll", { count: props.noteCount })}
          </label>
          <label>
            <input type="radio" name="scope" checked={scope === "selection"} disabled={props.selected.length === 0} onChange={() => setScope("selection")} />
            {t("voteDialog.scopeSelection", { count: props.selected.length })}
          </label>
          {worksheets.length > 0 && (
            <label>
              <input type="radio" name="scope" checked={scope === "frame"} onChange={() => setScope("frame")} />
              {kit("groups.voteFrame")}
              <select
                aria-label={kit("groups.voteFrame")}
                value={chosenFrame}
                onChange={(e) => {
                  setFrameId(e.target.value);
                  setScope("frame");
                }}
              >
                {worksheets.map((frame) => (
                  <option key={frame.id} value={frame.id}>
                    {frame.title || kit("groups.untitled")}
                  </option>
                ))}
              </select>
            </label>
          )}
        </fieldset>
        <label className="field">
          <span>{t("voteDialog.dots")}</span>
          <input type="number" min={1} max={20} value={dots} onChange={(e) => setDots(Math.max(1, Math.min(20, Number(e.target.value) || 1)))} />
        </label>
        <label className="check">
          <input type="checkbox" checked={multiple} onChange={(e) => setMultiple(e.target.checked)} />
          {t("voteDialog.multiple")}
        </label>
        <label className="check">
          <input type="checkbox" checked={live} onChange={(e) => setLive(e.target.checked)} />
          {t("voteDialog.live")}
        </label>
        <div className="dialog-actions">
          <button type="button" onClick={props.onClose}>
            {t("voteDialog.cancel")}
          </button>
          <button type="submit" className="primary">
            {t("voteDialog.start")}
          </button>
        </div>
      </form>
    </dialog>
  );
}
