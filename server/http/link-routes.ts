import { linkKindSchema, sessionCookieName, type RenewLinkResponse } from "../../lib/api/schemas";
import { boardLinks } from "../auth/links";
import type { ParticipationContext } from "../participation/context";
import { disconnectLink, renewLinkSalt } from "../participation/link-renewal";
import { secureCookies, sessionCookie } from "./cookies";
import { HttpError, sendJson } from "./json";
import { BOARD_PATH, routeAuth, type Handler, type Route } from "./route-auth";
import { recordAudit } from "../lifecycle/audit";

/** Taking a share link back (docs/api.md, "Renewing links"). */
export function linkRoutes(ctx: ParticipationContext, publicUrl: string | undefined): Route[] {
  const { asFacilitator } = routeAuth(ctx);

  const renew: Handler = async (req, res, [rawId, rawKind]) => {
    const { board } = await asFacilitator(req, rawId);
    const kind = linkKindSchema.safeParse(rawKind);
    if (!kind.success) throw new HttpError(404, "unknown_link", "links are facilitator, member, viewer or projector");
    const renewed = await renewLinkSalt(ctx, board, kind.data);
    await recordAudit(ctx, board.id, "facilitator", "link.renew", kind.data);
    const body: RenewLinkResponse = { links: boardLinks(ctx.tokens, renewed) };
    // The facilitator who renews their own link keeps their page: their cookie gets the new token.
    const headers =
      kind.data === "facilitator"
        ? { "Set-Cookie": sessionCookie(sessionCookieName(board.id), ctx.tokens.tokenFor(renewed, "facilitator"), secureCookies(req, publicUrl)) }
        : undefined;
    sendJson(res, 200, body, headers);
    // After the answer, so that the renewing page has its new cookie before its own socket closes.
    disconnectLink(ctx, board.id, kind.data);
  };

  return [["POST", new RegExp(`^${BOARD_PATH}/links/([^/]+)/renew$`), renew]];
}
