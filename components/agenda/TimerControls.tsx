"use client";

import { useEffect, useId, useState } from "react";
import type { Timer } from "../../lib/schema/session";
import { timeIsOut } from "../../lib/timer/display";
import { MINUTE_MS, type TimerAction } from "../../lib/timer/timer";
import { serverNow, useServerOffset } from "../clock/serverClock";
import { useKitText } from "../i18n/useKitText";
import { agendaApi } from "./agendaApi";
import s from "./agenda.module.css";

const DEFAULT_MINUTES = 5;
const MAX_MINUTES = 600;

/**
 * Whether the time is out (00:00), in the server's clock, checked each second while the timer runs:
 * a check, not one timeout, so a corrected clock offset is followed too.
 */
function useTimeIsOut(timer: Timer | null): boolean {
  const offset = useServerOffset();
  const [out, setOut] = useState(false);
  useEffect(() => {
    const check = () => setOut(timeIsOut(timer, serverNow()));
    check();
    if (timer?.status !== "running") return;
    const id = window.setInterval(check, 1000);
    return () => window.clearInterval(id);
  }, [timer, offset]);
  return out;
}

/** The facilitator's buttons for the shared timer: start (with minutes), pause or resume, more time, stop. */
export function TimerControls({ boardId, timer, run }: { boardId: string; timer: Timer | null; run: (request: Promise<unknown>) => void }) {
  const { t } = useKitText();
  const minutesId = useId();
  const status = timer?.status ?? "stopped";
  // At 00:00 there is nothing to pause: more time or stop are what is left to do.
  const timeIsOut = useTimeIsOut(timer);
  const duration = timer && timer.durationMs > 0 ? Math.round(timer.durationMs / MINUTE_MS) : DEFAULT_MINUTES;
  const [minutes, setMinutes] = useState(String(duration));
  // A new step (or another facilitator) set a new duration: show it.
  useEffect(() => setMinutes(String(duration)), [duration]);
  const act = (action: TimerAction) => run(agendaApi.timer(boardId, action));
  const wanted = Math.min(MAX_MINUTES, Math.max(1, Math.round(Number(minutes)) || duration));

  return (
    <div className={s.row} role="group" aria-label={t("agenda.timer")}>
      {status === "stopped" && (
        <>
          <label htmlFor={minutesId} className="visually-hidden">
            {t("agenda.timerMinutes")}
          </label>
          <input id={minutesId} className={s.minutes} type="number" inputMode="numeric" min={1} max={MAX_MINUTES} value={minutes} onChange={(e) => setMinutes(e.target.value)} />
          <button type="button" className="primary" onClick={() => act({ action: "start", minutes: wanted })}>
            {t("agenda.start")}
          </button>
        </>
      )}
      {status === "running" && !timeIsOut && (
        <button type="button" onClick={() => act({ action: "pause" })}>
          {t("agenda.pause")}
        </button>
      )}
      {status === "paused" && (
        <button type="button" className="primary" onClick={() => act({ action: "resume" })}>
          {t("agenda.resume")}
        </button>
      )}
      {status !== "stopped" && (
        <>
          {[1, 5].map((extra) => (
            <button key={extra} type="button" aria-label={t("agenda.extendLabel", { count: extra })} onClick={() => act({ action: "extend", minutes: extra })}>
              {t("agenda.extend", { minutes: extra })}
            </button>
          ))}
          <button type="button" onClick={() => act({ action: "stop" })}>
            {t("agenda.stop")}
          </button>
        </>
      )}
    </div>
  );
}
