"use client";

import type { NoteStore } from "../board/noteStore";
import { FrameBar } from "./FrameBar";
import { FrameDialog } from "./FrameDialog";
import { FrameList } from "./FrameList";
import { ParkingPanel } from "./ParkingPanel";
import type { Worksheets } from "./useWorksheets";

/** The worksheets' DOM parts over the board: the selected one's bar, its editor, the parking panel and the keyboard list. */
export function WorksheetPanels({ worksheets, notes, selection }: { worksheets: Worksheets; notes: NoteStore; selection: ReadonlySet<string> }) {
  const single = selection.size === 1 ? [...selection][0] : null;
  return (
    <>
      <FrameBar worksheets={worksheets} />
      <ParkingPanel worksheets={worksheets} notes={notes} noteId={single} />
      <FrameDialog worksheets={worksheets} />
      <FrameList worksheets={worksheets} notes={notes} />
    </>
  );
}
