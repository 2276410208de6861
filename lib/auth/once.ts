// One-time messages: kept in the database for one session of one user, read once, then deleted.
// The roster import's report (with initial passwords) and a refused form's details live here,
// never in process memory, so they reach the instructor whichever app process serves the next
// page, and never another session. Unread ones expire after ONCE_TTL_MS and are swept.
import type { PrismaClient } from "../db/client";

type Db = Pick<PrismaClient, "oneTimeMessage">;

export interface SessionRef {
  id: string;
  /** The session's id (the token's "sid"). */
  sessionId: string;
}

export const ONCE_TTL_MS = 15 * 60_000;

/** The topic of a course's last roster report (initial passwords included). */
export const csvReportTopic = (courseId: string) => `csv-report:${courseId}`;

/** Keeps `payload` for the session under `topic`, replacing an unread one of the same topic. */
export async function keepOnce(db: Db, who: SessionRef, topic: string, payload: unknown, now = new Date()): Promise<void> {
  await db.oneTimeMessage.deleteMany({ where: { OR: [{ expiresAt: { lte: now } }, { userId: who.id, sessionId: who.sessionId, topic }] } });
  await db.oneTimeMessage.create({
    data: { userId: who.id, sessionId: who.sessionId, topic, payloadJson: JSON.stringify(payload), expiresAt: new Date(now.getTime() + ONCE_TTL_MS) },
  });
}

/** The session's message under `topic`, deleted as it is read: of two readers at once, one gets it. */
export async function takeOnce<T>(db: Db, who: SessionRef, topic: string, now = new Date()): Promise<T | undefined> {
  const m = await db.oneTimeMessage.findFirst({ where: { userId: who.id, sessionId: who.sessionId, topic, expiresAt: { gt: now } }, orderBy: { createdAt: "desc" } });
  if (!m) return undefined;
  const { count } = await db.oneTimeMessage.deleteMany({ where: { id: m.id } });
  return count === 1 ? (JSON.parse(m.payloadJson) as T) : undefined;
}
