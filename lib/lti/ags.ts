// Grades back to the LMS (Assignment and Grade Services 2.0 §3.4): after each graded attempt, the
// student's score on the set goes to the grade-book column (line item) of every LMS link to that
// set. Sent by a durable job ("lti-score", lib/jobs/runner.ts) so that a platform that is down gets
// it later: the job fails, waits (longer each time) and tries again, for about two days. The job
// reads the score when it runs, so a later attempt's job that finds one already queued adds none.
import type { PrismaClient } from "../db/generated/client";
import type { JobHandler } from "../jobs/runner";
import { LtiError } from "./errors";
import { callService } from "./services";
import { subjectOf } from "./users";

type Db = PrismaClient;

/** The scale of the scores sent (and of the line items deep linking creates). */
export const SCORE_MAXIMUM = 100;

export interface SetScore {
  scoreGiven: number;
  scoreMaximum: number;
  /** Every exercise of the set attempted at least once. */
  complete: boolean;
}

/**
 * The student's score on a set, out of 100: the mean over its exercises of the best attempt's share
 * of the exercise's points (an exercise not attempted counts 0). Exercises weigh the same whatever
 * their points, so a set's score does not move when one exercise is worth more cells. A manual
 * score counts instead of the graded one.
 */
export async function setScoreOf(db: Db, userId: string, setId: string): Promise<SetScore> {
  const items = await db.problemSetItem.findMany({ where: { problemSetId: setId }, select: { id: true } });
  const itemIds = items.map((i) => i.id);
  const [results, manual] = await Promise.all([
    db.variantResult.findMany({ where: { userId, itemId: { in: itemIds } }, select: { itemId: true, bestScore: true, maxScore: true } }),
    db.manualScore.findMany({ where: { userId, itemId: { in: itemIds } }, select: { itemId: true, score: true, maxScore: true } }),
  ]);
  // A score given by hand (lib/teach/exceptions.ts) replaces the graded one of its exercise.
  const counted = new Map<string, { score: number; max: number }>();
  for (const r of results) counted.set(r.itemId!, { score: r.bestScore, max: r.maxScore });
  for (const m of manual) counted.set(m.itemId, { score: m.score, max: m.maxScore });
  const shares = [...counted.values()].reduce((sum, r) => sum + (r.max > 0 ? r.score / r.max : 0), 0);
  const scoreGiven = items.length ? Math.round((SCORE_MAXIMUM * shares * 100) / items.length) / 100 : 0;
  return { scoreGiven, scoreMaximum: SCORE_MAXIMUM, complete: items.length > 0 && counted.size === items.length };
}

/** The line item's scores endpoint: "/scores" added to its path, its query kept (AGS 2.0 §3.4.1; Moodle's line items carry a query). */
export function scoresUrl(lineItemUrl: string): string {
  const u = new URL(lineItemUrl);
  u.pathname = `${u.pathname.replace(/\/+$/, "")}/scores`;
  return u.toString();
}

export interface ScorePayload {
  linkId: string;
  userId: string;
}

/** The AGS score message (AGS 2.0 §3.4.6). */
export function scoreMessage(subject: string, s: SetScore, now: Date) {
  return {
    userId: subject,
    scoreGiven: s.scoreGiven,
    scoreMaximum: s.scoreMaximum,
    activityProgress: s.complete ? "Completed" : "InProgress",
    gradingProgress: "FullyGraded",
    timestamp: now.toISOString(),
  };
}

/** Sends the student's current score on the link's set; what was sent, or null when there is nothing to send to. */
export async function sendScore(db: Db, p: ScorePayload, now = new Date()) {
  const link = await db.ltiResourceLink.findUnique({ where: { id: p.linkId }, include: { context: { include: { platform: true } } } });
  if (!link?.lineItemUrl) return null;
  const platform = link.context.platform;
  const subject = await subjectOf(db, p.userId, platform.issuer);
  if (!subject) return null;
  const message = scoreMessage(subject, await setScoreOf(db, p.userId, link.problemSetId), now);
  const res = await callService(db, platform, scoresUrl(link.lineItemUrl), {
    method: "POST",
    headers: { "content-type": "application/vnd.ims.lis.v1.score+json" },
    body: JSON.stringify(message),
  });
  if (!res.ok) throw new LtiError("platform_error", `scores endpoint answered ${res.status}`);
  return message;
}

/** After a graded attempt: queues the student's score for every LMS link to the set (none when the set has none). */
export async function queueScores(db: Db, a: { userId: string; setId: string; courseId: string }): Promise<number> {
  const links = await db.ltiResourceLink.findMany({ where: { problemSetId: a.setId, lineItemUrl: { not: null } }, select: { id: true } });
  let queued = 0;
  for (const link of links) {
    const payload: ScorePayload = { linkId: link.id, userId: a.userId };
    const payloadJson = JSON.stringify(payload);
    const waiting = await db.job.findFirst({ where: { kind: "lti-score", status: "queued", problemSetId: a.setId, payloadJson }, select: { id: true } });
    if (waiting) continue;
    await db.job.create({ data: { kind: "lti-score", courseId: a.courseId, problemSetId: a.setId, total: 1, payloadJson, createdById: a.userId } });
    queued++;
  }
  return queued;
}

/** The longest wait between two tries of a score the platform refused. */
const MAX_BACKOFF_MS = 60 * 60_000;

export const ltiScoreHandler: JobHandler = {
  // About two days of tries at most an hour apart, then the job is given up (and visible as failed).
  maxAttempts: 50,
  backoffMs: (attempts, base) => Math.min(MAX_BACKOFF_MS, base * 2 ** Math.max(0, attempts - 1)),
  async run(ctx) {
    const sent = await sendScore(ctx.db, JSON.parse(ctx.job.payloadJson) as ScorePayload);
    await ctx.db.$transaction((tx) => ctx.complete(tx, sent && { scoreGiven: sent.scoreGiven, scoreMaximum: sent.scoreMaximum }));
  },
};
