import type * as Y from "yjs";
import type { ParticipantScaleView } from "../../lib/api/schemas";
import { framesOf, readFrame, readFrames } from "../../lib/schema/frame";
import { readSession, writeSession } from "../../lib/schema/session";
import type { ParticipantAccess } from "../auth/participant-access";
import { HttpError } from "../http/json";
import { withRoom } from "./board-room";
import type { ParticipationContext } from "./context";
import { ownValue } from "../../lib/own";

/**
 * One marker per person and scale ("where are we, 0-10?"): a new value replaces the person's last,
 * null takes it off. Markers live in the server-only session map, so nobody moves another's marker.
 */
export async function setScaleMarker(ctx: ParticipationContext, access: ParticipantAccess, frameId: string, value: number | null): Promise<number | null> {
  const { board, participant } = access;
  await withRoom(ctx.rooms, ctx.log, board.id, async (room) => {
    const map = framesOf(room.doc).get(frameId);
    if (!map || readFrame(frameId, map).kind !== "scale") throw new HttpError(404, "unknown_frame", "no such scale on this board");
    const markers = readSession(room.session).scaleMarkers;
    const { [participant.id]: _old, ...others } = ownValue(markers, frameId) ?? {};
    const mine = value === null ? others : { ...others, [participant.id]: value };
    await room.applyServerChange((_doc, session) => writeSession(session, { scaleMarkers: { ...markers, [frameId]: mine } }));
  });
  ctx.live.notify(board.id);
  return value;
}

/** The board's scales as one phone shows them, with its own marker. */
export function scalesFor(doc: Y.Doc, session: Y.Doc, participantId: string): ParticipantScaleView[] {
  const markers = readSession(session).scaleMarkers;
  return readFrames(doc)
    .filter((frame) => frame.kind === "scale")
    .map((frame) => ({
      frameId: frame.id,
      title: frame.title,
      lowLabel: frame.lowLabel ?? "",
      highLabel: frame.highLabel ?? "",
      myValue: ownValue(ownValue(markers, frame.id), participantId) ?? null,
    }));
}
