import { participantCookieName, sessionCookieName } from "../../lib/api/schemas";
import { sameOrigin } from "../auth/board-access";
import { deviceCookieName } from "../auth/writer";
import { secureCookies, sessionCookie } from "./cookies";
import { HttpError } from "./json";
import { BOARD_PATH, parseBoardId, type Handler, type Route } from "./route-auth";

/** Every cookie a browser may hold for one board: the link's, the device's (writer) and a participant's. */
const boardCookies = (boardId: string) => [sessionCookieName(boardId), deviceCookieName(boardId), participantCookieName(boardId)];

/**
 * "Forget this board on this device" (docs/api.md): page scripts cannot clear HttpOnly cookies, so
 * the server answers with each of them expired. It asks for no token: a link renewed or a board
 * deleted meanwhile must not leave its cookies behind. Only our own pages may ask, so that another
 * site cannot sign a device out of its boards.
 */
export function forgetSessionRoute(publicUrl: string | undefined): Route {
  const forget: Handler = async (req, res, [rawId]) => {
    const boardId = parseBoardId(rawId);
    if (!sameOrigin(req)) throw new HttpError(403, "cross_origin", "not from this site");
    const secure = secureCookies(req, publicUrl);
    res.writeHead(204, { "Set-Cookie": boardCookies(boardId).map((name) => sessionCookie(name, "", secure, 0)), "Cache-Control": "no-store" }).end();
  };
  return ["DELETE", new RegExp(`^${BOARD_PATH}/session$`), forget];
}
