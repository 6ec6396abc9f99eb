"use client";

import type { NoteStore } from "../board/noteStore";
import { FrameBar } from "./FrameBar";
import { FrameDialog } from "./FrameDialog";
import { FrameList } from "./FrameList";
import { FollowUpPanel } from "./FollowUpPanel";
import type { Worksheets } from "./useWorksheets";

export interface WorksheetPanelsProps {
  boardId: string;
  worksheets: Worksheets;
  notes: NoteStore;
  selection: ReadonlySet<string>;
  followUp: { open: boolean; close(): void; showNote(noteId: string): void; dismiss(): void };
}

/** The worksheets' DOM parts over the board: the selected one's bar, its editor, the follow-up panel and the keyboard list. */
export function WorksheetPanels({ boardId, worksheets, notes, selection, followUp }: WorksheetPanelsProps) {
  const single = selection.size === 1 ? [...selection][0] : null;
  return (
    <>
      <FrameBar worksheets={worksheets} />
      <FollowUpPanel
        boardId={boardId}
        worksheets={worksheets}
        notes={notes}
        noteId={single}
        listOpen={followUp.open}
        onCloseList={followUp.close}
        onShowNote={followUp.showNote}
        onDismiss={followUp.dismiss}
      />
      <FrameDialog worksheets={worksheets} />
      <FrameList worksheets={worksheets} notes={notes} />
    </>
  );
}
