// Who is asking, as the session token says: its claims checked against the user's row on every
// request. Framework-free: app/_lib/session.server.ts reads the token of a page or a route and
// hands its claims here.
import { sqlAll } from "../db/fast";
import { Prisma, type PrismaClient } from "../db/generated/client";
import { NO_PASSWORD } from "./external";
import { isOneTimeHash } from "./password";

export interface Actor {
  id: string;
  email: string;
  name: string;
  role: "student" | "instructor";
  locale: string;
  /** This session's id ("" for a token issued without one): one-time messages are kept per session. */
  sessionId: string;
  /**
   * The account's password: its own, a one-time one an instructor handed out, or none at all (an
   * account that signs in only through single sign-on or an LMS: no password forms). Read from
   * the row on every request; absent in actors made by hand (tests), which count as "own".
   */
  password?: "own" | "oneTime" | "none";
  /**
   * This session began with the one-time password the account still has: until the person chooses
   * their own, every page sends them to Account and every API route refuses (app/_lib/guard.ts,
   * app/_lib/http.server.ts). A session of the same account begun through an LMS or single sign-on
   * is not asked: it never used that password.
   */
  mustChoosePassword?: boolean;
}

/** What a session token holds (see app/_lib/auth-options.server.ts). */
export interface SessionClaims {
  sub?: unknown;
  sv?: unknown;
  sid?: unknown;
  /** true when the session began with a one-time password (app/_lib/auth-options.server.ts). */
  otp?: unknown;
}

/** The user's columns a session needs, in one plain query (this runs on every request: no ORM call). */
async function sessionUser(db: PrismaClient, id: string) {
  const rows = await sqlAll<Record<string, unknown>>(db, Prisma.sql`SELECT "id", "email", "name", "role", "locale", "sessionVersion", "passwordHash" FROM "User" WHERE "id" = ${id}`);
  const r = rows[0];
  if (!r) return null;
  const hash = String(r.passwordHash);
  const password: Actor["password"] = hash === NO_PASSWORD ? "none" : isOneTimeHash(hash) ? "oneTime" : "own";
  return { id: String(r.id), email: String(r.email), name: String(r.name), role: String(r.role), locale: String(r.locale), sessionVersion: Number(r.sessionVersion), password };
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
  const user = await sessionUser(db, claims.sub);
  if (!user || user.sessionVersion !== version) return null;
  const { sessionVersion: _, ...rest } = user;
  const mustChoosePassword = claims.otp === true && user.password === "oneTime";
  return { ...rest, role: user.role === "instructor" ? "instructor" : "student", sessionId: typeof claims.sid === "string" ? claims.sid : "", mustChoosePassword };
}
