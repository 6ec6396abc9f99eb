import * as encoding from "lib0/encoding";

/**
 * Yjs updates written byte by byte in the v1 format (yjs src/utils/UpdateEncoder.js), for tests
 * that play an attacker: a stock Yjs document never produces most of these (references to clocks
 * nobody has written yet, cycles, a client in two blocks, skips, deletes of the future).
 */
export interface Id {
  client: number;
  clock: number;
}

export type HandContent =
  | { any: unknown[] }
  | { string: string }
  | { type: "array" | "map" | "text" | "xmlElement" | "xmlFragment" | "xmlHook" | "xmlText" }
  | { deleted: number }
  | { json: unknown[] }
  | { binary: Uint8Array }
  | { embed: unknown }
  | { format: { key: string; value: unknown } }
  | { doc: string };

export type HandStruct =
  | { item: { origin?: Id; rightOrigin?: Id; parent?: string | Id; parentSub?: string; content: HandContent } }
  | { gc: number }
  | { skip: number };

export interface HandBlock {
  client: number;
  clock: number;
  structs: HandStruct[];
}

export interface HandUpdate {
  blocks: HandBlock[];
  deletes?: Array<{ client: number; ranges: Array<{ clock: number; len: number }> }>;
}

const CONTENT_REF = { deleted: 1, json: 2, binary: 3, string: 4, embed: 5, format: 6, type: 7, any: 8, doc: 9 } as const;
const TYPE_REF = { array: 0, map: 1, text: 2, xmlElement: 3, xmlFragment: 4, xmlHook: 5, xmlText: 6 } as const;
const BIT6 = 32;
const BIT7 = 64;
const BIT8 = 128;

export function encodeHandUpdate(update: HandUpdate): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, update.blocks.length);
  for (const block of update.blocks) {
    encoding.writeVarUint(e, block.structs.length);
    encoding.writeVarUint(e, block.client);
    encoding.writeVarUint(e, block.clock);
    for (const struct of block.structs) writeStruct(e, struct);
  }
  const deletes = update.deletes ?? [];
  encoding.writeVarUint(e, deletes.length);
  for (const { client, ranges } of deletes) {
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, ranges.length);
    for (const range of ranges) {
      encoding.writeVarUint(e, range.clock);
      encoding.writeVarUint(e, range.len);
    }
  }
  return encoding.toUint8Array(e);
}

/** A delete set alone: what a client sends to remove items. */
export function deletesOnly(client: number, clock: number, len: number): Uint8Array {
  return encodeHandUpdate({ blocks: [], deletes: [{ client, ranges: [{ clock, len }] }] });
}

function writeStruct(e: encoding.Encoder, struct: HandStruct): void {
  if ("gc" in struct) {
    encoding.writeUint8(e, 0);
    encoding.writeVarUint(e, struct.gc);
    return;
  }
  if ("skip" in struct) {
    encoding.writeUint8(e, 10);
    encoding.writeVarUint(e, struct.skip);
    return;
  }
  const { origin, rightOrigin, parent, parentSub, content } = struct.item;
  const kind = Object.keys(content)[0] as keyof typeof CONTENT_REF;
  const hasParentInfo = !origin && !rightOrigin;
  const info = CONTENT_REF[kind] | (origin ? BIT8 : 0) | (rightOrigin ? BIT7 : 0) | (hasParentInfo && parentSub !== undefined ? BIT6 : 0);
  encoding.writeUint8(e, info);
  if (origin) writeId(e, origin);
  if (rightOrigin) writeId(e, rightOrigin);
  if (hasParentInfo) {
    if (typeof parent === "string") {
      encoding.writeVarUint(e, 1);
      encoding.writeVarString(e, parent);
    } else {
      encoding.writeVarUint(e, 0);
      writeId(e, parent ?? { client: 0, clock: 0 });
    }
    if (parentSub !== undefined) encoding.writeVarString(e, parentSub);
  }
  writeContent(e, content);
}

function writeId(e: encoding.Encoder, id: Id): void {
  encoding.writeVarUint(e, id.client);
  encoding.writeVarUint(e, id.clock);
}

function writeContent(e: encoding.Encoder, content: HandContent): void {
  if ("any" in content) {
    encoding.writeVarUint(e, content.any.length);
    for (const value of content.any) encoding.writeAny(e, value as Parameters<typeof encoding.writeAny>[1]);
  } else if ("string" in content) encoding.writeVarString(e, content.string);
  else if ("type" in content) encoding.writeVarUint(e, TYPE_REF[content.type]);
  else if ("deleted" in content) encoding.writeVarUint(e, content.deleted);
  else if ("json" in content) {
    encoding.writeVarUint(e, content.json.length);
    for (const value of content.json) encoding.writeVarString(e, JSON.stringify(value));
  } else if ("binary" in content) encoding.writeVarUint8Array(e, content.binary);
  else if ("embed" in content) encoding.writeVarString(e, JSON.stringify(content.embed));
  else if ("format" in content) {
    encoding.writeVarString(e, content.format.key);
    encoding.writeVarString(e, JSON.stringify(content.format.value));
  } else if ("doc" in content) {
    encoding.writeVarString(e, content.doc);
    encoding.writeAny(e, {});
  }
}
