import { customAlphabet, nanoid } from "nanoid";
import { perKeyInTurn } from "../../lib/in-turn";
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from "../../lib/join/join-code";
import type { JoinResponse } from "../../lib/api/schemas";
import type { ParticipantVia } from "../../lib/roles";
import { participantHolding } from "../auth/participant-access";
import { HttpError } from "../http/json";
import type { BoardRecord, JoinCodeRecord, ParticipantRecord } from "../storage/types";
import type { ParticipationContext } from "./context";
import { joinSmallestGroup } from "./groups";

const newCode = customAlphabet(JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH);

/**
 * A board's join settings change one at a time: each change reads the record and writes it whole,
 * so two at once (closing joining while raising the budget, from two tabs) would lose one.
 */
const joinSettingsInTurn = perKeyInTurn();

/** The board's join code, made on first use (boards from before phones had none). */
export function ensureJoinCode(ctx: ParticipationContext, boardId: string): Promise<JoinCodeRecord> {
  return joinSettingsInTurn(boardId, () => joinCodeOrNew(ctx, boardId));
}

async function joinCodeOrNew(ctx: ParticipationContext, boardId: string): Promise<JoinCodeRecord> {
  return (await ctx.storage.getJoinCode(boardId)) ?? (await storeNewCode(ctx, boardId, true));
}

/** A new code; the old one stops working at once. */
export function rotateJoinCode(ctx: ParticipationContext, boardId: string): Promise<JoinCodeRecord> {
  return joinSettingsInTurn(boardId, async () => {
    const current = await ctx.storage.getJoinCode(boardId);
    return storeNewCode(ctx, boardId, current?.open ?? true, current?.participantBudget ?? null);
  });
}

export function setJoiningOpen(ctx: ParticipationContext, boardId: string, open: boolean): Promise<JoinCodeRecord> {
  return changeJoinCode(ctx, boardId, (current) => ({ ...current, open }));
}

/** Reads the board's record and stores the change, in the board's turn. */
function changeJoinCode(ctx: ParticipationContext, boardId: string, change: (current: JoinCodeRecord) => JoinCodeRecord): Promise<JoinCodeRecord> {
  return joinSettingsInTurn(boardId, async () => {
    const next = change(await joinCodeOrNew(ctx, boardId));
    await ctx.storage.setJoinCode(next);
    return next;
  });
}

async function storeNewCode(ctx: ParticipationContext, boardId: string, open: boolean, participantBudget: number | null = null): Promise<JoinCodeRecord> {
  // A collision with another board's code is rare (one in ~900 million per board); try again.
  for (let attempt = 0; ; attempt++) {
    const record: JoinCodeRecord = { boardId, code: newCode(), open, participantBudget };
    try {
      await ctx.storage.setJoinCode(record);
      return record;
    } catch (error) {
      if (attempt >= 4) throw error;
    }
  }
}

/** The new participants a board takes: what its facilitator set, else the server's default, never above the most. */
export function participantBudgetOf(ctx: ParticipationContext, record: JoinCodeRecord): number {
  return Math.min(record.participantBudget ?? ctx.limits.participantsPerBoard, ctx.limits.participantsPerBoardMax);
}

/** The facilitator lets more (or fewer) people join; the most a board may take is a server limit. */
export async function setParticipantBudget(ctx: ParticipationContext, boardId: string, budget: number): Promise<JoinCodeRecord> {
  if (budget > ctx.limits.participantsPerBoardMax) {
    throw new HttpError(400, "invalid", `participantBudget: at most ${ctx.limits.participantsPerBoardMax}`);
  }
  return changeJoinCode(ctx, boardId, (current) => ({ ...current, participantBudget: budget }));
}

/**
 * A phone trades the code for a participant identity. A code typed by hand is a guess, bounded per
 * address and on the whole server (Throttle.beginGuess) so that the code space cannot be walked.
 * The QR code's key proves the phone saw the code in the room: a join with it is no guess, so the
 * room keeps joining while typed codes pause. A wrong key is a wrong guess.
 */
export async function joinByCode(
  ctx: ParticipationContext,
  /** `tokenOn` reads the token a phone already holds for the board the code names, if any. */
  request: {
    code: string;
    key?: string;
    name: string;
    address: string;
    tokenOn(boardId: string): string | null;
    /** In a cluster: passes the request on to the instance serving the board, answering true (null: it is served here). */
    passOn?(boardId: string): Promise<boolean>;
  },
): Promise<JoinResponse | null> {
  await ctx.throttle.takeJoinRequest(request.address);
  const keyed = request.key ? await codeWithKey(ctx, request.code, request.key) : null;
  const { board, record } = keyed ? await boardOfCode(ctx, keyed) : await ctx.throttle.guessInTurn(request.address, () => guess(ctx, request));
  if (await request.passOn?.(board.id)) return null;
  return joinBoard(ctx, board, request.name, request.tokenOn(board.id), "code", record);
}

/** A typed code (or a wrong key): a guess, its point given back when it names an open board. */
async function guess(ctx: ParticipationContext, request: { code: string; key?: string; address: string }): Promise<{ board: BoardRecord; record: JoinCodeRecord }> {
  await ctx.throttle.beginGuess(request.address);
  const found = await boardOfCode(ctx, request.key ? null : await ctx.storage.findJoinCode(request.code));
  await ctx.throttle.guessWasRight(request.address);
  return found;
}

async function boardOfCode(ctx: ParticipationContext, record: JoinCodeRecord | null): Promise<{ board: BoardRecord; record: JoinCodeRecord }> {
  if (!record) throw new HttpError(404, "wrong_code", "no board has this code");
  if (!record.open) throw new HttpError(403, "joining_closed", "the facilitator has closed joining for this board");
  const board = await ctx.storage.getBoard(record.boardId);
  if (!board) throw new HttpError(404, "wrong_code", "no board has this code");
  return { board, record };
}

async function codeWithKey(ctx: ParticipationContext, code: string, key: string): Promise<JoinCodeRecord | null> {
  const record = await ctx.storage.findJoinCode(code);
  // Checked whether the code exists or not, so that its timing tells nothing of which codes do.
  const matches = ctx.joinKeys.matches(record?.boardId ?? "", code, key);
  return record && matches ? record : null;
}

/**
 * Same identity again when the phone still holds its token: reloading or rejoining never makes a
 * second participant (nor gives extra dots), nor counts against the board's budget.
 */
export async function joinBoard(
  ctx: ParticipationContext,
  board: BoardRecord,
  name: string,
  existingToken: string | null,
  /** The join code, or the link a board user came in with: their identity stops with that link. */
  via: ParticipantVia,
  joinCode?: JoinCodeRecord,
): Promise<JoinResponse> {
  let participant: ParticipantRecord | null = await participantHolding(ctx.storage, ctx.tokens, board, existingToken);
  if (participant && name && name !== participant.name) {
    await ctx.storage.renameParticipant(board.id, participant.id, name);
    participant = { ...participant, name };
  }
  if (!participant) {
    participant = { boardId: board.id, id: nanoid(16), name, createdAt: Date.now(), via };
    await addWithinBudget(ctx, participant, joinCode);
    ctx.log("participant.joined", { board: board.id });
  }
  return {
    boardId: board.id,
    participantId: participant.id,
    participantToken: ctx.tokens.participantToken(board, participant.id, participant.via),
    name: participant.name,
  };
}

/** A new participant, if the board still takes one (its budget), placed in the smallest small group. */
export async function addWithinBudget(ctx: ParticipationContext, participant: ParticipantRecord, joinCode?: JoinCodeRecord): Promise<void> {
  const budget = participantBudgetOf(ctx, joinCode ?? (await ensureJoinCode(ctx, participant.boardId)));
  if (!(await ctx.storage.addParticipantWithin(participant, budget))) {
    throw new HttpError(409, "participant_budget", `this board takes ${budget} participants; its facilitator can let more join`);
  }
  await joinSmallestGroup(ctx, participant.boardId, participant.id);
}
