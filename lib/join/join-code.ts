import { z } from "zod";
import { normalizeJoinCode } from "./code-format";

/** The code formatting lives in ./code-format (no zod, for the phone page); the server's schema here. */
export { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, formatJoinCode, joinKeyOf, joinLinkPath, joinPath, normalizeJoinCode } from "./code-format";

export const joinCodeInput = z.string().max(32).transform((value, ctx) => {
  const code = normalizeJoinCode(value);
  if (!code) {
    ctx.addIssue({ code: "custom", message: "not a join code" });
    return z.NEVER;
  }
  return code;
});
