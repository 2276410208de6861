// Who is asking, at the cost of one small query: the rules are lib/auth/session.ts's (the session
// token's claims, the user's row, the session version checked at every request), with two costs
// taken out of every request. A session token is decrypted once and its claims kept (an LRU keyed
// by the exact token text; expiry is still checked at each use), and the user's row is read by a
// plain query instead of an ORM call. Pages use currentActor() instead of next-auth's
// getServerSession, which decrypts the token, runs the callbacks and encrypts a fresh one (for a
// cookie a page cannot set) on every render.
import "server-only";
import { LRUCache } from "lru-cache";
import { decode, getToken, type JWT, type JWTDecodeParams } from "next-auth/jwt";
import { cookies } from "next/headers";
import type { NextRequest } from "next/server";
import { cache } from "react";
import { actorOfClaims, type Actor } from "./auth/session";
import { userColumns } from "./course/queries";
import { prisma, type PrismaClient } from "./db/client";
import { sessionSecret } from "./env";

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

/** What actorOfClaims reads (user.findUnique with a select), as one plain query of those columns. */
const users = {
  user: {
    findUnique(args: { where: { id?: string }; select?: Record<string, boolean> }) {
      if (!args.select || typeof args.where?.id !== "string") return prisma.user.findUnique(args as Parameters<PrismaClient["user"]["findUnique"]>[0]);
      return userColumns(prisma, args.where.id, Object.keys(args.select).filter((k) => args.select![k]));
    },
  },
} as unknown as PrismaClient;

/** Route handlers: the signed-in user of the request (null when nobody, or the session has ended). */
export async function actorOf(req: NextRequest): Promise<Actor | null> {
  return actorOfClaims(users, await getToken({ req, secret: sessionSecret(), decode: cachedDecode }));
}

/** Pages and server actions: the signed-in user of the current request, once per render. */
export const currentActor = cache(async (): Promise<Actor | null> => {
  // Only the session cookie counts for a page (no Authorization header), as with getServerSession.
  const req = { cookies: await cookies(), headers: {} } as unknown as NextRequest;
  return actorOfClaims(users, await getToken({ req, secret: sessionSecret(), decode: cachedDecode }));
});

export type { Actor };
