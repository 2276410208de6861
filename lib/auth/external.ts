// Accounts behind an outside identity: the university's OpenID provider (kind "oidc") or an LMS
// launching handprop over LTI 1.3 (kind "lti"). An identity is the issuer and the subject it gives
// the person, and only that pair finds the account again: an email can change hands or be
// asserted by anyone with an account at some provider, a subject within its issuer cannot.
import type { PrismaClient } from "../db/client";

/**
 * The password hash of an account created by an outside sign-in: not of the form
 * lib/auth/password.ts writes, so no password ever matches it.
 */
export const NO_PASSWORD = "!external";

export interface ExternalIdentityInput {
  kind: "oidc" | "lti";
  issuer: string;
  subject: string;
  /** Lower-cased by this module. Required to create an account (User.email is unique and required). */
  email?: string;
  /** Whether the issuer says it checked the email belongs to the person (OIDC's email_verified). */
  emailVerified?: boolean;
  name?: string;
  studentNumber?: string;
  /** The role a new account gets; an existing account keeps its own. Default "student". */
  role?: "student" | "instructor";
}

export interface ExternalOptions {
  /**
   * When no account has this identity but one has its email: "refuse" (default) never hands the
   * account over; "verified-email" links the identity to it when the issuer asserts the email is
   * verified and the account has no other identity at this issuer.
   */
  linkByEmail?: "refuse" | "verified-email";
}

export interface ExternalUser {
  id: string;
  email: string;
  name: string;
  sessionVersion: number;
}

export type ExternalSignIn =
  | { ok: true; user: ExternalUser; how: "found" | "created" | "linked" }
  /** account-exists: the email has an account this identity may not take; missing-email: nothing to create an account with. */
  | { ok: false; reason: "account-exists" | "missing-email" };

type Db = Pick<PrismaClient, "user" | "externalIdentity">;

const USER_FIELDS = { id: true, email: true, name: true, sessionVersion: true } as const;

/** The account of an outside identity: found by (kind, issuer, subject), else linked or created. */
export async function findOrCreateExternalUser(db: Db, who: ExternalIdentityInput, options: ExternalOptions = {}): Promise<ExternalSignIn> {
  const found = await findByIdentity(db, who);
  if (found) return { ok: true, user: found, how: "found" };
  const email = who.email?.trim().toLowerCase();
  if (!email) return { ok: false, reason: "missing-email" };
  const holder = await db.user.findUnique({ where: { email }, select: { ...USER_FIELDS, identities: { where: { kind: who.kind, issuer: who.issuer }, select: { id: true } } } });
  if (holder) {
    const mayLink = options.linkByEmail === "verified-email" && who.emailVerified === true && holder.identities.length === 0;
    if (!mayLink) return { ok: false, reason: "account-exists" };
    return linkIdentity(db, who, holder);
  }
  return createAccount(db, who, email);
}

/** A known identity: its account, with the last sign-in noted and a missing student number filled in. */
async function findByIdentity(db: Db, who: ExternalIdentityInput): Promise<ExternalUser | null> {
  const identity = await db.externalIdentity.findUnique({
    where: { kind_issuer_subject: { kind: who.kind, issuer: who.issuer, subject: who.subject } },
    select: { id: true, user: { select: { ...USER_FIELDS, studentNumber: true } } },
  });
  if (!identity) return null;
  await db.externalIdentity.update({ where: { id: identity.id }, data: { lastSeenAt: new Date() } });
  const { studentNumber, ...user } = identity.user;
  if (!studentNumber && who.studentNumber) await db.user.update({ where: { id: user.id }, data: { studentNumber: who.studentNumber } });
  return user;
}

async function linkIdentity(db: Db, who: ExternalIdentityInput, holder: ExternalUser): Promise<ExternalSignIn> {
  try {
    await db.externalIdentity.create({ data: { kind: who.kind, issuer: who.issuer, subject: who.subject, userId: holder.id } });
  } catch (e) {
    return afterConflict(db, who, e);
  }
  const { id, email, name, sessionVersion } = holder;
  return { ok: true, user: { id, email, name, sessionVersion }, how: "linked" };
}

/** A new account with no usable password, and its identity, in one write. */
async function createAccount(db: Db, who: ExternalIdentityInput, email: string): Promise<ExternalSignIn> {
  try {
    const user = await db.user.create({
      data: {
        email,
        name: who.name?.trim() || email.split("@")[0],
        passwordHash: NO_PASSWORD,
        role: who.role ?? "student",
        studentNumber: who.studentNumber ?? null,
        identities: { create: { kind: who.kind, issuer: who.issuer, subject: who.subject } },
      },
      select: USER_FIELDS,
    });
    return { ok: true, user, how: "created" };
  } catch (e) {
    return afterConflict(db, who, e);
  }
}

/**
 * A unique constraint failed: either the same person's other sign-in created the identity a moment
 * ago (then it is theirs now), or the email was taken meanwhile by an account this identity may not take.
 */
async function afterConflict(db: Db, who: ExternalIdentityInput, e: unknown): Promise<ExternalSignIn> {
  if ((e as { code?: unknown } | null)?.code !== "P2002") throw e;
  const found = await findByIdentity(db, who);
  return found ? { ok: true, user: found, how: "found" } : { ok: false, reason: "account-exists" };
}
