"use client";

import { useEffect, useState } from "react";
import type { ParticipantScaleView } from "../../lib/api/schemas";
import { useI18n } from "../i18n/I18nProvider";
import { boardPath, callApi } from "./participantApi";
import s from "./phone.module.css";

const VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/**
 * "Where are we on a scale 0-10?": one radio group per scale frame, 11 large choices. Choosing
 * moves this phone's one marker; the server keeps only the latest value.
 */
export function ScaleList({ boardId, scales, onChanged }: { boardId: string; scales: ParticipantScaleView[]; onChanged(): void }) {
  return (
    <>
      {scales.map((scale) => (
        <Scale key={scale.frameId} boardId={boardId} scale={scale} onChanged={onChanged} />
      ))}
    </>
  );
}

function Scale({ boardId, scale, onChanged }: { boardId: string; scale: ParticipantScaleView; onChanged(): void }) {
  const { t } = useI18n();
  const [pending, setPending] = useState<number | null>(null);
  const [failed, setFailed] = useState(false);
  const value = pending ?? scale.myValue;
  // The choice shows at once and stays until the server's view has it (no flicker back).
  useEffect(() => setPending(null), [scale.myValue]);
  const choose = async (next: number) => {
    setPending(next);
    setFailed(false);
    const answer = await callApi(`POST`, `${boardPath(boardId)}/scale`, { frameId: scale.frameId, value: next });
    if (!answer.ok) {
      setPending(null);
      setFailed(true);
    }
    onChanged();
  };
  return (
    <fieldset className={`${s.card} ${s.scale}`}>
      <legend>{scale.title}</legend>
      {(scale.lowLabel || scale.highLabel) && (
        <p className={s.scaleEnds}>
          {scale.lowLabel && <span>{scale.lowLabel}</span>}
          {scale.highLabel && <span>{scale.highLabel}</span>}
        </p>
      )}
      <div className={s.scaleValues}>
        {VALUES.map((n) => (
          <label key={n} className={s.scaleValue}>
            <input type="radio" name={`scale-${scale.frameId}`} value={n} checked={value === n} onChange={() => void choose(n)} />
            <span>{n}</span>
          </label>
        ))}
      </div>
      {failed && <p role="alert">{t("phone.actionFailed")}</p>}
    </fieldset>
  );
}
