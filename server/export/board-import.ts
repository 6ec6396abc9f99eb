import { nanoid } from "nanoid";
import { boardFileSchema, importBoard, type BoardFile } from "../../lib/export/board-file";
import { withRoom } from "../participation/board-room";
import type { ParticipationContext } from "../participation/context";
import { HttpError } from "../http/json";

/**
 * A saved board (lib/export/board-file.ts) opened as a new board. The file is checked whole
 * before the board is created, so a tampered or broken file creates nothing.
 */
export function parseBoardFile(value: unknown): BoardFile {
  const parsed = boardFileSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const where = parsed.error.issues.slice(0, 5).map((issue) => `${["import", ...issue.path].join(".")}: ${issue.message}`);
  throw new HttpError(400, "invalid_board_file", `this is not a board file Samla can open (${where.join("; ")})`);
}

export async function writeBoardFile(ctx: Pick<ParticipationContext, "rooms" | "log">, boardId: string, file: BoardFile): Promise<void> {
  await withRoom(ctx.rooms, ctx.log, boardId, (room) =>
    room.applyServerChange((doc, session) => {
      importBoard(doc, session, file, { newId: () => nanoid(16), now: Date.now(), origin: "import" });
    }),
  );
  ctx.log("board.imported", { board: boardId, frames: file.frames.length, notes: file.notes.length });
}
