import { boardLinkPath, projectorLinkPath, type BoardLinks } from "../../lib/api/schemas";
import type { TokenBoard, TokenService } from "./tokens";

/** The board's four share links as the facilitator hands them out, tokens after `#`. */
export function boardLinks(tokens: TokenService, board: TokenBoard): BoardLinks {
  return {
    facilitator: boardLinkPath(board.id, tokens.tokenFor(board, "facilitator")),
    member: boardLinkPath(board.id, tokens.tokenFor(board, "member")),
    viewer: boardLinkPath(board.id, tokens.tokenFor(board, "viewer")),
    projector: projectorLinkPath(board.id, tokens.tokenFor(board, "projector")),
  };
}
