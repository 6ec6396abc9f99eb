import { createHmac, randomBytes } from "node:crypto";
import type { LinkKind } from "../../lib/roles";

/**
 * Which writer a websocket writes as (server/realtime/writers.ts binds Yjs client ids to writers).
 * Our pages carry a per-board device cookie, so a browser that reconnects, or comes back with
 * edits it made offline, is recognised and may go on writing as its own client ids while nobody
 * else can; a client that brings only a link's token writes as that link. The cookie's value is
 * a random 128 bits; what is stored is an HMAC of it, so a copy of the database does not give it.
 */
export function deviceCookieName(boardId: string): string {
  return `samla_w_${boardId}`;
}

export function newDeviceValue(): string {
  return randomBytes(16).toString("base64url");
}

const DEVICE_VALUE = /^[A-Za-z0-9_-]{22}$/;

export class WriterIdentity {
  constructor(private readonly secret: Buffer) {}

  of(boardId: string, deviceValue: string | null, link: LinkKind): string {
    if (!deviceValue || !DEVICE_VALUE.test(deviceValue)) return `link:${link}`;
    return `device:${createHmac("sha256", this.secret).update(`writer\n${boardId}\n${deviceValue}`).digest("base64url").slice(0, 22)}`;
  }
}
