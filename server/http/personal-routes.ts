import { homeworkRequest, personalNoteEdit, personalNoteRequest } from "../../lib/api/schemas";
import { submitHomework } from "../series/homework";
import type { ParticipationContext } from "../participation/context";
import { addPersonalNote, deletePersonalNote, editPersonalNote } from "../participation/personal-notes";
import { sendJson } from "./json";
import { body, BOARD_PATH, routeAuth, type Handler, type Route } from "./route-auth";

/**
 * A participant's own personal worksheet (docs/api.md, "Personal notes"). Every route acts as the
 * participant only: no role, facilitator included, can read or change another person's notes.
 */
export function personalRoutes(ctx: ParticipationContext): Route[] {
  const { asParticipant } = routeAuth(ctx);

  const add: Handler = async (req, res, [rawId]) => {
    const access = await asParticipant(req, rawId);
    sendJson(res, 201, await addPersonalNote(ctx, access, await body(req, personalNoteRequest)));
  };

  const change: Handler = async (req, res, [rawId, noteId]) => {
    const access = await asParticipant(req, rawId);
    await editPersonalNote(ctx, access, noteId, await body(req, personalNoteEdit));
    sendJson(res, 200, { id: noteId });
  };

  const remove: Handler = async (req, res, [rawId, noteId]) => {
    const access = await asParticipant(req, rawId);
    await deletePersonalNote(ctx, access, noteId);
    res.writeHead(204).end();
  };

  /** A note for the series' next meeting (docs/api.md, "Homework"). */
  const homework: Handler = async (req, res, [rawId]) => {
    const access = await asParticipant(req, rawId);
    sendJson(res, 201, await submitHomework(ctx, access, await body(req, homeworkRequest)));
  };

  return [
    ["POST", new RegExp(`^${BOARD_PATH}/me/homework$`), homework],
    ["POST", new RegExp(`^${BOARD_PATH}/me/personal$`), add],
    ["PATCH", new RegExp(`^${BOARD_PATH}/me/personal/([^/]+)$`), change],
    ["DELETE", new RegExp(`^${BOARD_PATH}/me/personal/([^/]+)$`), remove],
  ];
}
