/** The organisation's identity provider (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET); absent: Samla is open as before. */
export interface OidcConfig {
  /** The issuer identifier exactly as the provider states it in its discovery document. */
  issuer: string;
  clientId: string;
  clientSecret: string;
}

const NAMES = ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const;

/**
 * All three variables or none. A partial set stops the server: starting open (anyone may create
 * boards) when the operator meant sign-in to be required would be the wrong way to fail.
 */
export function readOidcConfig(env: Readonly<Record<string, string | undefined>>): OidcConfig | undefined {
  const [issuer, clientId, clientSecret] = NAMES.map((name) => env[name]?.trim() || undefined);
  const missing = NAMES.filter((_, i) => ![issuer, clientId, clientSecret][i]);
  if (missing.length === NAMES.length) return undefined;
  if (missing.length > 0) throw new Error(`sign-in needs ${NAMES.join(", ")} together; missing: ${missing.join(", ")}`);
  checkIssuer(issuer!);
  return { issuer: issuer!, clientId: clientId!, clientSecret: clientSecret! };
}

/** https, or plain http to this machine only (a provider started for tests or development). */
function checkIssuer(issuer: string): void {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new Error(`OIDC_ISSUER is not a URL: "${issuer}"`);
  }
  if (url.protocol === "https:") return;
  if (url.protocol === "http:" && isLocalHost(url.hostname)) return;
  throw new Error(`OIDC_ISSUER must be an https:// address (plain http only for localhost), got "${issuer}"`);
}

export function isLocalHost(hostname: string): boolean {
  return hostname === "localhost" || hostname === "127.0.0.1" || hostname === "[::1]";
}
