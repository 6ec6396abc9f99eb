"use client";

import { useEffect, useState } from "react";
import type { Timer } from "../../lib/schema/session";
import { formatDuration, remainingMs, spokenMinutes } from "../../lib/timer/display";
import { serverNow, useServerOffset } from "../clock/serverClock";
import { useI18n } from "../i18n/I18nProvider";
import s from "./timer.module.css";

export interface TimerDisplayProps {
  timer: Timer | null;
  size?: "normal" | "large";
}

/** Checked four times a second so the shown second turns close to when it really does. */
const TICK_MS = 250;

/** What is left now, in the server's clock, kept fresh while the timer runs. */
function useRemaining(timer: Timer | null): number {
  const offset = useServerOffset();
  const [left, setLeft] = useState(() => remainingMs(timer, serverNow()));
  useEffect(() => {
    const update = () => setLeft(remainingMs(timer, serverNow()));
    update();
    if (timer?.status !== "running") return;
    const id = window.setInterval(update, TICK_MS);
    return () => window.clearInterval(id);
  }, [timer, offset]);
  return left;
}

/**
 * The shared countdown (mm:ss) on boards, phones and the projector. Screen readers hear it once a
 * minute and when the time is out, never every second; at zero it says so calmly, without sound.
 */
export function TimerDisplay({ timer, size = "normal" }: TimerDisplayProps) {
  const { t } = useI18n();
  const left = useRemaining(timer);
  if (!timer) return null;
  const done = left === 0 && timer.durationMs > 0 && timer.status !== "stopped";
  const minutes = spokenMinutes(left);
  const spoken = done ? t("timer.done") : `${t("timer.minutesLeft", { count: minutes })}${timer.status === "paused" ? `, ${t("timer.paused")}` : ""}`;
  return (
    <div className={`${s.timer} ${size === "large" ? s.large : ""} ${done ? s.done : ""}`} data-testid="timer" data-status={timer.status}>
      <span className={s.label}>{t("timer.label")}</span>
      <span className={s.time} aria-hidden="true" data-testid="timer-time">
        {formatDuration(left)}
      </span>
      {timer.status === "paused" && <span className={s.state}>{t("timer.paused")}</span>}
      {done && <span className={s.state}>{t("timer.done")}</span>}
      <span className="visually-hidden" role="status">
        {spoken}
      </span>
    </div>
  );
}
