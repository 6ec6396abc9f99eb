import { workshopApi, WorkshopApiError } from "../facilitation/workshopApi";

/**
 * Places (or with null, takes off) this board user's one marker on a scale frame, as a participant
 * (docs/api.md, "Small groups and scales"). A board user without a participant identity yet gets
 * one first: joining again keeps the identity the browser already has, so there is never a second marker.
 */
export async function placeScaleMarker(boardId: string, frameId: string, value: number | null, name: string): Promise<number | null> {
  const send = () =>
    fetch(`/api/boards/${encodeURIComponent(boardId)}/scale`, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ frameId, value }),
    });
  let response = await send();
  if (response.status === 401) {
    await workshopApi.joinAsParticipant(boardId, name);
    response = await send();
  }
  const data = (await response.json().catch(() => ({}))) as { value?: number | null; error?: string; message?: string };
  if (!response.ok) throw new WorkshopApiError(response.status, data.error ?? "error", data.message ?? response.statusText);
  return data.value ?? null;
}
