import type { Answer } from "./attack";
import { RawPeer, type Channel } from "./raw-peer";

/**
 * One attacker on one link and channel, for as long as a fuzz run lasts: it comes back on a new
 * socket whenever the server closes it, and keeps every socket it ever had, so that every frame
 * an untrusted party was sent can be searched afterwards.
 */
export class Attacker {
  readonly sockets: RawPeer[] = [];
  private current: RawPeer | null = null;

  constructor(
    private readonly wsBase: string,
    private readonly boardId: string,
    private readonly token: string,
    readonly channel: Channel,
    readonly name: string,
  ) {}

  /** The live socket, opened (and synced, so its shadow is the server's board) when needed. */
  async socket(): Promise<RawPeer> {
    if (this.current?.open && this.current.closeCode === null) return this.current;
    this.current = await RawPeer.open(this.wsBase, this.boardId, this.token, this.channel);
    this.sockets.push(this.current);
    await this.current.sync();
    return this.current;
  }

  /** Sends one message and answers what the server did with it (see attack.ts `sendAlone`). */
  async send(message: Uint8Array): Promise<Answer> {
    const peer = await this.socket();
    peer.send(message);
    try {
      await peer.sync();
    } catch {
      // Closed instead of answered.
    }
    if (peer.closeCode === null && peer.open) return "kept";
    return peer.closeCodeWithin();
  }

  /** Every close code the server sent any of its sockets. */
  closeCodes(): number[] {
    return this.sockets.flatMap((s) => (s.closeCode === null ? [] : [s.closeCode]));
  }

  saw(text: string): boolean {
    return this.sockets.some((s) => s.saw(text));
  }

  badFrames(): string[] {
    return this.sockets.flatMap((s) => s.badFrames);
  }

  close(): void {
    for (const s of this.sockets) s.close();
  }
}
