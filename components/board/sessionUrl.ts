/** Where a page trades a board's link for a cookie, and asks what its cookie opens (docs/api.md). */
export const sessionUrl = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}/session`;
