// A student's score on a set as it counts (a score given by hand replaces the graded one of its
// exercise), and what a change of it sets off: one "lti-score" job per LMS link to the set, which
// lib/lti/ags.ts sends to the platform's grade book. The student and teaching sides call
// queueScores after any change of a score; they never talk to an LMS themselves.
import type { PrismaClient } from "../db/generated/client";

type Db = PrismaClient;

/** What an "lti-score" job sends: one student's score on the set, to one link's line item. */
export interface ScorePayload {
  linkId: string;
  userId: string;
}

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

/** After a score changed (an attempt graded, a regrade, a manual score): queues the student's score for every LMS link to the set (none when the set has none). */
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
