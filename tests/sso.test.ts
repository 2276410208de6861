// Single sign-on against a real OpenID Connect provider (oidc-provider, started here): the whole
// authorization code flow over HTTP, through next-auth's own request handler with the app's
// options, to the session token it issues. Who signs in is decided at the provider's form.
// next-auth's app-router entry reads cookies through next/headers, which needs Next's request
// scope; its pages-router entry runs the very same core handler with plain objects, so the tests
// call that one.
import NextAuth, { type NextAuthOptions } from "next-auth";
import { decode, type JWT } from "next-auth/jwt";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { freshDbUrl, useForApp } from "./db-file";
import { idTokenFor, signInAt, startIdp, startImpostor, type Idp, type IdpClient } from "./oidc-idp";

useForApp(await freshDbUrl("sso"));
const APP = "http://localhost:3000";
process.env.NEXTAUTH_URL = APP;
const { prisma: db } = await import("../lib/db/client");
const { sessionSecret, ssoProblem } = await import("../lib/env");
const { buildAuthOptions } = await import("../app/_lib/auth-options.server");
const { discoveryUrlOf, SSO_PROVIDER_ID } = await import("../lib/auth/sso");
const { NO_PASSWORD, findOrCreateExternalUser } = await import("../lib/auth/external");
const { hashPassword } = await import("../lib/auth/password");
const { actorOfClaims } = await import("../lib/auth/session");
type SsoSettings = import("../lib/auth/sso").SsoSettings;
type Env = import("../lib/env").Env;

const CALLBACK = `${APP}/api/auth/callback/${SSO_PROVIDER_ID}`;
const handprop: IdpClient = { client_id: "handprop", client_secret: "handprop-test-secret-0123456789", redirect_uris: [CALLBACK] };
const otherApp: IdpClient = { client_id: "other-app", client_secret: "other-app-test-secret-0123456789", redirect_uris: ["http://localhost:4000/callback"] };

let idp: Idp;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  idp = await startIdp({
    clients: [handprop, otherApp],
    users: [
      { login: "hanako", sub: "u-1001", email: "Hanako@Uni.example", email_verified: true, name: "Hanako Yamada", student_number: "S1001" },
      { login: "taken", sub: "u-1002", email: "taken@uni.example", email_verified: false, name: "Someone Else" },
      { login: "verified", sub: "u-1003", email: "linkme@uni.example", email_verified: true, name: "Link Me" },
      { login: "nomail", sub: "u-1004", name: "No Mail" },
    ],
  });
  closers.push(() => idp.close());
  for (const email of ["taken@uni.example", "linkme@uni.example"]) await db.user.create({ data: { email, name: "Password Holder", passwordHash: await hashPassword("their-own-password") } });
});
afterAll(async () => {
  for (const close of closers) await close();
  await db.$disconnect();
});
afterEach(() => vi.restoreAllMocks());

/** The app's settings for this provider: as lib/auth/sso.ts reads them from OIDC_* settings. */
const settings = (over: Partial<SsoSettings> = {}): SsoSettings => ({
  issuer: idp.issuer,
  discoveryUrl: discoveryUrlOf(idp.issuer),
  clientId: handprop.client_id,
  clientSecret: handprop.client_secret,
  name: "Test University",
  studentNumberClaim: "student_number",
  scopes: "openid email profile student",
  linkVerifiedEmail: false,
  ...over,
});

type Cookies = Record<string, string>;

interface Answer {
  status: number;
  redirect?: string;
  body?: unknown;
}

/** One request to next-auth's handler (/api/auth/<action>/<providerId>); cookies kept in `jar`. */
async function nextAuth(options: NextAuthOptions, jar: Cookies, req: { action: string; providerId?: string; method: string; query?: Record<string, string>; body?: Record<string, string> }): Promise<Answer> {
  const headers = new Map<string, string | string[]>();
  const answer: Answer = { status: 200 };
  const res = {
    getHeader: (name: string) => headers.get(name.toLowerCase()),
    setHeader(name: string, value: string | string[]) {
      headers.set(name.toLowerCase(), value);
      return res;
    },
    status(code: number) {
      answer.status = code;
      return res;
    },
    end: () => {},
    send: (body: unknown) => void (answer.body = body),
    json: (body: unknown) => void (answer.body = body),
  };
  const nextauth = [req.action, ...(req.providerId ? [req.providerId] : [])];
  await NextAuth({ method: req.method, query: { ...req.query, nextauth }, body: req.body, cookies: { ...jar }, headers: { host: "localhost:3000" } } as never, res as never, options);
  for (const line of [headers.get("set-cookie") ?? []].flat()) {
    const [pair] = line.split(";");
    const eq = pair.indexOf("=");
    jar[pair.slice(0, eq)] = decodeURIComponent(pair.slice(eq + 1));
  }
  const location = headers.get("location");
  if (typeof location === "string") answer.redirect = location;
  return answer;
}

/** Follows next-auth's own redirects (/api/auth/error, /api/auth/signin) to the first page of the app. */
async function landing(options: NextAuthOptions, jar: Cookies, redirect: string | undefined): Promise<URL> {
  let url = new URL(redirect ?? "", APP);
  for (let hop = 0; hop < 5 && url.pathname.startsWith("/api/auth/"); hop++) {
    const [action, providerId] = url.pathname.split("/").slice(3);
    url = new URL((await nextAuth(options, jar, { action, providerId, method: "GET", query: Object.fromEntries(url.searchParams) })).redirect ?? "", APP);
  }
  return url;
}

/** Clicks "Sign in with …", signs in at the provider as `login`, and comes back: where the app sends the browser, and the session. */
async function signInWithSso(options: NextAuthOptions, login: string): Promise<{ page: URL; session: JWT | null }> {
  const jar: Cookies = {};
  const { csrfToken } = (await nextAuth(options, jar, { action: "csrf", method: "GET" })).body as { csrfToken: string };
  const start = await nextAuth(options, jar, { action: "signin", providerId: SSO_PROVIDER_ID, method: "POST", body: { csrfToken, callbackUrl: `${APP}/dashboard` } });
  expect(start.redirect).toMatch(/code_challenge_method=S256/);
  const back = new URL(await signInAt(start.redirect!, login, CALLBACK));
  const done = await nextAuth(options, jar, { action: "callback", providerId: SSO_PROVIDER_ID, method: "GET", query: Object.fromEntries(back.searchParams) });
  const token = jar["next-auth.session-token"];
  return { page: await landing(options, jar, done.redirect), session: token ? await decode({ token, secret: sessionSecret() }) : null };
}

/** The password form's post, through the same handler: where it sends the browser. */
async function signInWithPassword(options: NextAuthOptions, email: string, password: string): Promise<string> {
  const jar: Cookies = {};
  const { csrfToken } = (await nextAuth(options, jar, { action: "csrf", method: "GET" })).body as { csrfToken: string };
  return (await nextAuth(options, jar, { action: "callback", providerId: "credentials", method: "POST", body: { csrfToken, email, password, callbackUrl: `${APP}/dashboard` } })).redirect ?? "";
}

const identityOf = (subject: string, issuer = idp.issuer) => db.externalIdentity.findUnique({ where: { kind_issuer_subject: { kind: "oidc", issuer, subject } } });

describe("signing in with the university's provider", () => {
  it("creates a student account from the claims at the first sign-in, with a session like a password session's", async () => {
    const { page, session } = await signInWithSso(buildAuthOptions(settings()), "hanako");
    expect(page.toString()).toBe(`${APP}/dashboard`);
    const user = await db.user.findUniqueOrThrow({ where: { email: "hanako@uni.example" } });
    expect(user).toMatchObject({ name: "Hanako Yamada", role: "student", studentNumber: "S1001", passwordHash: NO_PASSWORD });
    expect(await identityOf("u-1001")).toMatchObject({ userId: user.id });
    expect(session).toMatchObject({ sub: user.id, sv: 0 });
    expect(session?.sid).toMatch(/^[0-9a-f-]{36}$/);
    expect(await actorOfClaims(db, session)).toMatchObject({ id: user.id, email: "hanako@uni.example", role: "student", sessionId: session?.sid });
  });

  it("finds the same account at the next sign-in by issuer and subject, even after the email changed at the provider", async () => {
    const first = await identityOf("u-1001");
    idp.users[0].email = "hanako.yamada@uni.example";
    const { page, session } = await signInWithSso(buildAuthOptions(settings()), "hanako");
    expect(page.pathname).toBe("/dashboard");
    expect(session?.sub).toBe(first?.userId);
    expect(await db.user.count({ where: { email: { startsWith: "hanako" } } })).toBe(1);
    expect((await identityOf("u-1001"))!.lastSeenAt.getTime()).toBeGreaterThan(first!.lastSeenAt.getTime());
  });

  it("leaves the account without a password: the password form refuses every password", async () => {
    for (const password of ["", "!external", "handprop: no such account"]) {
      expect(await signInWithPassword(buildAuthOptions(settings()), "hanako@uni.example", password || "x")).toContain("error=CredentialsSignin");
    }
  });

  it("never takes over a password account with the same email", async () => {
    const before = await db.user.findUniqueOrThrow({ where: { email: "taken@uni.example" } });
    const { page, session } = await signInWithSso(buildAuthOptions(settings({ linkVerifiedEmail: true })), "taken");
    expect(page.pathname).toBe("/signin");
    expect(page.searchParams.get("error")).toBe("SsoAccountExists");
    expect(session).toBeNull();
    expect(await identityOf("u-1002")).toBeNull();
    expect(await db.user.findUniqueOrThrow({ where: { email: "taken@uni.example" } })).toEqual(before);
    expect(await signInWithPassword(buildAuthOptions(settings()), "taken@uni.example", "their-own-password")).toBe(`${APP}/dashboard`);
  });

  it("links a password account only when configured to and the provider says the email is verified", async () => {
    const holder = await db.user.findUniqueOrThrow({ where: { email: "linkme@uni.example" } });
    const refused = await signInWithSso(buildAuthOptions(settings()), "verified");
    expect(refused.page.searchParams.get("error")).toBe("SsoAccountExists");
    const linked = await signInWithSso(buildAuthOptions(settings({ linkVerifiedEmail: true })), "verified");
    expect(linked.page.pathname).toBe("/dashboard");
    expect(linked.session?.sub).toBe(holder.id);
    expect(await identityOf("u-1003")).toMatchObject({ userId: holder.id });
  });

  it("refuses a sign-in without an email, with a code the sign-in page words", async () => {
    const { page, session } = await signInWithSso(buildAuthOptions(settings()), "nomail");
    expect(page.searchParams.get("error")).toBe("SsoMissingEmail");
    expect(session).toBeNull();
    expect(await identityOf("u-1004")).toBeNull();
  });
});

describe("an answer from the wrong provider", () => {
  /** Runs a sign-in expected to fail; returns the code the sign-in page gets and what was logged. */
  async function refused(options: NextAuthOptions, login = "hanako"): Promise<{ error: string | null; logged: string }> {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const before = await db.externalIdentity.count();
    const { page, session } = await signInWithSso(options, login);
    expect(page.pathname).toBe("/signin");
    expect(session).toBeNull();
    expect(await db.externalIdentity.count()).toBe(before);
    const logged = log.mock.calls.map((c) => c.join(" ")).join("\n");
    expect(logged).not.toMatch(/eyJ/); // no token in the log
    return { error: page.searchParams.get("error"), logged };
  }

  it("is refused by openid-client when the id_token's issuer is not the one discovered", async () => {
    // The impostor's document names the impostor as issuer; the tokens come from the real provider.
    const impostor = await startImpostor(idp, (doc, origin) => ({ ...doc, issuer: origin }));
    closers.push(impostor.close);
    const { error, logged } = await refused(buildAuthOptions(settings({ issuer: impostor.origin, discoveryUrl: discoveryUrlOf(impostor.origin) })));
    expect(error).toBe("OAuthCallback");
    expect(logged).toMatch(/iss mismatch/);
  });

  it("is refused when the discovery document names another issuer than the one configured", async () => {
    // Consistent in itself (document and tokens agree), so only handprop's own check can catch it.
    const impostor = await startImpostor(idp, (doc) => doc);
    closers.push(impostor.close);
    const { error } = await refused(buildAuthOptions(settings({ issuer: impostor.origin, discoveryUrl: discoveryUrlOf(impostor.origin) })));
    expect(error).toBe("SsoFailed");
  });

  it("is refused by openid-client when the id_token was issued to another client", async () => {
    // A real id_token of the same provider, signed with its key, but for another application.
    const foreign = await idTokenFor(idp, otherApp, "hanako");
    const impostor = await startImpostor(idp, (doc, origin) => ({ ...doc, token_endpoint: `${origin}/token` }), (tokens) => ({ ...tokens, id_token: foreign }));
    closers.push(impostor.close);
    const { error, logged } = await refused(buildAuthOptions(settings({ discoveryUrl: discoveryUrlOf(impostor.origin) })));
    expect(error).toBe("OAuthCallback");
    expect(logged).toMatch(/aud mismatch/);
  });

  it("is refused for a forged callback, and for a callback replayed with the browser's own cookies", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const options = buildAuthOptions(settings());
    const forged = await nextAuth(options, {}, { action: "callback", providerId: SSO_PROVIDER_ID, method: "GET", query: { code: "made-up", state: "made-up" } });
    expect((await landing(options, {}, forged.redirect)).searchParams.get("error")).toBe("OAuthCallback");
    // A real round trip, then the same answer from the provider once more.
    const jar: Cookies = {};
    const { csrfToken } = (await nextAuth(options, jar, { action: "csrf", method: "GET" })).body as { csrfToken: string };
    const start = await nextAuth(options, jar, { action: "signin", providerId: SSO_PROVIDER_ID, method: "POST", body: { csrfToken, callbackUrl: `${APP}/dashboard` } });
    const query = Object.fromEntries(new URL(await signInAt(start.redirect!, "hanako", CALLBACK)).searchParams);
    const before = { ...jar };
    expect((await nextAuth(options, jar, { action: "callback", providerId: SSO_PROVIDER_ID, method: "GET", query })).redirect).toBe(`${APP}/dashboard`);
    const replay = await nextAuth(options, { ...before }, { action: "callback", providerId: SSO_PROVIDER_ID, method: "GET", query });
    expect((await landing(options, {}, replay.redirect)).searchParams.get("error")).toBe("OAuthCallback");
    // The forged one has no state cookie to match; the replayed code was already redeemed.
    expect(log.mock.calls.map((c) => c.join(" "))).toEqual([expect.stringMatching(/State cookie was missing/), expect.stringMatching(/invalid_grant/)]);
  });

  it("is refused when the client secret is wrong (the provider will not redeem the code)", async () => {
    const { error } = await refused(buildAuthOptions(settings({ clientSecret: "not-the-secret-at-all-0000000000" })));
    expect(error).toBe("OAuthCallback");
  });
});

describe("the account of an outside identity (shared with LTI)", () => {
  const who = { kind: "lti" as const, issuer: "https://lms.uni.example", subject: "42", email: "Twice@Uni.example", name: "Twice" };

  it("is created once when the same person's first two sign-ins race", async () => {
    const [a, b] = await Promise.all([findOrCreateExternalUser(db, who), findOrCreateExternalUser(db, who)]);
    expect(a.ok && b.ok && a.user.id === b.user.id).toBe(true);
    expect(await db.user.count({ where: { email: "twice@uni.example" } })).toBe(1);
    expect(await db.externalIdentity.count({ where: { issuer: who.issuer, subject: "42" } })).toBe(1);
  });

  it("keeps identities of different kinds apart, and never takes the account by email", async () => {
    expect(await findOrCreateExternalUser(db, { ...who, kind: "oidc" })).toEqual({ ok: false, reason: "account-exists" });
    expect(await findOrCreateExternalUser(db, { ...who, subject: "43", emailVerified: true }, { linkByEmail: "verified-email" })).toEqual({ ok: false, reason: "account-exists" });
  });
});

describe("the single sign-on settings", () => {
  const env = (e: Partial<Env>) => ssoProblem(e as Env);

  it("go together: issuer, client id and secret, or none", () => {
    expect(env({})).toBeUndefined();
    expect(env({ OIDC_ISSUER: "https://idp.uni.example" })).toMatch(/set all three or none/);
    expect(env({ OIDC_ISSUER: "https://idp.uni.example", OIDC_CLIENT_ID: "a", OIDC_CLIENT_SECRET: "b" })).toBeUndefined();
  });

  it("accept a plain-http issuer only on this machine", () => {
    const creds = { OIDC_CLIENT_ID: "a", OIDC_CLIENT_SECRET: "b" };
    expect(env({ OIDC_ISSUER: "http://idp.uni.example", ...creds })).toMatch(/https/);
    expect(env({ OIDC_ISSUER: "http://127.0.0.1:3299", ...creds })).toBeUndefined();
  });
});
