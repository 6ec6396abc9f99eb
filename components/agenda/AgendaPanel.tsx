"use client";

import { useEffect, useId, useState } from "react";
import type { Role } from "../../lib/roles";
import type { AgendaStep, SessionState } from "../../lib/schema/session";
import { estimateOffset } from "../clock/serverClock";
import { workshopApi } from "../facilitation/workshopApi";
import { useKitText } from "../i18n/useKitText";
import { TimerDisplay } from "../timer/TimerDisplay";
import { agendaApi } from "./agendaApi";
import s from "./agenda.module.css";
import { StepForm } from "./StepForm";
import { TimerControls } from "./TimerControls";
import { groupsApi } from "../groups/groupsApi";
import { RoleRound } from "../groups/RoleRound";

export interface AgendaPanelProps {
  boardId: string;
  role: Role;
  session: SessionState;
  /** The board's connection is up: after a reconnect the server clock is estimated again. */
  online: boolean;
}

type Run = (request: Promise<unknown>) => void;

/**
 * The workshop's agenda and its shared timer. Everyone sees the current step, its question and
 * the time left; the facilitator moves between steps, edits them and runs the timer.
 */
export function AgendaPanel({ boardId, role, session, online }: AgendaPanelProps) {
  const { t } = useKitText();
  const facilitator = role === "facilitator";
  const [open, setOpen] = useState(false);
  const [error, setError] = useState(false);
  const bodyId = useId();
  const steps = session.agenda?.steps ?? [];
  const current = session.agenda?.current ?? null;
  const step = current === null ? null : (steps[current] ?? null);

  useEffect(() => {
    if (online) void estimateOffset();
  }, [online]);

  // Nothing to follow yet: members and viewers get no empty strip.
  if (!facilitator && steps.length === 0 && !session.timer) return null;

  const run: Run = (request) => {
    setError(false);
    request.catch(() => setError(true));
  };

  return (
    <section className={s.panel} aria-label={t("agenda.label")} data-testid="agenda-panel">
      <div className={s.header}>
        <button type="button" aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen(!open)}>
          {open ? t("agenda.hide") : t("agenda.show")}
        </button>
        <p className={s.current} data-testid="agenda-current">
          {step ? (
            <>
              <span className={s.muted}>{t("agenda.stepOf", { step: current! + 1, total: steps.length })}</span> <strong>{step.title}</strong>{" "}
              <ModeBadge mode={step.mode} />
            </>
          ) : (
            <span className={s.muted}>{t("agenda.noStep")}</span>
          )}
        </p>
        <TimerDisplay timer={session.timer} />
        {facilitator && <TimerControls boardId={boardId} timer={session.timer} run={run} />}
      </div>
      {error && (
        <p className={s.error} role="alert">
          {t("agenda.failed")}
        </p>
      )}
      <div id={bodyId} hidden={!open} className={s.body}>
        {step?.prompt && <p className={s.prompt}>{step.prompt}</p>}
        {facilitator && step && <ModeAction boardId={boardId} step={step} session={session} run={run} />}
        {/* Groups with roles run on through the steps: every step offers the next round. */}
        {facilitator && session.groups?.roles && <RoleRound boardId={boardId} round={session.groups.round ?? 0} announce run={run} />}
        {facilitator && steps.length > 0 && (
          <div className={s.row}>
            <button type="button" disabled={current === 0} onClick={() => run(agendaApi.goTo(boardId, current === null ? 0 : current - 1))}>
              {t("agenda.previous")}
            </button>
            <button type="button" className="primary" disabled={current === steps.length - 1} onClick={() => run(agendaApi.goTo(boardId, current === null ? 0 : current + 1))}>
              {t("agenda.next")}
            </button>
          </div>
        )}
        <StepList boardId={boardId} steps={steps} current={current} facilitator={facilitator} run={run} />
      </div>
    </section>
  );
}

function ModeBadge({ mode }: { mode: AgendaStep["mode"] }) {
  const { t } = useKitText();
  return <span className={`${s.badge} ${s[mode]}`}>{t(`agenda.mode.${mode}`)}</span>;
}

/** What the current step's way of working asks of the facilitator, one click away. */
function ModeAction({ boardId, step, session, run }: { boardId: string; step: AgendaStep; session: SessionState; run: Run }) {
  const { t } = useKitText();
  const { privateWriting } = session;
  if (step.groups && session.groups) return <p className={s.hint}>{t("agenda.groupsRunning")}</p>;
  if (step.groups) return <StartStepGroups boardId={boardId} groups={step.groups} sameAsLastTime={step.groups.keep === true && session.keptGroups !== null} run={run} />;
  if (step.mode === "vote") return <p className={s.hint}>{t("agenda.voteHint")}</p>;
  if (step.mode === "personal") return <p className={s.hint}>{t("agenda.personalHint")}</p>;
  if (step.mode !== "private") return null;
  if (privateWriting) return <p className={s.hint}>{t("agenda.privateRunning")}</p>;
  return (
    <button type="button" className="primary" onClick={() => run(workshopApi.setPrivateWriting(boardId, true))}>
      {t("agenda.startPrivate")}
    </button>
  );
}

/** A step in small groups, as its kit says (trios, roles, all on the same notes, the same groups again): one press starts them. */
function StartStepGroups(props: { boardId: string; groups: NonNullable<AgendaStep["groups"]>; sameAsLastTime: boolean; run: Run }) {
  const { t, language } = useKitText();
  const { frame, size, sameNotes, roles } = props.groups;
  const start = () => groupsApi.start(props.boardId, { frameId: frame, size, sameNotes: sameNotes === true, language, keep: props.sameAsLastTime, ...(roles ? { roles } : {}) });
  return (
    <button type="button" className="primary" onClick={() => props.run(start())}>
      {props.sameAsLastTime ? t("agenda.startSameGroups") : t("agenda.startGroups", { size })}
    </button>
  );
}

interface StepListProps {
  boardId: string;
  steps: AgendaStep[];
  current: number | null;
  facilitator: boolean;
  run: Run;
}

/** The steps in order; the facilitator goes to one by pressing it, and edits or adds steps. */
function StepList({ boardId, steps, current, facilitator, run }: StepListProps) {
  const { t } = useKitText();
  // The step being edited: an index, steps.length for a new one, or null.
  const [editing, setEditing] = useState<number | null>(null);
  const save = (next: AgendaStep[]) => {
    setEditing(null);
    run(agendaApi.setSteps(boardId, next));
  };
  const blank: AgendaStep = { title: t("agenda.newStep"), minutes: 5, prompt: "", mode: "discuss" };

  return (
    <>
      {steps.length === 0 && <p className={s.muted}>{t("agenda.empty")}</p>}
      <ol className={s.steps}>
        {steps.map((step, index) => (
          <li key={index} aria-current={index === current ? "step" : undefined} className={index === current ? s.now : undefined}>
            {editing === index ? (
              <StepForm
                step={step}
                onSave={(changed) => save(steps.map((old, i) => (i === index ? changed : old)))}
                onRemove={() => save(steps.filter((_, i) => i !== index))}
                onCancel={() => setEditing(null)}
              />
            ) : (
              <StepRow step={step} index={index} isCurrent={index === current} facilitator={facilitator} onGo={() => run(agendaApi.goTo(boardId, index))} onEdit={() => setEditing(index)} />
            )}
          </li>
        ))}
      </ol>
      {facilitator &&
        (editing === steps.length ? (
          <StepForm step={blank} onSave={(added) => save([...steps, added])} onCancel={() => setEditing(null)} />
        ) : (
          <button type="button" onClick={() => setEditing(steps.length)}>
            {t("agenda.add")}
          </button>
        ))}
    </>
  );
}

interface StepRowProps {
  step: AgendaStep;
  index: number;
  isCurrent: boolean;
  facilitator: boolean;
  onGo(): void;
  onEdit(): void;
}

function StepRow({ step, index, isCurrent, facilitator, onGo, onEdit }: StepRowProps) {
  const { t } = useKitText();
  const content = (
    <>
      <span className={s.title}>{step.title}</span>
      <span className={s.muted}>{t("agenda.minutes", { minutes: step.minutes })}</span>
      <ModeBadge mode={step.mode} />
      {isCurrent && <span className={s.nowLabel}>{t("agenda.current")}</span>}
    </>
  );
  if (!facilitator) return <div className={s.step}>{content}</div>;
  return (
    <div className={s.step}>
      <button type="button" className={s.go} aria-current={isCurrent ? "step" : undefined} title={t("agenda.goTo", { step: index + 1, title: step.title })} onClick={onGo}>
        {content}
      </button>
      <button type="button" aria-label={t("agenda.editStep", { step: index + 1, title: step.title })} onClick={onEdit}>
        {t("agenda.edit")}
      </button>
    </div>
  );
}
