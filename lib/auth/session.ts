// Who is asking: every page, action and route handler calls one of these first.
import "server-only";
import { getServerSession } from "next-auth";
import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { cache } from "react";
import { prisma, type PrismaClient } from "../db/client";
import { sessionSecret } from "../env";
import { authOptions } from "./options";

export interface Actor {
  id: string;
  email: string;
  name: string;
  role: "student" | "instructor";
  locale: string;
  /** This session's id ("" for a token issued without one): one-time messages are kept per session. */
  sessionId: string;
}

/** What a session token holds (see lib/auth/options.ts). */
export interface SessionClaims {
  sub?: unknown;
  sv?: unknown;
  sid?: unknown;
}

/**
 * The user behind a session, read fresh from the database: null when the account is gone, or when
 * the session was issued under an older session version (signed out, password changed, removed
 * from a course). The version is one more column of the row every request reads anyway.
 */
export async function actorOfClaims(db: PrismaClient, claims: SessionClaims | null | undefined): Promise<Actor | null> {
  // A token from before session versions existed counts as version 0: valid until the first end.
  const version = claims?.sv ?? 0;
  if (!claims || typeof claims.sub !== "string" || typeof version !== "number") return null;
  const user = await db.user.findUnique({ where: { id: claims.sub }, select: { id: true, email: true, name: true, role: true, locale: true, sessionVersion: true } });
  if (!user || user.sessionVersion !== version) return null;
  const { sessionVersion: _, ...rest } = user;
  return { ...rest, role: user.role === "instructor" ? "instructor" : "student", sessionId: typeof claims.sid === "string" ? claims.sid : "" };
}

/** Pages and server actions: the signed-in user of the current request (null when signed out). */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = (await getServerSession(authOptions)) as { userId?: string; sv?: number; sid?: string } | null;
  return actorOfClaims(prisma, session && { sub: session.userId, sv: session.sv, sid: session.sid });
});

/** Route handlers: the same session token, read from the request itself (an expired, forged or ended one reads as nobody). */
export async function actorOf(req: NextRequest): Promise<Actor | null> {
  return actorOfClaims(prisma, await getToken({ req, secret: sessionSecret() }));
}
