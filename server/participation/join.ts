import { customAlphabet, nanoid } from "nanoid";
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from "../../lib/join/join-code";
import type { JoinResponse } from "../../lib/api/schemas";
import type { ParticipantVia } from "../../lib/roles";
import { participantHolding } from "../auth/participant-access";
import { HttpError } from "../http/json";
import type { BoardRecord, JoinCodeRecord, ParticipantRecord } from "../storage/types";
import type { ParticipationContext } from "./context";
import { joinSmallestGroup } from "./groups";

/** Far beyond any workshop; a bound on what one board can be made to store. */
const MAX_PARTICIPANTS_PER_BOARD = 1000;

const newCode = customAlphabet(JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH);

/** The board's join code, made on first use (boards from before phones had none). */
export async function ensureJoinCode(ctx: ParticipationContext, boardId: string): Promise<JoinCodeRecord> {
  return (await ctx.storage.getJoinCode(boardId)) ?? (await storeNewCode(ctx, boardId, true));
}

/** A new code; the old one stops working at once. */
export async function rotateJoinCode(ctx: ParticipationContext, boardId: string): Promise<JoinCodeRecord> {
  const current = await ctx.storage.getJoinCode(boardId);
  return storeNewCode(ctx, boardId, current?.open ?? true);
}

export async function setJoiningOpen(ctx: ParticipationContext, boardId: string, open: boolean): Promise<JoinCodeRecord> {
  const current = await ensureJoinCode(ctx, boardId);
  const next = { ...current, open };
  await ctx.storage.setJoinCode(next);
  return next;
}

async function storeNewCode(ctx: ParticipationContext, boardId: string, open: boolean): Promise<JoinCodeRecord> {
  // A collision with another board's code is rare (one in ~900 million per board); try again.
  for (let attempt = 0; ; attempt++) {
    const record = { boardId, code: newCode(), open };
    try {
      await ctx.storage.setJoinCode(record);
      return record;
    } catch (error) {
      if (attempt >= 4) throw error;
    }
  }
}

/**
 * A phone trades the code for a participant identity. Every attempt from an address that has
 * guessed wrong too often is refused, right code or not, so the code space cannot be walked.
 */
export async function joinByCode(
  ctx: ParticipationContext,
  /** `tokenOn` reads the token a phone already holds for the board the code names, if any. */
  request: { code: string; name: string; address: string; tokenOn(boardId: string): string | null },
): Promise<JoinResponse> {
  await ctx.throttle.beginJoinAttempt(request.address);
  const record = await ctx.storage.findJoinCode(request.code);
  if (!record || !record.open) {
    if (!record) throw new HttpError(404, "wrong_code", "no board has this code");
    throw new HttpError(403, "joining_closed", "the facilitator has closed joining for this board");
  }
  const board = await ctx.storage.getBoard(record.boardId);
  if (!board) throw new HttpError(404, "wrong_code", "no board has this code");
  await ctx.throttle.joinSucceeded(request.address);
  return joinBoard(ctx, board, request.name, request.tokenOn(board.id), request.address, "code");
}

/**
 * Same identity again when the phone still holds its token: reloading or rejoining never makes a
 * second participant (nor gives extra dots).
 */
export async function joinBoard(
  ctx: ParticipationContext,
  board: BoardRecord,
  name: string,
  existingToken: string | null,
  address: string,
  /** The join code, or the link a board user came in with: their identity stops with that link. */
  via: ParticipantVia,
): Promise<JoinResponse> {
  let participant: ParticipantRecord | null = await participantHolding(ctx.storage, ctx.tokens, board, existingToken);
  if (participant && name && name !== participant.name) {
    await ctx.storage.renameParticipant(board.id, participant.id, name);
    participant = { ...participant, name };
  }
  if (!participant) {
    await ctx.throttle.takeNewParticipant(address);
    if ((await ctx.storage.countParticipants(board.id)) >= MAX_PARTICIPANTS_PER_BOARD) {
      throw new HttpError(409, "board_full", "this board has as many participants as it can take");
    }
    participant = { boardId: board.id, id: nanoid(16), name, createdAt: Date.now(), via };
    await ctx.storage.addParticipant(participant);
    ctx.log("participant.joined", { board: board.id });
    await joinSmallestGroup(ctx, board.id, participant.id);
  }
  return {
    boardId: board.id,
    participantId: participant.id,
    participantToken: ctx.tokens.participantToken(board, participant.id, participant.via),
    name: participant.name,
  };
}
