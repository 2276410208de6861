// Grades back to the LMS (Assignment and Grade Services 2.0 §3.4): after each graded attempt, the
// student's score on the set (lib/course/scores.ts, which queues the job) goes to the grade-book
// column (line item) of every LMS link to that set. Sent by a durable job ("lti-score", lib/jobs/runner.ts) so that a platform that is down gets
// it later: the job fails, waits (longer each time) and tries again, for about two days. The job
// reads the score when it runs, so a later attempt's job that finds one already queued adds none.
import type { PrismaClient } from "../db/generated/client";
import type { JobHandler } from "../jobs/runner";
import { setScoreOf, type ScorePayload, type SetScore } from "../course/scores";
import { ltiError } from "./errors";
import { callService } from "./services";
import { subjectOf } from "./users";

type Db = PrismaClient;

/** The line item's scores endpoint: "/scores" added to its path, its query kept (AGS 2.0 §3.4.1; Moodle's line items carry a query). */
export function scoresUrl(lineItemUrl: string): string {
  const u = new URL(lineItemUrl);
  u.pathname = `${u.pathname.replace(/\/+$/, "")}/scores`;
  return u.toString();
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
  if (!res.ok) throw ltiError("platform_error", `scores endpoint answered ${res.status}`);
  return message;
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
