import type { FacilitatorsResponse, FacilitatorView, MyBoard } from "../../lib/api/schemas";
import { HttpError } from "../http/json";
import { deleteAfter } from "../lifecycle/retention";
import type { BoardRecord, FacilitatorRole, Storage, UserRecord } from "../storage/types";

/**
 * Who facilitates a board by account (docs/api.md, "Facilitators"): the owner, who made it or was
 * handed it, and co-facilitators. Links keep working beside them, as before.
 */
type Accounts = Pick<Storage, "facilitatorRole" | "facilitatorsOf" | "findUserByEmail" | "addFacilitator" | "removeFacilitator" | "handOver" | "boardsOf" | "getBoard">;

const view = (user: UserRecord, role: FacilitatorRole): FacilitatorView => ({ id: user.id, name: user.name, email: user.email, role });

export async function listFacilitators(storage: Accounts, boardId: string, asking: UserRecord | null): Promise<FacilitatorsResponse> {
  const list = await storage.facilitatorsOf(boardId);
  const me = asking ? list.find((entry) => entry.user.id === asking.id) : undefined;
  return { facilitators: list.map((entry) => view(entry.user, entry.role)), myRole: me?.role ?? null, myId: asking?.id ?? null };
}

/** The asking person's role on the board, which must be one of `allowed`. */
export async function requireRole(storage: Accounts, boardId: string, user: UserRecord, allowed: readonly FacilitatorRole[]): Promise<FacilitatorRole> {
  const role = await storage.facilitatorRole(boardId, user.id);
  if (!role || !allowed.includes(role)) {
    throw new HttpError(403, allowed.includes("co") ? "not_a_facilitator" : "not_the_owner", allowed.includes("co") ? "only the board's facilitators may do this" : "only the board's owner may do this");
  }
  return role;
}

/** Makes the user the owner of a board that has no owner by account yet; answers whether it did. */
export async function adoptIfOwnerless(storage: Accounts, boardId: string, user: UserRecord, at: number): Promise<boolean> {
  if ((await storage.facilitatorsOf(boardId)).length > 0) return false;
  // Two facilitators adopting at once: the store keeps one owner, the other is told it did not.
  return storage.addFacilitator(boardId, user.id, "owner", at);
}

/** A colleague must have signed in once: Samla knows nobody its provider has not sent. */
async function colleague(storage: Accounts, email: string): Promise<UserRecord> {
  const user = await storage.findUserByEmail(email);
  if (!user) throw new HttpError(404, "user_not_found", "nobody has signed in to Samla with this e-mail yet");
  return user;
}

/** Adds a co-facilitator; someone already on the board keeps their role. Answers whether anything changed. */
export async function addFacilitator(storage: Accounts, boardId: string, email: string, at: number): Promise<{ user: UserRecord; added: boolean }> {
  const user = await colleague(storage, email);
  return { user, added: await storage.addFacilitator(boardId, user.id, "co", at) };
}

/** The owner stays until they hand the board over: a board is never left without one by removal. */
export async function removeFacilitator(storage: Accounts, boardId: string, userId: string): Promise<void> {
  const role = await storage.facilitatorRole(boardId, userId);
  if (!role) throw new HttpError(404, "not_a_facilitator", "this person is not a facilitator of the board");
  if (role === "owner") throw new HttpError(409, "owner_stays", "hand the board over before the owner leaves it");
  // Handed the board meanwhile, they are its owner now and stay.
  const removed = await storage.removeFacilitator(boardId, userId);
  if (!removed && (await storage.facilitatorRole(boardId, userId)) === "owner") throw new HttpError(409, "owner_stays", "hand the board over before the owner leaves it");
}

export async function handOver(storage: Accounts, boardId: string, owner: UserRecord, email: string, at: number): Promise<UserRecord> {
  const next = await colleague(storage, email);
  if (next.id === owner.id) throw new HttpError(400, "already_owner", "you own this board already");
  if (!(await storage.handOver(boardId, owner.id, next.id, at))) throw new HttpError(403, "not_the_owner", "only the board's owner may do this");
  return next;
}

/** "Mina tavlor": most recently added first. */
export async function myBoards(storage: Accounts, user: UserRecord, maxDays: number): Promise<MyBoard[]> {
  const boards: MyBoard[] = [];
  for (const { boardId, role } of await storage.boardsOf(user.id)) {
    const board: BoardRecord | null = await storage.getBoard(boardId);
    if (!board) continue;
    boards.push({
      id: board.id,
      title: board.title,
      role,
      lastActiveAt: new Date(board.lastActiveAt ?? board.createdAt).toISOString(),
      deleteAfter: new Date(deleteAfter(board, maxDays)).toISOString(),
    });
  }
  return boards;
}
