// A problem set's life: prepared as a draft (students cannot see it), published (students see it
// from its opening date on), hidden (taken off students' dashboards, their work kept), and deleted
// while nobody has submitted to it. The student side reads the status in lib/course/queries.ts.
import { z } from "zod";
import { AppError } from "../errors";
import type { ActorRef } from "../access";
import { audit, setTaughtBy, setViewableBy, type Db } from "../access";

export const SET_STATUSES = ["draft", "published", "hidden"] as const;
export type SetStatus = (typeof SET_STATUSES)[number];

/** What a new set may start as: prepared first, or given to students at once. */
export const NEW_SET_STATUSES = ["draft", "published"] as const satisfies readonly SetStatus[];

const statusInput = z.object({ status: z.enum(SET_STATUSES) });

/** How many submissions students made to the set's exercises (any attempt, any student). */
export function submissionsTo(db: Pick<Db, "submission">, setId: string): Promise<number> {
  return db.submission.count({ where: { variant: { item: { problemSetId: setId } } } });
}

/** Whether the set can be deleted, and if not why: what its page shows beside the button. */
export async function setDeletability(db: Db, actor: ActorRef, setId: string): Promise<{ submissions: number; ltiLinks: number; deletable: boolean }> {
  await setViewableBy(db, actor, setId);
  const [submissions, ltiLinks] = await Promise.all([submissionsTo(db, setId), db.ltiResourceLink.count({ where: { problemSetId: setId } })]);
  return { submissions, ltiLinks, deletable: submissions === 0 && ltiLinks === 0 };
}

/**
 * Draft, published or hidden. A set students have submitted to cannot go back to draft (a draft
 * is a set nobody has worked on yet): hiding it takes it off their dashboards instead.
 */
export async function changeSetStatus(db: Db, actor: ActorRef, setId: string, raw: unknown): Promise<SetStatus> {
  const set = await setTaughtBy(db, actor, setId);
  const parsed = statusInput.safeParse(raw);
  if (!parsed.success) throw new AppError("INVALID_INPUT", "status: draft, published or hidden", { status: "draft, published or hidden" });
  const after = parsed.data.status;
  if (after === set.status) return after;
  return db.$transaction(async (tx) => {
    if (after === "draft" && (await submissionsTo(tx, setId)) > 0) {
      throw new AppError("CONFLICT", "students have submitted to this set: hide it instead of making it a draft", undefined, "errors.draftHasWork");
    }
    await tx.problemSet.update({ where: { id: setId }, data: { status: after } });
    await audit(tx, actor, set.courseId, "set.status", { before: set.status, after }, setId);
    return after;
  });
}

/**
 * Deletes a set nobody has submitted to, with what hangs on it (students' drawn variants and
 * drafts, exceptions, jobs); its history stays in the course's audit log. A set with submissions,
 * or linked from an LMS (the link would lead nowhere), is refused. The count is taken again inside
 * the transaction, so a submission made meanwhile is never deleted with it.
 */
export async function deleteSet(db: Db, actor: ActorRef, setId: string): Promise<{ courseId: string }> {
  const set = await setTaughtBy(db, actor, setId);
  const itemIds = set.items.map((i) => i.id);
  await db.$transaction(async (tx) => {
    if ((await submissionsTo(tx, setId)) > 0) throw new AppError("CONFLICT", "students have submitted to this set; it cannot be deleted", undefined, "errors.setHasSubmissions");
    if ((await tx.ltiResourceLink.count({ where: { problemSetId: setId } })) > 0) throw new AppError("CONFLICT", "this set is linked from an LMS; it cannot be deleted", undefined, "errors.setLinkedFromLms");
    const variants = { itemId: { in: itemIds } };
    await tx.draft.deleteMany({ where: { variant: variants } });
    await tx.variantResult.deleteMany({ where: { OR: [{ itemId: { in: itemIds } }, { variant: variants }] } });
    await tx.variant.deleteMany({ where: variants });
    await tx.manualScore.deleteMany({ where: { itemId: { in: itemIds } } });
    await tx.gradeNotice.deleteMany({ where: { problemSetId: setId } });
    await tx.studentException.deleteMany({ where: { problemSetId: setId } });
    await tx.job.deleteMany({ where: { problemSetId: setId } });
    await tx.problemSetItem.deleteMany({ where: { problemSetId: setId } });
    await tx.problemSet.delete({ where: { id: setId } });
    await audit(tx, actor, set.courseId, "set.delete", { title: set.title, exercises: set.items.map((i) => i.templateId) }, setId);
  });
  return { courseId: set.courseId };
}
