/**
 * One process of benchmark clients, forked by the sync benchmark: stock readers, raw readers or
 * the writer, all connected to one room. It answers the parent's IPC messages (./protocol.ts).
 */
import WebSocket from "ws";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { createNote } from "../../lib/board/actions";
import { MESSAGE, syncStep1Message, syncStep2Message } from "../../server/realtime/messages";
import { noteTextFor, sleep } from "../common";
import { connectStock, loadClientLibrary, whenAllSynced, type StockClient } from "./targets";
import { monotonicMs, NOTE_ID_DIGITS, NOTE_ID_PREFIX, noteId, noteIndex, type FromClients, type ToClients } from "./protocol";

const WRITER_ORIGIN = Symbol("bench writer");
// Every stock provider adds a process 'exit' listener; hundreds of them are expected here.
process.setMaxListeners(0);
// The benchmark that forked this process is gone: so is the reason to keep connections open.
process.on("disconnect", () => process.exit(1));

type Connect = Extract<ToClients, { type: "connect" }>;

function send(message: FromClients): void {
  process.send!(message);
}

/** A connected client: how long it took to join, and when it saw each note. */
interface Client {
  joinedAt: number;
  seen: Float64Array;
  destroy(): void;
}

/** Notes seen, all readers of this process together (each note counted once per reader). */
let delivered = 0;

function emptyReceipts(capacity: number): Float64Array {
  return new Float64Array(capacity).fill(NaN);
}

// ---------------------------------------------------------------------------------------------
// Stock readers: a Y.Doc each, through the target's own provider

async function connectStockReaders({ address, count, capacity, expectNotes, batch: batchSize, presence, timeoutMs }: Connect): Promise<Client[]> {
  const clients: Client[] = [];
  for (let i = 0; i < count; i += batchSize) {
    const batch: Array<{ client: Client; stock: StockClient; notes: Y.Map<unknown> }> = [];
    for (let j = i; j < Math.min(count, i + batchSize); j++) {
      const doc = new Y.Doc();
      const notes = doc.getMap("notes");
      const seen = emptyReceipts(capacity);
      notes.observe((event) => {
        const now = monotonicMs();
        for (const key of event.keysChanged) {
          const index = noteIndex(key);
          if (index < capacity && Number.isNaN(seen[index])) {
            seen[index] = now;
            delivered++;
          }
        }
      });
      const stock = await connectStock(address, "reader", doc, presence);
      batch.push({ client: { joinedAt: NaN, seen, destroy: () => stock.destroy() }, stock, notes });
    }
    const started = monotonicMs();
    const pending = new Set(batch);
    const deadline = started + timeoutMs;
    // Joined = synced and holding the whole board, whichever the provider reports first.
    while (pending.size > 0) {
      for (const entry of pending) {
        if (entry.stock.isSynced() && entry.notes.size >= expectNotes) {
          entry.client.joinedAt = monotonicMs();
          pending.delete(entry);
        }
      }
      if (pending.size === 0) break;
      if (monotonicMs() > deadline) throw new Error(`${pending.size} of ${batch.length} stock readers did not sync within ${timeoutMs} ms`);
      await sleep(5);
    }
    clients.push(...batch.map((entry) => entry.client));
  }
  return clients;
}

// ---------------------------------------------------------------------------------------------
// Raw readers: the y-websocket sync protocol by hand, no document, note ids found in the bytes

/** A raw client holds nothing: it asks for everything and has nothing to give, encoded once. */
const NOTHING = new Y.Doc();
const EMPTY_STEP1 = syncStep1Message(NOTHING);
const EMPTY_STEP2 = syncStep2Message(NOTHING, Y.encodeStateVector(NOTHING));
const PREFIX = Buffer.from(NOTE_ID_PREFIX);

function recordNoteIds(data: Buffer, seen: Float64Array, now: number): void {
  for (let at = data.indexOf(PREFIX); at >= 0; at = data.indexOf(PREFIX, at + PREFIX.length)) {
    const digits = data.toString("latin1", at + PREFIX.length, at + PREFIX.length + NOTE_ID_DIGITS);
    const index = Number(digits);
    if (index < seen.length && Number.isNaN(seen[index])) {
      seen[index] = now;
      delivered++;
    }
  }
}

function connectRawReader(address: Connect["address"], capacity: number, timeoutMs: number): Promise<Client> {
  const query = address.readerToken ? `?token=${encodeURIComponent(address.readerToken)}` : "";
  const socket = new WebSocket(`${address.url}/${address.room}${query}`);
  const seen = emptyReceipts(capacity);
  const client: Client = { joinedAt: NaN, seen, destroy: () => socket.terminate() };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`a raw reader did not sync within ${timeoutMs} ms`)), timeoutMs);
    socket.on("error", (error) => reject(error));
    socket.on("open", () => socket.send(EMPTY_STEP1));
    socket.on("message", (data: Buffer) => {
      if (data[0] !== MESSAGE.sync) return; // presence and anything else: not needed here
      if (data[1] === syncProtocol.messageYjsSyncStep1) socket.send(EMPTY_STEP2);
      else if (data[1] === syncProtocol.messageYjsSyncStep2) {
        client.joinedAt = monotonicMs();
        clearTimeout(timer);
        resolve(client);
      } else if (data[1] === syncProtocol.messageYjsUpdate) recordNoteIds(data, seen, monotonicMs());
    });
  });
}

async function connectRawReaders({ address, count, capacity, batch: batchSize, timeoutMs }: Connect): Promise<Client[]> {
  const clients: Client[] = [];
  for (let i = 0; i < count; i += batchSize) {
    const size = Math.min(count - i, batchSize);
    clients.push(...(await Promise.all(Array.from({ length: size }, () => connectRawReader(address, capacity, timeoutMs)))));
  }
  return clients;
}

// ---------------------------------------------------------------------------------------------
// The writer: one realistic note (Samla's own createNote) per interval, on an absolute schedule

let writer: { doc: Y.Doc; stock: StockClient } | null = null;
let written = 0;

async function write(count: number, intervalMs: number): Promise<Float64Array> {
  const { doc } = writer!;
  const sentAt = emptyReceipts(count);
  const start = monotonicMs();
  for (let n = 0; n < count; n++) {
    const due = start + n * intervalMs;
    const wait = due - monotonicMs();
    if (wait > 0) await sleep(wait);
    else if (intervalMs === 0 && n % 50 === 0) await sleep(0); // let the socket drain a bulk fill
    const i = written++;
    sentAt[n] = monotonicMs();
    createNote(doc, { id: noteId(i), x: (i % 25) * 200, y: Math.floor(i / 25) * 200, text: noteTextFor(i), now: Date.now() }, WRITER_ORIGIN);
  }
  return sentAt;
}

// ---------------------------------------------------------------------------------------------

let clients: Client[] = [];

async function handle(message: ToClients): Promise<void> {
  if (message.type === "prepare") {
    await loadClientLibrary(message.target);
    return send({ type: "prepared" });
  }
  if (message.type === "connect") {
    if (message.role === "writer") {
      const doc = new Y.Doc();
      writer = { doc, stock: await connectStock(message.address, "writer", doc, message.presence) };
      await whenAllSynced([writer.stock], message.timeoutMs);
      return send({ type: "connected", joinMs: Float64Array.of(monotonicMs() - message.startAt) });
    }
    clients = message.kind === "raw" ? await connectRawReaders(message) : await connectStockReaders(message);
    return send({ type: "connected", joinMs: Float64Array.from(clients, (c) => c.joinedAt - message.startAt) });
  }
  if (message.type === "write") {
    const firstIndex = written;
    return send({ type: "written", firstIndex, sentAt: await write(message.count, message.intervalMs) });
  }
  if (message.type === "count") return send({ type: "count", delivered });
  if (message.type === "report") return send({ type: "receipts", rows: clients.map((c) => c.seen) });
  for (const client of clients) client.destroy();
  writer?.stock.destroy();
  setTimeout(() => process.exit(0), 100);
}

process.on("message", (message: ToClients) => {
  handle(message).catch((error: unknown) => send({ type: "failed", error: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
});
