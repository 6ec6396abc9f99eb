import type { KitTranslate } from "../../lib/i18n/kit";
import type { FrameSnapshot } from "../../lib/schema/frame";
import type { NoteSnapshot } from "../../lib/schema/note";

/**
 * Where a note is, said in words for the note list and screen readers: "i Prioritering, ruta 1",
 * "i Sortering, Alltid", "i Parkeringar"; null when it is in no worksheet.
 */
export function noteLocation(note: Pick<NoteSnapshot, "frame" | "cell">, frameOf: (id: string) => FrameSnapshot | undefined, t: KitTranslate): string | null {
  const frame = note.frame ? frameOf(note.frame) : undefined;
  if (!frame) return null;
  const title = frame.title.trim() || t("frames.untitled");
  const cell = note.cell ?? 0;
  if (frame.rows * frame.columns <= 1) return t("frames.noteInFrame", { title });
  const label = frame.cellLabels[cell]?.trim() ?? "";
  if (label === "" || /^\d+$/.test(label)) return t("frames.noteInCell", { title, label: label || String(cell + 1) });
  return t("frames.noteInNamedCell", { title, label });
}
