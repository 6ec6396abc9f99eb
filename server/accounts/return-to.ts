/**
 * Where to go after signing in: a path on this site only. `//evil.example` and `/\evil.example`
 * are other sites to a browser, and anything with a scheme or a host is refused: an open redirect
 * after a trusted sign-in page is what phishing needs.
 */
export function safeReturnTo(raw: string | null | undefined): string {
  if (!raw || raw.length > 512 || !raw.startsWith("/") || raw.startsWith("//") || /[\\\u0000-\u001f\u007f]/.test(raw)) return "/";
  const base = "http://samla.invalid";
  try {
    const url = new URL(raw, base);
    return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : "/";
  } catch {
    return "/";
  }
}
