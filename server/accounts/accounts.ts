import type { AccountStorage } from "../storage/types";
import type { OidcConfig } from "./oidc-config";
import { OidcClient } from "./oidc";
import { PendingLogins } from "./pending-logins";
import { AccountSessions } from "./sessions";

/** Everything sign-in needs; there is none of it when the server has no OIDC configuration. */
export interface Accounts {
  oidc: OidcClient;
  pending: PendingLogins;
  sessions: AccountSessions;
}

export function createAccounts(config: OidcConfig | undefined, storage: AccountStorage, now: () => number): Accounts | null {
  if (!config) return null;
  return { oidc: new OidcClient(config), pending: new PendingLogins(), sessions: new AccountSessions(storage, now) };
}
