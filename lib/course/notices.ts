// Telling students their grade changed: a regrade that moves a student's best score on an exercise
// (lib/teach/regrade.ts) or a manual score writes a GradeNotice; the student's dashboard shows the
// unseen ones until the student marks them seen.
import type { PrismaClient } from "../db/generated/client";
import { notFound } from "../errors";
import type { ActorRef } from "../access";

type Db = PrismaClient;
/** A transaction client, or the client itself: notices are written in the caller's transaction. */
type Writer = Pick<Db, "gradeNotice" | "manualScore">;

/** The reason a regrade notice stores: a code the dashboard words in the reader's language. */
export const REGRADE_REASON = "rules";

export interface ScoreChange {
  userId: string;
  problemSetId: string;
  itemId: string;
  before: number;
  after: number;
  maxScore: number;
}

/**
 * Records that a regrade moved a student's best score. A student not yet told of an earlier
 * regrade of the same exercise gets one notice from the first score to the latest (and none if
 * the latest undoes the change), so a chain of rule edits reads as one change.
 */
export async function noteRegrade(tx: Writer, c: ScoreChange): Promise<void> {
  // Unchanged: nothing to tell, and a notice not yet seen already ends at this score.
  if (c.before === c.after) return;
  // A score set by hand stands whatever the regrade gives: the student's grade did not change.
  if (c.itemId && (await tx.manualScore.findUnique({ where: { itemId_userId: { itemId: c.itemId, userId: c.userId } }, select: { id: true } }))) return;
  const unseen = await tx.gradeNotice.findFirst({ where: { userId: c.userId, itemId: c.itemId, kind: "regrade", seenAt: null }, orderBy: { createdAt: "desc" } });
  if (unseen) {
    if (unseen.before === c.after) await tx.gradeNotice.delete({ where: { id: unseen.id } });
    else await tx.gradeNotice.update({ where: { id: unseen.id }, data: { after: c.after, maxScore: c.maxScore } });
    return;
  }
  await tx.gradeNotice.create({ data: { ...c, kind: "regrade", reason: REGRADE_REASON } });
}

export interface NoticeView {
  id: string;
  kind: string;
  setTitle: string;
  exercise: string | null;
  /** The exercise's item, so that a page can name it in the reader's language (lib/course/titles.ts). */
  itemId: string | null;
  before: number | null;
  after: number | null;
  maxScore: number | null;
  reason: string;
  createdAt: Date;
}

/** The student's notices not yet seen, newest first, with the names of their sets and exercises. */
export async function unseenNotices(db: Db, actor: ActorRef): Promise<NoticeView[]> {
  const notices = await db.gradeNotice.findMany({ where: { userId: actor.id, seenAt: null }, orderBy: { createdAt: "desc" }, take: 50 });
  if (!notices.length) return [];
  const [sets, items] = await Promise.all([
    db.problemSet.findMany({ where: { id: { in: [...new Set(notices.map((n) => n.problemSetId))] } }, select: { id: true, title: true } }),
    db.problemSetItem.findMany({ where: { id: { in: notices.flatMap((n) => (n.itemId ? [n.itemId] : [])) } }, select: { id: true, title: true } }),
  ]);
  const setTitle = new Map(sets.map((s) => [s.id, s.title]));
  const itemTitle = new Map(items.map((i) => [i.id, i.title]));
  // A notice of a set since deleted has nothing left to point at.
  return notices
    .filter((n) => setTitle.has(n.problemSetId))
    .map((n) => ({
      id: n.id,
      kind: n.kind,
      setTitle: setTitle.get(n.problemSetId)!,
      exercise: n.itemId ? (itemTitle.get(n.itemId) ?? null) : null,
      itemId: n.itemId && itemTitle.has(n.itemId) ? n.itemId : null,
      before: n.before,
      after: n.after,
      maxScore: n.maxScore,
      reason: n.reason,
      createdAt: n.createdAt,
    }));
}

/** Marks one of the student's own notices seen; anyone else's is "not found" and stays as it was. */
export async function dismissNotice(db: Db, actor: ActorRef, noticeId: string): Promise<void> {
  const { count } = await db.gradeNotice.updateMany({ where: { id: noticeId, userId: actor.id, seenAt: null }, data: { seenAt: new Date() } });
  if (count === 0 && !(await db.gradeNotice.findFirst({ where: { id: noticeId, userId: actor.id }, select: { id: true } }))) throw notFound("notice not found");
}
