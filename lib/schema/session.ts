import * as Y from "yjs";
import { z } from "zod";
import { ROOT } from "./board";

/**
 * The workshop's running state: private writing, the vote, the prompt phones show. It lives in the
 * top-level `session` map, which only the server writes (no role may write it over the websocket),
 * so a client can neither open a vote nor read held notes by editing it. Values are plain JSON.
 */
export const voteSchema = z.object({
  id: z.string().min(1).max(64),
  noteIds: z.array(z.string().min(1).max(64)).max(5000),
  dotsPerPerson: z.number().int().min(1).max(20),
  allowMultiplePerNote: z.boolean(),
  showLive: z.boolean(),
  status: z.enum(["open", "closed"]),
});
export type Vote = z.infer<typeof voteSchema>;

const countsSchema = z.record(z.string(), z.number().int().nonnegative());

export const sessionSchema = z.object({
  privateWriting: z.boolean().catch(false),
  /** Notes held while private writing is on: everyone may know how many, nobody what they say. */
  heldCount: z.number().int().nonnegative().catch(0),
  /** The step asks for signed notes: phones' notes carry their author's name. */
  signedNotes: z.boolean().catch(false),
  prompt: z.string().max(500).catch(""),
  vote: voteSchema.nullable().catch(null),
  /** Votes per note: written when the vote closes, or as they come when the vote shows live. */
  voteCounts: countsSchema.catch({}),
  /** Where the next note from a phone lands; see lib/board/inbox.ts. */
  inbox: z.object({ x: z.number().finite(), y: z.number().finite() }).nullable().catch(null),
});
export type SessionState = z.infer<typeof sessionSchema>;
export type SessionKey = keyof SessionState;

/** No workshop running: what a fresh board, or a board from before sessions, reads as. */
export const EMPTY_SESSION: SessionState = sessionSchema.parse({});

export function sessionMapOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT.session);
}

/** The session state with every broken or missing value repaired to its default. */
export function readSession(doc: Y.Doc): SessionState {
  return sessionSchema.parse(sessionMapOf(doc).toJSON());
}

/** The one session value read on every incoming update: cheap, no parsing. */
export function isPrivateWriting(doc: Y.Doc): boolean {
  return sessionMapOf(doc).get("privateWriting") === true;
}

/** Sets the given fields (server only: clients may not write `session`). */
export function writeSession(doc: Y.Doc, changes: Partial<SessionState>): void {
  const map = sessionMapOf(doc);
  for (const [key, value] of Object.entries(changes)) {
    if (JSON.stringify(map.get(key)) !== JSON.stringify(value)) map.set(key, value);
  }
}
