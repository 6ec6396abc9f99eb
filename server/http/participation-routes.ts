import type { IncomingMessage, ServerResponse } from "node:http";
import {
  boardSettingsRequest,
  dotRequest,
  joinRequest,
  participantCookieName,
  participantNoteEdit,
  participantNoteRequest,
  participantRequest,
  privateWritingRequest,
  revealRequest,
  voteStartRequest,
  type BoardInfoResponse,
  type JoinResponse,
} from "../../lib/api/schemas";
import { joinLinkPath } from "../../lib/join/join-code";
import { writeSession } from "../../lib/schema/session";
import { sameOrigin } from "../auth/board-access";
import { withRoom } from "../participation/board-room";
import type { ParticipationContext } from "../participation/context";
import { followToNextMeeting } from "../series/follow";
import { ensureJoinCode, joinBoard, joinByCode, participantBudgetOf, rotateJoinCode, setJoiningOpen, setParticipantBudget } from "../participation/join";
import { deleteNote, editNote, submitNote } from "../participation/notes";
import { heldNotes, reveal, setPrivateWriting } from "../participation/private-writing";
import { clearVote, closeVote, moveDot, startVote } from "../participation/voting";
import { bearerToken, readCookie, secureCookies, sessionCookie } from "./cookies";
import { HttpError, sendJson } from "./json";
import { body, BOARD_PATH, routeAuth, type Handler, type Route } from "./route-auth";
import { publicOrigin } from "./public-origin";
import { deleteAfter } from "../lifecycle/retention";
import { erasePerson } from "../participation/people";
import { recordAudit } from "../lifecycle/audit";
import { clientAddress } from "./client-address";
import { applyRetention, checkRetention } from "./retention-settings";

/** Phones, private writing, voting and joining (docs/api.md, "Participants"). */
export function participationRoutes(ctx: ParticipationContext, publicUrl: string | undefined): Route[] {
  const { asRole, asFacilitator, asParticipant } = routeAuth(ctx);
  const sendJoined = (req: IncomingMessage, res: ServerResponse, joined: JoinResponse) => {
    sendJson(res, 201, joined, { "Set-Cookie": sessionCookie(participantCookieName(joined.boardId), joined.participantToken, secureCookies(req, publicUrl)) });
  };
  // Another site could post a form with the phone's cookie: it counts only from our own pages.
  const existingParticipantToken = (req: IncomingMessage, boardId: string) =>
    sameOrigin(req) ? readCookie(req, participantCookieName(boardId)) : null;

  const join: Handler = async (req, res) => {
    const request = await body(req, joinRequest);
    const { code, key, name } = request;
    const address = clientAddress(req, ctx.trustedProxies);
    const passOn = ctx.passOn && ((boardId: string) => ctx.passOn!(req, res, boardId, request));
    const joined = await joinByCode(ctx, { code, key, name, address, tokenOn: (boardId) => existingParticipantToken(req, boardId), passOn });
    if (joined) sendJoined(req, res, joined);
  };

  /** A board user (facilitator or member) gets a participant identity to write privately and vote. */
  const joinFromBoard: Handler = async (req, res, [rawId]) => {
    const { board, link } = await asRole(req, rawId, ["facilitator", "member"]);
    const { name } = await body(req, participantRequest);
    sendJoined(req, res, await joinBoard(ctx, board, name, existingParticipantToken(req, board.id), link));
  };

  const boardInfo: Handler = async (req, res, [rawId]) => {
    const { board, role } = await asRole(req, rawId, ["facilitator", "member", "viewer"]);
    const info: BoardInfoResponse = { id: board.id, title: board.title, role, deleteAfter: new Date(deleteAfter(board, ctx.retention.maxDays)).toISOString() };
    if (role === "facilitator") {
      const join = await ensureJoinCode(ctx, board.id);
      Object.assign(info, {
        joinCode: join.code,
        joinOpen: join.open,
        joinUrl: publicOrigin(req, publicUrl) + joinLinkPath(join.code, ctx.joinKeys.keyFor(board.id, join.code)),
        participantBudget: participantBudgetOf(ctx, join),
        participantBudgetMax: ctx.limits.participantsPerBoardMax,
        participantCount: await ctx.storage.countParticipants(board.id),
        retentionDays: board.retentionDays ?? null,
        retentionDaysMax: ctx.retention.maxDays,
        keepUntil: board.keepUntil ?? null,
      });
    }
    sendJson(res, 200, info);
  };

  const updateBoard: Handler = async (req, res, [rawId]) => {
    const { board } = await asFacilitator(req, rawId);
    const { joinOpen, participantBudget, prompt, retentionDays, keepUntil } = await body(req, boardSettingsRequest);
    // First: a budget or a retention above the most is refused before anything else changes.
    checkRetention({ retentionDays, keepUntil }, ctx);
    if (participantBudget !== undefined) await setParticipantBudget(ctx, board.id, participantBudget);
    await applyRetention(ctx, board.id, { retentionDays, keepUntil });
    if (joinOpen !== undefined) await setJoiningOpen(ctx, board.id, joinOpen);
    if (prompt !== undefined) {
      await withRoom(ctx.rooms, ctx.log, board.id, (room) => room.applyServerChange((_doc, session) => writeSession(session, { prompt })));
      ctx.live.notify(board.id);
    }
    await boardInfo(req, res, [rawId]);
  };

  const newJoinCode: Handler = async (req, res, [rawId]) => {
    const { board } = await asFacilitator(req, rawId);
    await rotateJoinCode(ctx, board.id);
    await boardInfo(req, res, [rawId]);
  };

  const myView: Handler = async (req, res, [rawId]) => {
    const { board, participant } = await asParticipant(req, rawId);
    const view = await ctx.live.viewNow(board, participant);
    if (!view) throw new HttpError(401, "not_joined", "join the board first");
    // The phone reads this on every load: a cookie in use is renewed, so only idle ones lapse.
    const cookie = bearerToken(req) ? null : readCookie(req, participantCookieName(board.id));
    sendJson(res, 200, view, cookie ? { "Set-Cookie": sessionCookie(participantCookieName(board.id), cookie, secureCookies(req, publicUrl)) } : undefined);
  };

  /** A phone follows to the series' next meeting as itself, when its facilitator allowed it (docs/api.md). */
  const followNext: Handler = async (req, res, [rawId]) => {
    const access = await asParticipant(req, rawId);
    sendJoined(req, res, await followToNextMeeting(ctx, access));
  };

  const myEvents: Handler = async (req, res, [rawId]) => {
    const { board, participant } = await asParticipant(req, rawId);
    await ctx.live.subscribe(board, participant, res);
  };

  const addNote: Handler = async (req, res, [rawId]) => {
    const access = await asParticipant(req, rawId);
    sendJson(res, 201, await submitNote(ctx, access, await body(req, participantNoteRequest)));
  };

  const changeNote: Handler = async (req, res, [rawId, noteId]) => {
    const access = await asParticipant(req, rawId);
    await editNote(ctx, access, noteId, await body(req, participantNoteEdit));
    sendJson(res, 200, { id: noteId });
  };

  /** A phone leaves the workshop: they are erased, their notes stay without their name. */
  const leave: Handler = async (req, res, [rawId]) => {
    const { board, participant } = await asParticipant(req, rawId);
    await erasePerson(ctx, board.id, participant.id, "anonymize");
    await recordAudit(ctx, board.id, "participant", "participant.leave", "anonymize");
    // The cookie goes too: this phone holds nothing of the board any more.
    res.writeHead(204, { "Set-Cookie": sessionCookie(participantCookieName(board.id), "", secureCookies(req, publicUrl), 0) }).end();
  };

  const removeNote: Handler = async (req, res, [rawId, noteId]) => {
    const access = await asParticipant(req, rawId);
    await deleteNote(ctx, access, noteId);
    res.writeHead(204).end();
  };

  const privateWriting: Handler = async (req, res, [rawId]) => {
    const { board } = await asFacilitator(req, rawId);
    const { on, signed } = await body(req, privateWritingRequest);
    await setPrivateWriting(ctx, board.id, on, signed);
    sendJson(res, 200, { privateWriting: on });
  };

  const listHeld: Handler = async (req, res, [rawId]) => {
    const { board } = await asFacilitator(req, rawId);
    sendJson(res, 200, { notes: await heldNotes(ctx, board.id) });
  };

  const revealNotes: Handler = async (req, res, [rawId]) => {
    const { board } = await asFacilitator(req, rawId);
    const { noteIds } = await body(req, revealRequest);
    sendJson(res, 200, { revealed: await reveal(ctx, board.id, noteIds) });
  };

  const openVote: Handler = async (req, res, [rawId]) => {
    const { board } = await asFacilitator(req, rawId);
    sendJson(res, 201, await startVote(ctx, board.id, await body(req, voteStartRequest)));
  };

  const endVote: Handler = async (req, res, [rawId]) => {
    const { board } = await asFacilitator(req, rawId);
    sendJson(res, 200, { counts: await closeVote(ctx, board.id) });
  };

  const removeVote: Handler = async (req, res, [rawId]) => {
    const { board } = await asFacilitator(req, rawId);
    await clearVote(ctx, board.id);
    res.writeHead(204).end();
  };

  const dot: Handler = async (req, res, [rawId]) => {
    const access = await asParticipant(req, rawId);
    const { noteId, delta } = await body(req, dotRequest);
    sendJson(res, 200, await moveDot(ctx, access, noteId, delta));
  };

  const board = BOARD_PATH;
  return [
    ["POST", /^\/api\/join$/, join],
    ["GET", new RegExp(`^${board}$`), boardInfo],
    ["PATCH", new RegExp(`^${board}$`), updateBoard],
    ["POST", new RegExp(`^${board}/join-code$`), newJoinCode],
    ["POST", new RegExp(`^${board}/participants$`), joinFromBoard],
    ["GET", new RegExp(`^${board}/me$`), myView],
    ["DELETE", new RegExp(`^${board}/me$`), leave],
    ["POST", new RegExp(`^${board}/me/next-meeting$`), followNext],
    ["GET", new RegExp(`^${board}/me/events$`), myEvents],
    ["POST", new RegExp(`^${board}/notes$`), addNote],
    ["PATCH", new RegExp(`^${board}/notes/([^/]+)$`), changeNote],
    ["DELETE", new RegExp(`^${board}/notes/([^/]+)$`), removeNote],
    ["POST", new RegExp(`^${board}/private-writing$`), privateWriting],
    ["GET", new RegExp(`^${board}/held$`), listHeld],
    ["POST", new RegExp(`^${board}/reveal$`), revealNotes],
    ["POST", new RegExp(`^${board}/vote$`), openVote],
    ["DELETE", new RegExp(`^${board}/vote$`), removeVote],
    ["POST", new RegExp(`^${board}/vote/close$`), endVote],
    ["POST", new RegExp(`^${board}/vote/dots$`), dot],
  ];
}
