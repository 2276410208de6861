// The handprop account behind an LMS user: the identity (kind "lti", the platform's issuer, the
// user's sub) finds it, never the email (lib/auth/external.ts, shared with single sign-on). A new
// account gets the LMS's email when no account has it yet, else a placeholder under .invalid that
// can receive nothing; it has no password (it signs in through the LMS).
import { createHash } from "node:crypto";
import { z } from "zod";
import { findOrCreateExternalUser, type ExternalUser } from "../auth/external";
import type { PrismaClient } from "../db/generated/client";

type Db = PrismaClient;

export interface LtiPerson {
  issuer: string;
  subject: string;
  name?: string;
  email?: string;
}

const email = z.email().max(200);

function placeholderEmail(p: LtiPerson): string {
  const tag = createHash("sha256").update(`${p.issuer}\n${p.subject}`).digest("hex").slice(0, 20);
  return `lti-${tag}@lms.invalid`;
}

/** The LMS's email if it is one and no account has it, else the placeholder. */
async function emailFor(db: Db, p: LtiPerson): Promise<string> {
  const given = p.email?.trim().toLowerCase();
  if (given && email.safeParse(given).success && !(await db.user.findUnique({ where: { email: given }, select: { id: true } }))) return given;
  return placeholderEmail(p);
}

/** The account of this LMS user, created if need be; `instructor` raises its global role (never lowers it). */
export async function findOrCreateLtiUser(db: Db, p: LtiPerson, instructor = false): Promise<ExternalUser> {
  const who = { kind: "lti" as const, issuer: p.issuer, subject: p.subject, name: p.name?.slice(0, 200), role: instructor ? ("instructor" as const) : ("student" as const) };
  let found = await findOrCreateExternalUser(db, { ...who, email: await emailFor(db, p) });
  // The LMS's email was taken a moment ago by another account: the placeholder instead.
  if (!found.ok) found = await findOrCreateExternalUser(db, { ...who, email: placeholderEmail(p) });
  if (!found.ok) throw new Error(`no account could be made for LMS user ${p.subject}`);
  if (instructor) await db.user.updateMany({ where: { id: found.user.id, role: { not: "instructor" } }, data: { role: "instructor" } });
  return found.user;
}

/** The LMS subject of a user at a platform (the userId of their scores), if they have one. */
export async function subjectOf(db: Db, userId: string, issuer: string): Promise<string | null> {
  const id = await db.externalIdentity.findFirst({ where: { userId, kind: "lti", issuer }, select: { subject: true } });
  return id?.subject ?? null;
}
