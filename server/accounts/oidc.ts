import { withoutControlCharacters } from "../../lib/api/limits";
import * as client from "openid-client";
import { isLocalHost, type OidcConfig } from "./oidc-config";

/** Who the provider says signed in. */
export interface Identity {
  subject: string;
  name: string;
  email: string | null;
}

/** What a login must carry from its start to its callback, kept on the server (pending-logins.ts). */
export interface LoginChecks {
  codeVerifier: string;
  state: string;
  nonce: string;
  redirectUri: string;
}

/**
 * The calls to the identity provider, through openid-client: discovery, the authorization URL
 * (code flow with PKCE S256, state and nonce) and the code exchange with every check the library
 * makes (issuer, audience, signature, nonce, state, `iss` in the response).
 */
export class OidcClient {
  private configuration: Promise<client.Configuration> | null = null;

  constructor(private readonly settings: OidcConfig) {}

  async startLogin(redirectUri: string): Promise<{ url: URL; checks: LoginChecks }> {
    const config = await this.config();
    const checks: LoginChecks = { codeVerifier: client.randomPKCECodeVerifier(), state: client.randomState(), nonce: client.randomNonce(), redirectUri };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: "openid profile email",
      code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: "S256",
      state: checks.state,
      nonce: checks.nonce,
    });
    return { url, checks };
  }

  /** `callbackUrl` is the redirect URI with the query the provider sent back. Throws on any failed check. */
  async finishLogin(callbackUrl: URL, checks: LoginChecks): Promise<Identity> {
    const config = await this.config();
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims()!;
    const fromToken = identityOf(claims);
    if (fromToken.name && fromToken.email) return { subject: claims.sub, name: fromToken.name, email: fromToken.email };
    // Many providers put name and e-mail in the ID token; the others answer them at userinfo.
    const info = identityOf(await client.fetchUserInfo(config, tokens.access_token, claims.sub));
    const email = fromToken.email ?? info.email;
    return { subject: claims.sub, name: fromToken.name ?? info.name ?? email ?? claims.sub, email };
  }

  /** Discovered once; a failure (provider down at start) is tried again at the next login. */
  private config(): Promise<client.Configuration> {
    this.configuration ??= this.discover().catch((error: unknown) => {
      this.configuration = null;
      throw error;
    });
    return this.configuration;
  }

  private discover(): Promise<client.Configuration> {
    const { issuer, clientId, clientSecret } = this.settings;
    const url = new URL(issuer);
    // Plain http only to a provider on this machine (oidc-config.ts refuses it elsewhere).
    const execute = url.protocol === "http:" && isLocalHost(url.hostname) ? [client.allowInsecureRequests] : [];
    return client.discovery(url, clientId, undefined, client.ClientSecretBasic(clientSecret), { execute });
  }
}

type Claims = Record<string, unknown>;

/** A claim as text, without the control characters (NUL above all, which PostgreSQL refuses) a provider might send. */
function text(value: unknown): string | null {
  const clean = typeof value === "string" ? withoutControlCharacters(value).trim() : "";
  return clean || null;
}

/** Name and e-mail as providers spell them; Entra ID's `preferred_username` is often the e-mail. */
function identityOf(claims: Claims): { name: string | null; email: string | null } {
  const given = [text(claims.given_name), text(claims.family_name)].filter(Boolean).join(" ");
  const email = [text(claims.email), text(claims.preferred_username)].find((candidate) => candidate?.includes("@")) ?? null;
  return { name: text(claims.name) ?? (given || null), email };
}
