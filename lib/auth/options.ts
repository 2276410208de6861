// next-auth v4: email + password (Credentials) and, when configured, the university's OpenID
// Connect provider (lib/auth/sso.ts); JWT sessions holding the user id, the user's
// session version at sign-in ("sv") and a session id ("sid"). Roles are read from the database on
// every request, never trusted from the token, and so is the session version: a token whose
// version is no longer the user's (signed out, password changed, removed) is refused
// (lib/auth/session.ts).
import { randomUUID } from "node:crypto";
import type { LoggerInstance, NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { prisma } from "../db/client";
import { env, sessionSecret } from "../env";
import { clientAddress } from "./address";
import { SIGN_IN_UNAVAILABLE, TOO_MANY_ATTEMPTS } from "./codes";
import { hashPassword, needsRehash, paramsOf, verifyPassword } from "./password";
import { safeRedirect } from "./redirect";
import { endSession } from "./revoke";
import { accountOfOidcSignIn, oidcProvider, SSO_PROVIDER_ID, ssoSettings, SsoRefusal, type OidcClaims, type SsoSettings } from "./sso";
import { SignInThrottle } from "./throttle";
import { databaseThrottleStore } from "./throttle-db";

declare module "next-auth" {
  interface User {
    sessionVersion?: number;
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    /** The user's session version when this session was issued. */
    sv?: number;
    /** This session's id (one-time messages are kept per session). */
    sid?: string;
  }
}

export const throttle = new SignInThrottle(databaseThrottleStore(prisma));
// Checked when the email has no account, so that an unknown email costs as long as a wrong password.
// Hashed on the first such sign-in, not when the module loads.
let unknownUserHash: Promise<string> | undefined;
const dummyHash = () => (unknownUserHash ??= hashPassword("handprop: no such account"));

const credentials = z.object({ email: z.email().max(200), password: z.string().min(1).max(200) });

/** A refusal whose code the sign-in form shows (next-auth passes a thrown error's message on as ?error=). */
class SignInRefusal extends Error {}

/** A header of next-auth's request object (a plain record in the app router, a Headers elsewhere). */
function header(req: unknown, name: string): string | undefined {
  const h = (req as { headers?: unknown } | undefined)?.headers;
  if (!h) return undefined;
  if (typeof (h as Headers).get === "function") return (h as Headers).get(name) ?? undefined;
  const v = (h as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(v) ? v.join(", ") : v;
}

/** The credentials check, as next-auth's callback route calls it. */
async function authorize(raw: unknown, req: unknown) {
  const parsed = credentials.safeParse(raw);
  if (!parsed.success) return null;
  const email = parsed.data.email.toLowerCase();
  const attempt = { email, address: clientAddress(header(req, "x-forwarded-for"), env().TRUSTED_PROXY_HOPS) };
  try {
    if ((await throttle.retryAfter(attempt)) > 0) throw new SignInRefusal(TOO_MANY_ATTEMPTS);
    const user = await prisma.user.findUnique({ where: { email } });
    // An account made by single sign-on has no password: it costs as long as an unknown email.
    const usable = user && paramsOf(user.passwordHash) ? user.passwordHash : await dummyHash();
    const ok = (await verifyPassword(parsed.data.password, usable)) && usable === user?.passwordHash;
    if (!user || !ok) {
      if ((await throttle.fail(attempt)) > 0) throw new SignInRefusal(TOO_MANY_ATTEMPTS);
      return null;
    }
    await throttle.succeed(attempt);
    if (needsRehash(user.passwordHash)) await upgradeHash(user.id, user.passwordHash, parsed.data.password);
    return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
  } catch (e) {
    if (e instanceof SignInRefusal) throw e;
    // Never the internal error's text: next-auth would put it in the URL.
    console.error(e);
    throw new SignInRefusal(SIGN_IN_UNAVAILABLE);
  }
}

/**
 * A hash made with weaker parameters is replaced by one at today's, once the password is known to
 * be right. Only if it is still the same hash (a password changed meanwhile stays changed); the
 * session version stays, since the password did not change. Failing to upgrade fails nothing.
 */
async function upgradeHash(userId: string, old: string, password: string): Promise<void> {
  try {
    await prisma.user.updateMany({ where: { id: userId, passwordHash: old }, data: { passwordHash: await hashPassword(password) } });
  } catch (e) {
    console.error(e);
  }
}

/**
 * A single sign-on arrives with the provider's claims, already checked by openid-client: the
 * handprop account is found or made here, and its id and session version replace the provider's
 * subject on the user object next-auth hands on to the jwt callback. A refusal's code reaches the
 * sign-in page as ?error= (pages.error); never an internal error's text.
 */
async function signInOidc(sso: SsoSettings, user: { id: string; email?: string | null; name?: string | null; sessionVersion?: number }, claims: OidcClaims): Promise<true> {
  try {
    const account = await accountOfOidcSignIn(prisma, sso, claims);
    Object.assign(user, { id: account.id, email: account.email, name: account.name, sessionVersion: account.sessionVersion });
    return true;
  } catch (e) {
    if (e instanceof SsoRefusal) throw e;
    console.error(e);
    throw new SignInRefusal(SIGN_IN_UNAVAILABLE);
  }
}

/** The message of whatever next-auth logs: never the metadata itself, which can hold tokens (openid-client's errors carry the id_token). */
function messageOf(metadata: unknown): string {
  const m = metadata as { message?: unknown; error?: { message?: unknown } } | undefined;
  const text = m?.error?.message ?? m?.message;
  return typeof text === "string" ? text.slice(0, 300) : "";
}

const logger: LoggerInstance = {
  error: (code, metadata) => console.error(`[next-auth] ${code}: ${messageOf(metadata)}`),
  warn: (code) => console.warn(`[next-auth] ${code}`),
  debug: () => {},
};

/** next-auth's options, with the single sign-on provider when `sso` is set (tests pass their own). */
export function buildAuthOptions(sso: SsoSettings | null): NextAuthOptions {
  return {
    secret: sessionSecret(),
    session: { strategy: "jwt", maxAge: 7 * 24 * 60 * 60 },
    // Sign-in errors (a refused single sign-on) come back to the sign-in page as ?error=<code>.
    pages: { signIn: "/signin", error: "/signin" },
    logger,
    providers: [
      CredentialsProvider({
        name: "Email",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        authorize,
      }),
      ...(sso ? [oidcProvider(sso)] : []),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== SSO_PROVIDER_ID) return true;
        if (!sso || !profile) return false;
        return signInOidc(sso, user, profile as OidcClaims);
      },
      jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.sv = user.sessionVersion ?? 0;
          token.sid = randomUUID();
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, userId: token.sub, sv: token.sv, sid: token.sid };
      },
      // Only this site's own pages, whatever callbackUrl a link carried.
      redirect({ url, baseUrl }) {
        return safeRedirect(url, baseUrl);
      },
    },
    events: {
      // Signing out ends this user's sessions everywhere: the version the token carries moves on.
      async signOut({ token }) {
        await endSession(prisma, token);
      },
    },
  };
}

export const authOptions: NextAuthOptions = buildAuthOptions(ssoSettings());
