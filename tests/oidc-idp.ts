// A real OpenID Connect provider for the tests: the certified `oidc-provider`, on a port of this
// machine, with the clients and people a test names. Signing in is a one-field form ("Username");
// consent is taken as given, as a university's provider does for its own services. Also: a
// scripted browser that goes through that form (signInAt), a client's own code flow
// (idTokenFor), and an impostor discovery document for the tests that must be refused.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";

export interface IdpClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
}

/** A person at the provider: `login` is what they type; the rest are their claims. */
export interface IdpUser {
  login: string;
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  student_number?: string;
}

export interface Idp {
  /** The issuer, http://127.0.0.1:<port> unless given. */
  issuer: string;
  /** Where it listens (the issuer's origin, unless an issuer was given). */
  origin: string;
  /** People may be added while it runs. */
  users: IdpUser[];
  close(): Promise<void>;
}

const listen = (server: Server, port: number) =>
  new Promise<string>((resolve) => server.listen(port, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The sign-in form of one interaction. */
function loginPage(uid: string, error = ""): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test University sign-in</title></head><body>
<main><h1>Test University</h1>${error ? `<p role="alert">${escapeHtml(error)}</p>` : ""}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label>Username <input name="login" autocomplete="username" required autofocus></label>
<button type="submit">Continue</button></form></main></body></html>`;
}

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  let raw = "";
  for await (const chunk of req) raw += chunk;
  return new URLSearchParams(raw);
}

/** Every requested scope is granted at once: first-party clients, no consent screen. */
async function grantAll(ctx: KoaContextWithOIDC) {
  const { oidc } = ctx;
  const existing = oidc.result?.consent?.grantId || oidc.session?.grantIdFor(oidc.client!.clientId);
  if (existing) return oidc.provider.Grant.find(existing);
  if (!oidc.session?.accountId) return undefined;
  const grant = new oidc.provider.Grant({ clientId: oidc.client!.clientId, accountId: oidc.session.accountId });
  grant.addOIDCScope([...oidc.requestParamScopes].join(" "));
  await grant.save();
  return grant;
}

function configuration(clients: IdpClient[], users: IdpUser[]): Configuration {
  const key = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });
  return {
    clients: clients.map((c) => ({ ...c, grant_types: ["authorization_code"], response_types: ["code"], token_endpoint_auth_method: "client_secret_basic" })),
    jwks: { keys: [{ ...key, kid: "test-key", use: "sig", alg: "RS256" } as never] },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    // "student" is this university's own scope for the student number.
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], student: ["student_number"] },
    features: { devInteractions: { enabled: false } },
    // Ten minutes for everything: a test run is shorter (and the provider stops asking).
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    loadExistingGrant: grantAll,
    async findAccount(_ctx, sub) {
      const user = users.find((u) => u.sub === sub);
      if (!user) return undefined;
      const { login: _, ...claims } = user;
      return { accountId: sub, claims: async () => claims };
    },
  };
}

/** Starts a provider on `port` (0: any free one) for these clients and people. */
export async function startIdp({ clients, users = [], port = 0, issuer }: { clients: IdpClient[]; users?: IdpUser[]; port?: number; issuer?: string }): Promise<Idp> {
  const server = createServer();
  const origin = await listen(server, port);
  const provider = new Provider(issuer ?? origin, configuration(clients, users));
  const handle = provider.callback();
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const m = /^\/interaction\/([\w-]+)(\/login)?$/.exec(new URL(req.url ?? "/", origin).pathname);
    if (!m) return handle(req, res);
    void interaction(provider, users, req, res, m[1], !!m[2]).catch((e: unknown) => {
      res.statusCode = 400;
      res.end(String((e as Error).message));
    });
  });
  return { issuer: issuer ?? origin, origin, users, close: () => close(server) };
}

/** The login prompt: the form, then the person whose username was typed. */
async function interaction(provider: Provider, users: IdpUser[], req: IncomingMessage, res: ServerResponse, uid: string, submitted: boolean) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error("interaction mismatch");
  const html = (body: string) => {
    res.setHeader("content-type", "text/html; charset=utf-8");
    res.end(body);
  };
  if (!submitted) return html(loginPage(uid));
  const login = (await formBody(req)).get("login")?.trim() ?? "";
  const user = users.find((u) => u.login === login);
  if (!user) return html(loginPage(uid, "Unknown username."));
  await provider.interactionFinished(req, res, { login: { accountId: user.sub } }, { mergeWithLastSubmission: false });
}

/** A tiny browser: cookies per host, redirects followed by hand, the login form filled in. */
export class Browser {
  private jar = new Map<string, Map<string, string>>();

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const host = new URL(url).host;
    const cookies = [...(this.jar.get(host) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join("; ");
    const headers: Record<string, string> = cookies ? { cookie: cookies } : {};
    let body: string | undefined;
    if (init.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(url, { method: init.method ?? "GET", headers, body, redirect: "manual" });
    const kept = this.jar.get(host) ?? new Map<string, string>();
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair.indexOf("=");
      kept.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    this.jar.set(host, kept);
    return res;
  }
}

/**
 * Follows an authorization request at the provider: signs in as `login` at the form, then follows
 * redirects until one leaves for `redirectPrefix` (the client's callback), which is returned.
 */
export async function signInAt(authorizationUrl: string, login: string, redirectPrefix: string, browser = new Browser()): Promise<string> {
  let url = authorizationUrl;
  let form: Record<string, string> | undefined;
  for (let hop = 0; hop < 10; hop++) {
    if (url.startsWith(redirectPrefix)) return url;
    const res = await browser.request(url, form ? { method: "POST", form } : {});
    form = undefined;
    const location = res.headers.get("location");
    if (location) {
      url = new URL(location, url).toString();
      continue;
    }
    const page = await res.text();
    const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1];
    if (res.status !== 200 || !action) throw new Error(`the provider answered ${res.status}: ${page.slice(0, 300)}`);
    url = new URL(action, url).toString();
    form = { login };
  }
  throw new Error("too many redirects at the provider");
}

/** A real id_token for `client` about `login`, through that client's own code flow (no PKCE: a confidential client). */
export async function idTokenFor(idp: Idp, client: IdpClient, login: string): Promise<string> {
  const meta = (await (await fetch(`${idp.origin}/.well-known/openid-configuration`)).json()) as { authorization_endpoint: string; token_endpoint: string };
  const redirect = client.redirect_uris[0];
  const auth = new URL(meta.authorization_endpoint);
  for (const [k, v] of Object.entries({ client_id: client.client_id, redirect_uri: redirect, response_type: "code", scope: "openid", nonce: "n-0", state: "s-0" })) auth.searchParams.set(k, v);
  const code = new URL(await signInAt(auth.toString(), login, redirect)).searchParams.get("code") ?? "";
  const res = await fetch(meta.token_endpoint, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${Buffer.from(`${client.client_id}:${client.client_secret}`).toString("base64")}` },
    body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: redirect }).toString(),
  });
  const tokens = (await res.json()) as { id_token?: string };
  if (!tokens.id_token) throw new Error(`no id_token: ${JSON.stringify(tokens)}`);
  return tokens.id_token;
}

/**
 * An impostor in front of a real provider: serves the provider's discovery document with fields
 * changed by `edit` (given the impostor's own origin), and relays POST /token to the provider's
 * token endpoint, passing the answer through `editTokens`.
 */
export async function startImpostor(idp: Idp, edit: (doc: Record<string, unknown>, origin: string) => Record<string, unknown>, editTokens: (tokens: Record<string, unknown>) => Record<string, unknown> = (t) => t): Promise<{ origin: string; close(): Promise<void> }> {
  const upstream = async () => (await (await fetch(`${idp.origin}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
  const server = createServer((req, res) => {
    void (async () => {
      if (req.url === "/.well-known/openid-configuration") {
        res.setHeader("content-type", "application/json");
        return res.end(JSON.stringify(edit(await upstream(), origin)));
      }
      if (req.url === "/token" && req.method === "POST") {
        const body = (await formBody(req)).toString();
        const answer = await fetch(String((await upstream()).token_endpoint), {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", authorization: req.headers.authorization ?? "" },
          body,
        });
        res.statusCode = answer.status;
        res.setHeader("content-type", "application/json");
        return res.end(JSON.stringify(editTokens((await answer.json()) as Record<string, unknown>)));
      }
      res.statusCode = 404;
      res.end();
    })();
  });
  const origin = await listen(server, 0);
  return { origin, close: () => close(server) };
}
