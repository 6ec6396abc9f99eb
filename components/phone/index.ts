/**
 * The phone side, also embedded by the board page's private-writing panel:
 *
 *   const live = useParticipantView(boardId);      // after POST /api/boards/:id/participants
 *   const queue = useNoteQueue(boardId);
 *   <NoteComposer queue={queue} />
 *   <MyNotes view={live.view} queue={queue} onChanged={live.refresh} />
 *   <VoteList boardId={boardId} vote={live.view?.vote ?? null} onChanged={live.refresh} />
 */
export { ColorChoice } from "./ColorChoice";
export { IdentityNumberDialog, type IdentityNumberDialogProps } from "./IdentityNumberDialog";
export { MyNotes, type MyNotesProps } from "./MyNotes";
export { NoteComposer, type NoteComposerProps } from "./NoteComposer";
export { NoteQueue, type QueuedNote, type QueuedStatus } from "./noteQueue";
export { PhonePage } from "./PhonePage";
export { useNavigatorOnline, useNoteQueue, type NoteQueueHandle } from "./useNoteQueue";
export { useParticipantView, type ParticipantViewState } from "./useParticipantView";
export { VoteList, type VoteListProps } from "./VoteList";
