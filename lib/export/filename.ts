/**
 * A download's file name from the board's title. Browsers and mail programs disagree about
 * non-ASCII names, so the plain `filename` is ASCII ("Arbetsmöte 1" → "Arbetsmote-1") and the
 * title itself rides along as RFC 6266's `filename*` for those that read it.
 */
const SPELLED_OUT: Record<string, string> = { æ: "ae", Æ: "AE", ø: "o", Ø: "O", ß: "ss", đ: "d", Đ: "D", ŋ: "n", Ŋ: "N", ŧ: "t", Ŧ: "T" };

export function asciiFileStem(title: string, fallback = "samla-board"): string {
  const ascii = title
    .replace(/[æÆøØßđĐŋŊŧŦ]/g, (c) => SPELLED_OUT[c])
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9_-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 80)
    .replace(/-$/, "");
  return ascii || fallback;
}

/** The title as a file name, its letters kept: only what file systems refuse is replaced. */
export function readableFileStem(title: string): string {
  return title.trim().replace(/[\\/:*?"<>|\u0000-\u001f]/g, "-").slice(0, 80) || asciiFileStem(title);
}

/** The Content-Disposition header for an attachment named after the board. */
export function attachmentHeader(title: string, extension: string): string {
  const stem = asciiFileStem(title);
  const readable = readableFileStem(title);
  return `attachment; filename="${stem}.${extension}"; filename*=UTF-8''${encodeRFC5987(`${readable}.${extension}`)}`;
}

function encodeRFC5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
