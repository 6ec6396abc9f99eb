import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import Provider, { type KoaContextWithOIDC } from "oidc-provider";

/**
 * A real OpenID Connect provider (oidc-provider, certified) for the sign-in tests, in this process
 * on a free port: one confidential client for Samla (code flow, PKCE required) and two people.
 * Its sign-in page is ours, a form with a user name, so that tests and Chromium drive it alike
 * and nothing is fetched from outside (the library's development pages load a web font).
 */
export const PEOPLE: Record<string, { name: string; email: string }> = {
  alice: { name: "Alice Andersson", email: "alice.andersson@vard.example" },
  bob: { name: "Bo Berg", email: "bo.berg@vard.example" },
  /** A provider that sends a control character (NUL, which PostgreSQL refuses in text) in a name. */
  nils: { name: "Nils\u0000 Nilsson", email: "nils\u0000@vard.example" },
};

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The environment a Samla server needs to use it. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** `redirectUris`: Samla's `/auth/callback` on each origin the test reaches it at. */
export async function startProvider(redirectUris: string[], host = "127.0.0.1"): Promise<TestProvider> {
  let handle: ((req: IncomingMessage, res: import("node:http").ServerResponse) => void) | null = null;
  const server: Server = createServer((req, res) => handle!(req, res));
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const issuer = `http://${host}:${(server.address() as { port: number }).port}`;
  const clientId = "samla";
  const clientSecret = randomBytes(24).toString("base64url");
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: redirectUris, grant_types: ["authorization_code"], response_types: ["code"] }],
    jwks: { keys: [signingKey()] },
    pkce: { required: () => true },
    // Lifetimes of its own records, in seconds (the library asks for them to be chosen).
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    cookies: { keys: [randomBytes(16).toString("hex")] },
    claims: { openid: ["sub"], profile: ["name"], email: ["email"] },
    features: { devInteractions: { enabled: false } },
    findAccount: (_ctx, sub) => (PEOPLE[sub] ? { accountId: sub, claims: () => ({ sub, ...PEOPLE[sub] }) } : undefined),
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // A first-party client: no consent page, as an organisation's provider is usually set up for its own apps.
    loadExistingGrant: autoGrant,
  });
  provider.use(interactionPages(provider));
  handle = provider.callback();
  return {
    issuer,
    clientId,
    clientSecret,
    env: { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function signingKey() {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { ...privateKey.export({ format: "jwk" }), use: "sig", alg: "RS256", kid: "test" } as import("oidc-provider").JWK;
}

async function autoGrant(ctx: KoaContextWithOIDC) {
  const accountId = ctx.oidc.session?.accountId;
  const clientId = ctx.oidc.client?.clientId;
  if (!accountId || !clientId) return undefined;
  const grant = new ctx.oidc.provider.Grant({ accountId, clientId });
  grant.addOIDCScope("openid profile email");
  await grant.save();
  return grant;
}

async function formOf(req: IncomingMessage): Promise<URLSearchParams> {
  let text = "";
  for await (const chunk of req as AsyncIterable<Buffer>) text += chunk.toString();
  return new URLSearchParams(text);
}

/** GET: the sign-in form. POST: `login=alice` signs Alice in; `cancel` says no, as a person pressing "Avbryt" would. */
function interactionPages(provider: Provider) {
  return async (ctx: KoaContextWithOIDC, next: () => Promise<void>) => {
    const match = /^\/interaction\/([^/]+)$/.exec(ctx.path);
    if (!match) return next();
    await provider.interactionDetails(ctx.req, ctx.res);
    if (ctx.method === "GET") {
      ctx.type = "html";
      ctx.body = `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Organisationens inloggning</title></head><body>
<form method="post" action="/interaction/${match[1]}"><label>Användarnamn <input name="login" autocomplete="off"></label>
<button type="submit">Logga in hos organisationen</button><button type="submit" name="cancel" value="1">Avbryt</button></form></body></html>`;
      return;
    }
    const form = await formOf(ctx.req);
    const login = form.get("login") ?? "";
    const result = form.has("cancel") || !PEOPLE[login] ? { error: "access_denied", error_description: "the person did not sign in" } : { login: { accountId: login } };
    ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false }));
  };
}
