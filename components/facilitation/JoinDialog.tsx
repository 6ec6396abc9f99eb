"use client";

import { useEffect, useState } from "react";
import { useModalDialog } from "../dialog/useModalDialog";
import type { BoardInfoResponse } from "../../lib/api/schemas";
import { formatJoinCode } from "../../lib/join/join-code";
import { useI18n } from "../i18n/I18nProvider";
import { useKitText } from "../i18n/useKitText";
import { ParticipantList } from "./ParticipantList";
import { ParticipantBudget } from "./ParticipantBudget";
import { QrCode } from "./QrCode";
import { workshopApi } from "./workshopApi";

/**
 * "Let people join": the code and QR code large enough to read from the back of the room, and
 * the facilitator's controls over them (a new code, closing joining, the question on the phones).
 */
export function JoinDialog({ boardId, prompt, open, onClose }: { boardId: string; prompt: string; open: boolean; onClose(): void }) {
  const { t } = useI18n();
  const kit = useKitText().t;
  const ref = useModalDialog(open);
  const [info, setInfo] = useState<BoardInfoResponse | null>(null);
  const [failed, setFailed] = useState(false);
  const [draftPrompt, setDraftPrompt] = useState(prompt);

  useEffect(() => {
    if (open) {
      setDraftPrompt(prompt);
      run(workshopApi.info(boardId));
    }
    // The prompt is read when the dialog opens, not while someone types in it.
  }, [open, boardId]);

  const run = (request: Promise<BoardInfoResponse>) =>
    request.then(
      (next) => {
        setInfo(next);
        setFailed(false);
      },
      () => setFailed(true),
    );

  return (
    <dialog ref={ref} className="share-dialog join-dialog" aria-labelledby="join-title" onClose={onClose}>
      <h2 id="join-title">{t("joinDialog.title")}</h2>
      {failed && <p role="alert">{t("joinDialog.failed")}</p>}
      {/* Stopped: no code or QR code to copy from the wall, only how to let people in again. */}
      {info && !info.joinOpen && (
        <div className="join-closed" role="status" data-testid="join-closed">
          <p>
            <strong>{t("joinDialog.closed")}</strong>
          </p>
          <p>{kit("joinDialog.closedHelp")}</p>
        </div>
      )}
      {info?.joinOpen && info.joinCode && info.joinUrl && (
        <div className="join-show">
          <QrCode value={info.joinUrl} label={t("joinDialog.qrLabel", { url: info.joinUrl })} />
          <div>
            <p className="join-instructions">{t("joinDialog.instructions", { address: new URL(info.joinUrl).origin + "/join" })}</p>
            <p className="join-code">
              <span className="visually-hidden">{t("joinDialog.codeLabel")}: </span>
              <span data-testid="join-code">{formatJoinCode(info.joinCode)}</span>
            </p>
            <p className="join-url">
              <a href={info.joinUrl} target="_blank" rel="noreferrer">
                {info.joinUrl}
              </a>
            </p>
          </div>
        </div>
      )}
      {open && info && <ParticipantBudget boardId={boardId} info={info} onChange={setInfo} />}
      <form
        className="join-prompt"
        onSubmit={(e) => {
          e.preventDefault();
          run(workshopApi.update(boardId, { prompt: draftPrompt }));
        }}
      >
        <label>
          <span>{t("joinDialog.promptLabel")}</span>
          <input value={draftPrompt} maxLength={500} onChange={(e) => setDraftPrompt(e.target.value)} />
        </label>
        <button type="submit">{t("joinDialog.promptSave")}</button>
      </form>
      <ParticipantList boardId={boardId} open={open} />
      <div className="dialog-actions">
        <button type="button" onClick={() => run(workshopApi.newJoinCode(boardId))} title={t("joinDialog.newCodeHelp")}>
          {t("joinDialog.newCode")}
        </button>
        {info && (
          <button type="button" onClick={() => run(workshopApi.update(boardId, { joinOpen: !info.joinOpen }))}>
            {info.joinOpen ? t("joinDialog.closeJoining") : t("joinDialog.openJoining")}
          </button>
        )}
        <span className="spacer" />
        <button type="button" className="primary" onClick={onClose}>
          {t("share.close")}
        </button>
      </div>
    </dialog>
  );
}
