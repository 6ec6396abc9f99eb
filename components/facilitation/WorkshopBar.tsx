"use client";

import { useState, type ReactNode } from "react";
import type { Role } from "../../lib/roles";
import type { SessionState } from "../../lib/schema/session";
import { useI18n } from "../i18n/I18nProvider";
import { useKitText } from "../i18n/useKitText";
import { JoinDialog } from "./JoinDialog";
import { ReadAloud } from "./ReadAloud";
import { VoteDialog, type VoteSettings } from "./VoteDialog";
import { workshopApi } from "./workshopApi";
import type { FrameStore } from "../board/frameStore";
import { GroupsControl } from "../groups/GroupsControl";
import { useFrameList } from "../groups/useFrameList";
import { AddKitButton } from "../kits/AddKitButton";
import { PersonalStepStatus } from "../personal/PersonalStepStatus";

export interface WorkshopBarProps {
  boardId: string;
  role: Role;
  session: SessionState;
  selection: string[];
  noteCount: number;
  /** Dots this board user has left in the open vote, when known. */
  dotsLeft: number | null;
  onWritePrivately?: () => void;
  onShowVoteList?: () => void;
  onSortByVotes(): void;
  /** The board's worksheets: small groups work on copies of one; a vote can take one's notes. */
  frames?: FrameStore;
  /** The facilitator's follow-me buttons (components/follow). */
  presentControls?: ReactNode;
}

/**
 * The workshop's state for everyone (private writing, the vote) and, for the facilitator, the
 * controls: joining from phones, private writing and its reveal, read aloud, dot voting.
 */
export function WorkshopBar(props: WorkshopBarProps) {
  const { t } = useI18n();
  const kit = useKitText().t;
  const { boardId, session } = props;
  const facilitator = props.role === "facilitator";
  const [joinOpen, setJoinOpen] = useState(false);
  const [voteOpen, setVoteOpen] = useState(false);
  const [reading, setReading] = useState(false);
  const [error, setError] = useState(false);
  const vote = session.vote;
  const frameList = useFrameList(props.frames);

  const run = (request: Promise<unknown>) => {
    setError(false);
    request.catch(() => setError(true));
  };
  const startVote = (settings: VoteSettings) => {
    setVoteOpen(false);
    run(workshopApi.startVote(boardId, settings));
  };

  return (
    <section className="workshop-bar" aria-label={t("workshop.label")}>
      {facilitator && (
        <>
          <button type="button" className="primary" onClick={() => setJoinOpen(true)}>
            {t("workshop.letJoin")}
          </button>
          <button type="button" aria-pressed={session.privateWriting} onClick={() => run(workshopApi.setPrivateWriting(boardId, !session.privateWriting))}>
            {t("workshop.privateWriting")}
          </button>
          <label className="check">
            <input type="checkbox" checked={session.signedNotes} onChange={(e) => run(workshopApi.setPrivateWriting(boardId, session.privateWriting, e.target.checked))} />
            {t("workshop.signed")}
          </label>
        </>
      )}
      {session.privateWriting && (
        <p className="workshop-status private" role="status" data-testid="private-status">
          {facilitator ? t("workshop.privateOn") : t("workshop.privateOnMember")} <strong>{t("workshop.waiting", { count: session.heldCount })}</strong>
        </p>
      )}
      {session.privateWriting && props.onWritePrivately && (
        <button type="button" onClick={props.onWritePrivately}>
          {t("workshop.writePrivately")}
        </button>
      )}
      {facilitator && session.privateWriting && (
        <>
          <button type="button" onClick={() => run(workshopApi.reveal(boardId))} disabled={session.heldCount === 0}>
            {t("workshop.reveal")}
          </button>
          <button type="button" onClick={() => setReading(true)} disabled={session.heldCount === 0}>
            {t("workshop.readAloud")}
          </button>
        </>
      )}
      {session.personal && <PersonalStepStatus writers={session.personalWriters} onWrite={props.onWritePrivately} />}
      {vote?.status === "open" && (
        <p className="workshop-status vote" role="status" data-testid="vote-status">
          {/* The one who leads sees first how the room is doing; their own dots only once they vote too. */}
          {/* "0 av 0" says nothing: before anyone can vote, that nobody has. */}
          {facilitator &&
            (Math.max(session.voters, session.voterTotal) === 0
              ? kit("workshop.votersNone")
              : kit("workshop.votersCount", { count: session.voters, total: Math.max(session.voters, session.voterTotal) }))}
          {facilitator && props.dotsLeft !== null && `. ${kit("workshop.myDotsLeft", { count: props.dotsLeft, total: vote.dotsPerPerson })}`}
          {!facilitator && (props.dotsLeft === null ? t("workshop.voteOpen") : t("workshop.voteDotsLeft", { count: props.dotsLeft, total: vote.dotsPerPerson }))}
        </p>
      )}
      {vote?.status === "open" && props.onShowVoteList && (
        <button type="button" onClick={props.onShowVoteList}>
          {t("workshop.voteList")}
        </button>
      )}
      {vote?.status === "closed" && (
        <p className="workshop-status vote" role="status">
          {t("workshop.voteClosed")}
        </p>
      )}
      {facilitator && <GroupsControl boardId={boardId} frames={props.frames} groups={session.groups} kept={session.keptGroups} />}
      {facilitator && !vote && (
        <button type="button" onClick={() => setVoteOpen(true)} disabled={props.noteCount === 0}>
          {t("workshop.startVote")}
        </button>
      )}
      {facilitator && vote?.status === "open" && (
        <button type="button" className="primary" onClick={() => run(workshopApi.closeVote(boardId))}>
          {t("workshop.closeVote")}
        </button>
      )}
      {facilitator && vote?.status === "closed" && (
        <>
          <button type="button" onClick={props.onSortByVotes}>
            {t("workshop.sortByVotes")}
          </button>
          <button type="button" onClick={() => run(workshopApi.clearVote(boardId))}>
            {t("workshop.clearVote")}
          </button>
        </>
      )}
      {error && (
        <p className="workshop-error" role="alert">
          {t("workshop.failed")}
        </p>
      )}
      {facilitator && (
        <>
          <JoinDialog boardId={boardId} prompt={session.prompt} open={joinOpen} onClose={() => setJoinOpen(false)} />
          <VoteDialog open={voteOpen} selected={props.selection} noteCount={props.noteCount} frames={frameList} onStart={startVote} onClose={() => setVoteOpen(false)} />
          {reading && <ReadAloud boardId={boardId} heldCount={session.heldCount} onClose={() => setReading(false)} />}
        </>
      )}
      {facilitator && <AddKitButton boardId={boardId} />}
      {props.presentControls}
    </section>
  );
}
