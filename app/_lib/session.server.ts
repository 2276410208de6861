// Reading and issuing the session token, the framework's edge of lib/auth/session.ts. Who is asking
// costs one small query: a token is decrypted once and its claims kept (an LRU keyed by the exact
// token text; expiry is still checked at each use), and the user's row is read by a plain query.
// Pages use currentActor() instead of next-auth's getServerSession, which decrypts the token, runs
// the callbacks and encrypts a fresh one (for a cookie a page cannot set) on every render.
import "server-only";
import { randomUUID } from "node:crypto";
import { LRUCache } from "lru-cache";
import { decode, encode, getToken, type JWT, type JWTDecodeParams } from "next-auth/jwt";
import { cookies } from "next/headers";
import type { NextRequest } from "next/server";
import { cache } from "react";
import { actorOfClaims, type Actor } from "@/lib/auth/session";
import { prisma } from "@/lib/db/client";
import { sessionSecret } from "@/lib/env";

/** jose's clock tolerance in next-auth's decode, in seconds. */
const CLOCK_TOLERANCE = 15;

const claimsByToken = new LRUCache<string, JWT>({ max: 20_000 });

/** next-auth's decode, remembered per token; an expired token reads as nobody, as jose's check would. */
export async function cachedDecode(params: JWTDecodeParams): Promise<JWT | null> {
  const { token } = params;
  if (!token) return null;
  let claims = claimsByToken.get(token);
  if (!claims) {
    const fresh = await decode(params);
    if (!fresh) return null;
    claims = fresh;
    claimsByToken.set(token, claims);
  }
  if (typeof claims.exp === "number" && claims.exp + CLOCK_TOLERANCE < Date.now() / 1000) {
    claimsByToken.delete(token);
    throw new Error("session token expired");
  }
  return claims;
}

/** Route handlers: the signed-in user of the request (null when nobody, or the session has ended). */
export async function actorOf(req: NextRequest): Promise<Actor | null> {
  return actorOfClaims(prisma, await getToken({ req, secret: sessionSecret(), decode: cachedDecode }));
}

/** Pages and server actions: the signed-in user of the current request, once per render. */
export const currentActor = cache(async (): Promise<Actor | null> => {
  // Only the session cookie counts for a page (no Authorization header), as with getServerSession.
  const req = { cookies: await cookies(), headers: {} } as unknown as NextRequest;
  return actorOfClaims(prisma, await getToken({ req, secret: sessionSecret(), decode: cachedDecode }));
});

export interface SessionCookie {
  name: string;
  value: string;
  options: { httpOnly: true; secure: boolean; sameSite: "none" | "lax"; path: "/"; maxAge: number };
}

/** next-auth's cookie name: the __Secure- prefix when the site's URL is https (as getToken reads it). */
export const sessionCookieName = (secure: boolean) => (secure ? "__Secure-next-auth.session-token" : "next-auth.session-token");

/**
 * A session token exactly like the one next-auth issues at sign-in (auth-options.server.ts: sub =
 * the user id, sv = their session version, sid = a new session id), encrypted with next-auth's own
 * encode() and the same secret: every later request reads it the usual way, so the session ends
 * the usual ways (sign-out, password change, removal from a course).
 */
export async function sessionToken(user: { id: string; name: string; email: string; sessionVersion: number }, maxAge: number, secret = sessionSecret()): Promise<string> {
  const token = { sub: user.id, name: user.name, email: user.email, sv: user.sessionVersion, sid: randomUUID() };
  return encode({ token, secret, maxAge });
}

/**
 * The cookie of a session begun outside next-auth's sign-in (an LTI launch). Cookies of a site in
 * an LMS's iframe are third-party cookies, sent only when SameSite=None and Secure; handprop refuses
 * to be framed (against clickjacking), so platforms open it in a new window or tab, where the
 * cookie is first-party. SameSite=None is still set over https, so that a launch posted cross-site
 * keeps its cookie on every browser; over plain http (development) it is Lax.
 */
export async function sessionCookieFor(user: { id: string; name: string; email: string; sessionVersion: number }, o: { secret: string; secure: boolean; maxAge: number }): Promise<SessionCookie> {
  const value = await sessionToken(user, o.maxAge, o.secret);
  return { name: sessionCookieName(o.secure), value, options: { httpOnly: true, secure: o.secure, sameSite: o.secure ? "none" : "lax", path: "/", maxAge: o.maxAge } };
}

export type { Actor };
