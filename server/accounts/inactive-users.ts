import { DAY_MS } from "../lifecycle/retention";
import type { AccountStorage, BoardLifecycleStorage } from "../storage/types";

/**
 * Storage limitation for accounts: someone who has not signed in for as long as an unused board is
 * kept (SAMLA_RETENTION_DAYS) is deleted as if they had deleted their account themselves. Their
 * boards stay with their co-facilitators and links; signing in again makes a new account.
 */
export async function deleteInactiveUsers(storage: Pick<AccountStorage, "usersNotSeenSince" | "deleteUser"> & Pick<BoardLifecycleStorage, "purgeDeleted">, now: number, maxDays: number): Promise<number> {
  const inactive = await storage.usersNotSeenSince(now - maxDays * DAY_MS);
  for (const id of inactive) await storage.deleteUser(id);
  if (inactive.length > 0) await storage.purgeDeleted();
  return inactive.length;
}
