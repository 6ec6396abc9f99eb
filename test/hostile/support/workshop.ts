import assert from "node:assert/strict";
import { isDeepStrictEqual } from "node:util";
import * as Y from "yjs";
import type { CreateBoardResponse } from "../../../lib/api/schemas";
import { notesOf } from "../../../lib/schema/board";
import { framesOf } from "../../../lib/schema/frame";
import { connectClient, createBoard, storedBoard, waitFor, whenSynced } from "../../integration/helpers";
import { boardWithPhones, call, type Phone } from "../../integration/participation-helpers";
import type { BoardStorage } from "../../../server/storage/types";
import { openBrowser, type Browser } from "./browser";
import { RawPeer } from "./raw-peer";

/**
 * A workshop as the attacks meet it: a facilitator and a colleague in our pages (each a browser
 * with its own device cookie), phones that joined with the code, and recorders holding the member
 * and viewer links on both channels, keeping every frame an untrusted party was sent.
 */
export interface ServerLike {
  http: string;
  ws: string;
}

export interface Workshop {
  board: CreateBoardResponse;
  facilitator: Browser;
  member: Browser;
  phones: Phone[];
  /** Member and viewer sockets on the board and the session channel that only record. */
  recorders: RawPeer[];
  browsers(): Browser[];
  close(): void;
}

export async function openWorkshop(server: ServerLike, options: { phones?: string[]; board?: CreateBoardResponse } = {}): Promise<Workshop> {
  const board = options.board ?? (await createBoard(server.http, "Arbetsplatsträff"));
  const facilitator = await openBrowser(server.http, server.ws, board.id, board.facilitatorToken, "facilitator");
  const member = await openBrowser(server.http, server.ws, board.id, board.memberToken, "member");
  facilitator.provider.awareness.setLocalStateField("user", { name: "Anna", color: "#b91c1c" });
  member.provider.awareness.setLocalStateField("user", { name: "Bo", color: "#1d4ed8" });
  const phones = await boardWithPhones(server.http, board, options.phones ?? ["Cecilia", "David"]);
  const recorders: RawPeer[] = [];
  for (const token of [board.memberToken, board.viewerToken]) {
    for (const channel of ["board", "session"] as const) recorders.push(await RawPeer.open(server.ws, board.id, token, channel));
  }
  await Promise.all([...[facilitator, member].flatMap((b) => [whenSynced(b.provider), whenSynced(b.sessionProvider)]), ...recorders.map((r) => r.sync())]);
  return {
    board,
    facilitator,
    member,
    phones,
    recorders,
    browsers: () => [facilitator, member],
    close: () => {
      facilitator.destroy();
      member.destroy();
      for (const recorder of recorders) recorder.close();
    },
  };
}

/** A round trip on every recorder: once it resolves, every frame sent before has been recorded. */
export async function recordersCaughtUp(workshop: Workshop): Promise<void> {
  await Promise.all(workshop.recorders.map((r) => r.sync()));
}

/** Which recorders (member/viewer, board/session) were sent `text` in any frame. */
export function untrustedSaw(workshop: Workshop, text: string): string[] {
  const names = ["member board", "member session", "viewer board", "viewer session"];
  return workshop.recorders.flatMap((r, i) => (r.saw(text) ? [names[i]] : []));
}

/** What a reader makes of a document: notes and worksheets, and the session's map. */
export const boardJson = (doc: Y.Doc) => ({ notes: notesOf(doc).toJSON(), frames: framesOf(doc).toJSON(), session: doc.getMap("session").toJSON() });

function sameDoc(a: Y.Doc, b: Y.Doc): boolean {
  return Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b))) && isDeepStrictEqual(boardJson(a), boardJson(b));
}

function pending(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}

/**
 * The promise after an attack: a newcomer gets the board whole (nothing pending), every honest
 * browser holds exactly that, storage read back holds exactly that too, on both documents, and no
 * honest browser was ever refused or told the server failed.
 */
export async function assertBoardWhole(server: ServerLike & { storage: BoardStorage }, board: CreateBoardResponse, browsers: Browser[], label = ""): Promise<Y.Doc> {
  const fresh = connectClient(server.ws, board.id, board.viewerToken);
  try {
    await Promise.all([whenSynced(fresh.provider), whenSynced(fresh.sessionProvider)]);
    const converged = () => browsers.every((b) => sameDoc(b.doc, fresh.doc) && sameDoc(b.session, fresh.session));
    try {
      await waitFor(converged, 15_000, "honest browsers and a newcomer to hold the same board");
    } catch (error) {
      const detail = browsers.map((b) => `${b.name}: ${JSON.stringify(Y.decodeStateVector(Y.encodeStateVector(b.doc)))} vs ${JSON.stringify(Y.decodeStateVector(Y.encodeStateVector(fresh.doc)))}`);
      throw new Error(`${label}${(error as Error).message}\n${detail.join("\n")}`);
    }
    assert.equal(pending(fresh.doc) || pending(fresh.session), false, `${label}a newcomer's copy has nothing pending`);
    const stored = await storedBoard(server.storage, board.id);
    assert.equal(pending(stored.doc) || pending(stored.session), false, `${label}storage read back has nothing pending`);
    assert.ok(sameDoc(stored.doc, fresh.doc), `${label}storage holds the board the server serves`);
    assert.ok(sameDoc(stored.session, fresh.session), `${label}storage holds the session the server serves`);
    for (const b of browsers) {
      assert.deepEqual(b.closeCodes, [], `${label}${b.name} was never closed by the server`);
      assert.ok(b.provider.wsconnected && b.sessionProvider.wsconnected, `${label}${b.name} is still connected`);
    }
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(fresh.doc));
    return copy;
  } finally {
    fresh.destroy();
  }
}

export async function api(server: ServerLike, method: string, path: string, token: string, body?: unknown) {
  const answer = await call(server.http, method, path, { token, body });
  if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}
