// Joining an LMS course to the class that already exists in handprop, instead of making strangers:
// the instructor links the LMS course (an LTI context) to one of their courses, then the LMS roster
// is matched to that course's students (by the registrar's number, else by email) and shown as a
// table; only the rows the instructor confirms are joined, each by giving the existing account the
// LMS identity, so that student's launches reach their own account and work. Nothing is taken
// over on a claim alone: a row with no match, two candidates, an account joined to another LMS
// user, or an LMS-made account that already holds work, stays separate.
import { jwtVerify, SignJWT } from "jose";
import type { PrismaClient } from "../db/generated/client";
import { NO_PASSWORD } from "../auth/external";
import { sessionSecret } from "../env";
import { AppError, notFound } from "../errors";
import { audit, courseTaughtBy, type ActorRef } from "../access";
import { courseRoleOf } from "./claims";
import { readMembers, type Member } from "./nrps";

type Db = PrismaClient;

/** Why a roster row cannot be joined as it stands (worded per language in "lti.match.<reason>"). */
export type MatchProblem = "no_match" | "two_candidates" | "joined_elsewhere" | "same_account" | "has_work";

export interface MatchRow {
  /** The LMS user id (the identity's subject). */
  subject: string;
  name: string;
  email: string;
  studentNumber: string;
  /** The student of the course this row would join, and what matched. */
  candidate: { userId: string; name: string; email: string; studentNumber: string | null; by: "number" | "email" } | null;
  /** The account the LMS made at an earlier launch or sync (no work in it), which the join leaves. */
  replaces: string | null;
  /** Already joined: the LMS identity is the candidate's. */
  joined: boolean;
  problem: MatchProblem | null;
}

/** The context, for an instructor of its course. */
async function contextFor(db: Db, actor: ActorRef, contextId: string) {
  const ctx = /^[\w-]{1,64}$/.test(contextId) ? await db.ltiContext.findUnique({ where: { id: contextId }, include: { platform: true } }) : null;
  if (!ctx) throw notFound("LMS course not found");
  await courseTaughtBy(db, actor, ctx.courseId);
  return ctx;
}

/**
 * Links an LMS course to another course the instructor teaches (their existing class): launches
 * and roster syncs then reach that course. Refused while links placed in the LMS open sets of the
 * course it leaves (they would open another course's sets).
 */
export async function linkContext(db: Db, actor: ActorRef, contextId: string, courseId: string): Promise<void> {
  const ctx = await contextFor(db, actor, contextId);
  await courseTaughtBy(db, actor, courseId);
  await refuseLinksInTheWay(db, ctx, courseId);
  await moveContext(db, actor, ctx, courseId);
}

/** Links placed in the LMS open sets of the course the context has now: moving it would break them. */
async function refuseLinksInTheWay(db: Db, ctx: { id: string; courseId: string }, courseId: string) {
  if (ctx.courseId === courseId) return;
  const links = await db.ltiResourceLink.count({ where: { contextId: ctx.id } });
  if (links) throw new AppError("CONFLICT", "the LMS course has links to this course's problem sets: remove them in the LMS first", undefined, "errors.ltiLinksInTheWay");
}

async function moveContext(db: Db, actor: ActorRef, ctx: { id: string; courseId: string; title: string }, courseId: string) {
  if (ctx.courseId === courseId) return;
  await db.$transaction(async (tx) => {
    await tx.ltiContext.update({ where: { id: ctx.id }, data: { courseId, rosterSyncedAt: null } });
    await audit(tx, actor, courseId, "lti.contextLinked", { contextId: ctx.id, from: ctx.courseId, title: ctx.title });
  });
}

/** The one-time topic under which a made link code waits for the page of the session that made it. */
export const linkCodeTopic = (contextId: string) => `lti-link-code:${contextId}`;

/** What a link token is for, and how long it lasts: the instructor copies it from the LMS side to handprop. */
const LINK_AUDIENCE = "handprop:lti-link";
const LINK_TTL_S = 30 * 60;
const linkKey = () => new TextEncoder().encode(`${sessionSecret()}:lti-link`);

/**
 * A token, for the instructor who launched from the LMS, that their handprop account (signed in
 * with its own password, in another tab) redeems to link this LMS course to one of its courses:
 * proof that both accounts are the same person's, which no claim of the LMS is. 30 minutes.
 */
export async function linkToken(db: Db, actor: ActorRef, contextId: string, now = new Date()): Promise<string> {
  const ctx = await contextFor(db, actor, contextId);
  return new SignJWT({ ctx: ctx.id })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(actor.id)
    .setAudience(LINK_AUDIENCE)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .setExpirationTime(Math.floor(now.getTime() / 1000) + LINK_TTL_S)
    .sign(linkKey());
}

/**
 * Redeems a link token: the LMS course moves to `courseId` (which the actor teaches), and the LMS
 * identity of the instructor who made the token joins the actor's account when that account was
 * made by the LMS (no password of its own), so their next launches open the actor's courses;
 * otherwise that account is made an instructor of the course. Audited.
 */
export async function redeemLinkToken(db: Db, actor: ActorRef, token: string, courseId: string, now = new Date()): Promise<{ contextId: string }> {
  let payload: { sub?: string; ctx?: unknown };
  try {
    ({ payload } = await jwtVerify(token.trim(), linkKey(), { audience: LINK_AUDIENCE, currentDate: now }));
  } catch {
    throw new AppError("INVALID_INPUT", "the link code is not valid or has expired (30 minutes): make a new one from the LMS", { token: "invalid" }, "errors.ltiBadLinkCode");
  }
  const maker = { id: String(payload.sub), role: "instructor" as const };
  const contextId = String(payload.ctx);
  const ctx = await contextFor(db, maker, contextId);
  await courseTaughtBy(db, actor, courseId);
  await refuseLinksInTheWay(db, ctx, courseId);
  if (maker.id !== actor.id) {
    const account = await db.user.findUniqueOrThrow({ where: { id: maker.id }, select: { passwordHash: true } });
    if (account.passwordHash === NO_PASSWORD) {
      await db.externalIdentity.updateMany({ where: { userId: maker.id, kind: "lti", issuer: ctx.platform.issuer }, data: { userId: actor.id } });
      await db.user.update({ where: { id: maker.id }, data: { sessionVersion: { increment: 1 } } });
    } else {
      await db.membership.upsert({ where: { userId_courseId: { userId: maker.id, courseId } }, create: { userId: maker.id, courseId, role: "instructor" }, update: { role: "instructor", removedAt: null } });
    }
  }
  await moveContext(db, actor, ctx, courseId);
  return { contextId };
}

const folded = (s: string | undefined | null) => (s ?? "").normalize("NFKC").trim().toLowerCase();

/** The LMS roster's learners, each with the course's student it would join and why not, if not. */
export async function proposeMatches(db: Db, actor: ActorRef, contextId: string): Promise<MatchRow[]> {
  const ctx = await contextFor(db, actor, contextId);
  if (!ctx.membershipsUrl) throw new AppError("CONFLICT", "the LMS has not offered its roster for this course (launch once with roster access)", undefined, "errors.ltiNoRoster");
  const members = (await readMembers(db, ctx.platform, ctx.membershipsUrl)).filter((m) => m.status === "Active" && courseRoleOf(m.roles) === "student");
  return matchesFor(db, ctx.courseId, ctx.platform.issuer, members);
}

/** The matching itself, on a roster already read (pure but for the database reads). */
export async function matchesFor(db: Db, courseId: string, issuer: string, members: Member[]): Promise<MatchRow[]> {
  const students = await db.membership.findMany({
    where: { courseId, role: "student", removedAt: null },
    select: { studentNumber: true, user: { select: { id: true, name: true, email: true, passwordHash: true, identities: { select: { kind: true, issuer: true } } } } },
  });
  /** An account this LMS made itself (a launch or a sync): no password, and no identity but this LMS's. */
  const madeByLms = (u: (typeof students)[number]["user"]) => u.passwordHash === NO_PASSWORD && u.identities.every((i) => i.kind === "lti" && i.issuer === issuer);
  const fromLms = (u: (typeof students)[number]["user"]) => u.identities.some((i) => i.kind === "lti" && i.issuer === issuer);
  const identities = await db.externalIdentity.findMany({ where: { kind: "lti", issuer, subject: { in: members.map((m) => m.user_id) } }, select: { subject: true, userId: true } });
  const accountOf = new Map(identities.map((i) => [i.subject, i.userId]));
  const held = await db.variant.groupBy({ by: ["userId"], where: { userId: { in: identities.map((i) => i.userId) } }, _count: true });
  const withWork = new Set(held.map((h) => h.userId));
  // Candidates: the students who did not come from this LMS (their accounts carry no identity of it;
  // the empty accounts its launches and syncs made do, and must not be matched to themselves).
  type Student = (typeof students)[number];
  const index = (pool: Student[]) => ({
    number: new Map(pool.filter((s) => s.studentNumber).map((s) => [folded(s.studentNumber), s])),
    email: new Map(pool.map((s) => [folded(s.user.email), s])),
  });
  const everyone = index(students.filter((s) => !madeByLms(s.user)));
  const own = index(students.filter((s) => !fromLms(s.user) && !madeByLms(s.user)));
  const rows = members.map((m): MatchRow => {
    const number = m.lis_person_sourcedid?.trim() ?? "";
    const name = m.name ?? ([m.given_name, m.family_name].filter(Boolean).join(" ") || m.user_id);
    const base = { subject: m.user_id, name, email: m.email ?? "", studentNumber: number, replaces: null, joined: false };
    const found = (ix: ReturnType<typeof index>) => ({ n: number ? ix.number.get(folded(number)) : undefined, e: m.email ? ix.email.get(folded(m.email)) : undefined });
    const current = accountOf.get(m.user_id);
    // Joined already (when no student of its own is left to match): the LMS identity is the account its number or email names.
    const was = found(everyone);
    const joinedTo = [was.n, was.e].find((s) => s && s.user.id === current);
    const asCandidate = (s: Student, by: "number" | "email") => ({ userId: s.user.id, name: s.user.name, email: s.user.email, studentNumber: s.studentNumber, by });
    const { n, e } = found(own);
    const pick = n ?? e;
    if (!pick) {
      if (joinedTo) return { ...base, candidate: asCandidate(joinedTo, joinedTo === was.n ? "number" : "email"), joined: true, problem: null };
      // The number or email names a student already joined to another LMS user.
      const taken = was.n ?? was.e;
      return taken ? { ...base, candidate: asCandidate(taken, was.n ? "number" : "email"), problem: "joined_elsewhere" } : { ...base, candidate: null, problem: "no_match" };
    }
    const candidate = asCandidate(pick, n ? "number" : "email");
    if (n && e && n.user.id !== e.user.id) return { ...base, candidate, problem: "two_candidates" };
    if (current && withWork.has(current)) return { ...base, candidate, problem: "has_work" };
    return { ...base, candidate, replaces: current ?? null, problem: null };
  });
  // Two LMS users pointing at one account: neither is joined.
  const count = new Map<string, number>();
  for (const r of rows) if (r.candidate && !r.joined && !r.problem) count.set(r.candidate.userId, (count.get(r.candidate.userId) ?? 0) + 1);
  return rows.map((r) => (r.candidate && !r.joined && !r.problem && (count.get(r.candidate.userId) ?? 0) > 1 ? { ...r, problem: "same_account" } : r));
}

/**
 * Joins the confirmed rows, matched again here (a row the instructor ticks is only joined if it is
 * still a clean match now): the existing account gets the LMS identity (moved from the empty
 * account an earlier launch made, whose sessions end and whose place in the course is given up).
 * One transaction, audited with whom.
 */
export async function confirmMatches(db: Db, actor: ActorRef, contextId: string, subjects: string[]): Promise<{ joined: number; skipped: number }> {
  const ctx = await contextFor(db, actor, contextId);
  const wanted = new Set(subjects.slice(0, 2000));
  const rows = (await proposeMatches(db, actor, contextId)).filter((r) => wanted.has(r.subject));
  const clean = rows.filter((r) => r.candidate && !r.problem && !r.joined);
  const issuer = ctx.platform.issuer;
  await db.$transaction(async (tx) => {
    for (const r of clean) {
      const userId = r.candidate!.userId;
      if (r.replaces) {
        await tx.externalIdentity.update({ where: { kind_issuer_subject: { kind: "lti", issuer, subject: r.subject } }, data: { userId } });
        await tx.user.update({ where: { id: r.replaces }, data: { sessionVersion: { increment: 1 } } });
        await tx.membership.updateMany({ where: { userId: r.replaces, courseId: ctx.courseId }, data: { removedAt: new Date(), countsInStats: false } });
      } else {
        await tx.externalIdentity.create({ data: { kind: "lti", issuer, subject: r.subject, userId } });
      }
    }
    if (clean.length) await audit(tx, actor, ctx.courseId, "lti.rosterJoined", { contextId: ctx.id, joined: clean.map((r) => ({ subject: r.subject, userId: r.candidate!.userId, by: r.candidate!.by })) });
  });
  return { joined: clean.length, skipped: wanted.size - clean.length };
}
