// Ending sessions. Every session token carries the user's session version at sign-in ("sv");
// lib/auth/session.ts refuses a token whose version is no longer the user's, so moving the
// version on ends every session issued before, on every app process, at their next request.
import type { PrismaClient } from "../db/client";

type Db = Pick<PrismaClient, "user" | "oneTimeMessage">;

/** Ends every session of the user (a password change, a removal from a course). */
export async function endSessions(db: Pick<PrismaClient, "user">, userId: string): Promise<void> {
  await db.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}

/**
 * Sign-out (next-auth's signOut event, with the session's decoded token). Only a token that is still
 * valid moves the version on: replaying an old token's sign-out cannot sign the user out again.
 * The session's one-time messages go with it.
 */
export async function endSession(db: Db, token: { sub?: unknown; sv?: unknown; sid?: unknown } | null | undefined): Promise<void> {
  const version = token?.sv ?? 0; // as in lib/auth/session.ts
  if (!token || typeof token.sub !== "string" || typeof version !== "number") return;
  await db.user.updateMany({ where: { id: token.sub, sessionVersion: version }, data: { sessionVersion: { increment: 1 } } });
  if (typeof token.sid === "string") await db.oneTimeMessage.deleteMany({ where: { userId: token.sub, sessionId: token.sid } });
}
