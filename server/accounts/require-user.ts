import type { IncomingMessage } from "node:http";
import { sameOrigin } from "../auth/board-access";
import { HttpError } from "../http/json";
import type { UserRecord } from "../storage/types";
import type { AccountSessions } from "./sessions";

/**
 * The signed-in person a route needs. Their cookie is sent by the browser from any page, so a
 * change (anything but GET) counts only when our own page asks (the same rule as board cookies).
 */
export async function requireUser(sessions: Pick<AccountSessions, "userOf"> | null | undefined, req: IncomingMessage): Promise<UserRecord> {
  if (!sessions) throw new HttpError(404, "sign_in_not_configured", "this server has no sign-in");
  if (req.method !== "GET" && req.method !== "HEAD" && !sameOrigin(req)) throw new HttpError(403, "cross_origin", "not from this site");
  const user = await sessions.userOf(req);
  if (!user) throw new HttpError(401, "sign_in_required", "sign in first");
  return user;
}
