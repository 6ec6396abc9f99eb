import { boardPath, callApi } from "../phone/participantApi";

export interface PersonalWrite {
  text: string;
  area: string;
  /** Made on the device before the first try: a retry never saves the note twice. */
  idempotencyKey: string;
}

const personalPath = (boardId: string) => `${boardPath(boardId)}/me/personal`;
const notePath = (boardId: string, noteId: string) => `${personalPath(boardId)}/${encodeURIComponent(noteId)}`;

/** The participant's own personal notes (docs/api.md, "Personal notes"), by the phone's cookie. */
export const personalApi = {
  add: (boardId: string, note: PersonalWrite & { allowIdentityNumber: boolean }) => callApi("POST", personalPath(boardId), note),
  edit: (boardId: string, noteId: string, changes: { text?: string; area?: string }) => callApi("PATCH", notePath(boardId, noteId), { ...changes, allowIdentityNumber: true }),
  remove: (boardId: string, noteId: string) => callApi("DELETE", notePath(boardId, noteId)),
};
