/**
 * Presence ids whose connection left, and the writer each stays with: someone whose connection
 * dropped comes back as themselves. Bounded, since anyone can open connections and leave: an id
 * stays this long (honest reconnects take seconds), and a writer keeps only its latest few (a
 * script on a link that connects and leaves again and again only pushes out its own).
 */
export class DepartedIds {
  /** Oldest first: an id that departs again moves to the end. */
  private readonly ids = new Map<number, { writer: string; at: number }>();
  private readonly perWriter = new Map<string, number>();

  constructor(
    private readonly keepMs: number,
    private readonly maxPerWriter: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  add(client: number, writer: string): void {
    this.delete(client);
    this.expire();
    if ((this.perWriter.get(writer) ?? 0) >= this.maxPerWriter) this.dropOldestOf(writer);
    this.ids.set(client, { writer, at: this.now() });
    this.perWriter.set(writer, (this.perWriter.get(writer) ?? 0) + 1);
  }

  /** The writer the id stays with, if it departed lately. */
  ownerOf(client: number): string | undefined {
    const entry = this.ids.get(client);
    if (!entry) return undefined;
    if (this.now() - entry.at <= this.keepMs) return entry.writer;
    this.delete(client);
    return undefined;
  }

  delete(client: number): void {
    const entry = this.ids.get(client);
    if (!entry) return;
    this.ids.delete(client);
    const left = (this.perWriter.get(entry.writer) ?? 1) - 1;
    if (left > 0) this.perWriter.set(entry.writer, left);
    else this.perWriter.delete(entry.writer);
  }

  get size(): number {
    return this.ids.size;
  }

  private expire(): void {
    const cutoff = this.now() - this.keepMs;
    for (const [client, { at }] of this.ids) {
      if (at > cutoff) return;
      this.delete(client);
    }
  }

  private dropOldestOf(writer: string): void {
    for (const [client, entry] of this.ids) {
      if (entry.writer !== writer) continue;
      this.delete(client);
      return;
    }
  }
}
