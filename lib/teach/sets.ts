// Problem sets: built from templates (built-in or imported JSON), with their rules. A change of
// rules after students started keeps every submission and regrades it into a new grade row (a job).
import { z } from "zod";
import { builtinTemplate } from "../exercises/builtin";
import { InvalidInputError } from "../exercises/errors";
import { readTemplate, type Template } from "../exercises/template";
import { AppError, parseOr422 } from "../errors";
import { revealMoment } from "../course/reveal";
import { normalRules, pickRules, refuseUnsoundRules, rulesSchema, stillTakesWork, type Rules } from "../course/rules";
import type { ActorRef } from "../access";
import { enqueueRegrade } from "./regrade";
import { audit, courseTaughtBy, setTaughtBy, setViewableBy, type Db } from "../access";
import { NEW_SET_STATUSES } from "./set-life";

type RulesDates = Pick<Rules, "dueAt" | "revealPolicy" | "latePolicy" | "lateUntil">;

/** Solutions shown because the set closed at its due date: reopening it would let students copy them. */
function refuseReopeningShownSolutions(before: RulesDates, after: RulesDates, now: Date): void {
  const shownByDue = !stillTakesWork(before, now) && ["due", "last_attempt_or_due"].includes(revealMoment(before));
  if (shownByDue && stillTakesWork(after, now)) {
    throw new AppError("INVALID_INPUT", "dueAt: solutions were shown at the due date; the set cannot take answers again", { dueAt: "solutions already shown" }, "errors.reopensShownSolutions");
  }
}

/** A template from JSON text (the exercises/ format); problems name the key. */
export function importTemplate(json: string): Template {
  if (json.length > 100_000) throw new AppError("INVALID_INPUT", "template: larger than 100 KB");
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (e) {
    throw new AppError("INVALID_INPUT", `template: not valid JSON (${(e as Error).message})`);
  }
  try {
    return readTemplate(raw);
  } catch (e) {
    if (e instanceof InvalidInputError) throw new AppError("INVALID_INPUT", `template: ${e.message}`, { [e.key || "template"]: e.why ?? e.detail });
    throw e;
  }
}

export async function createSet(db: Db, actor: ActorRef, courseId: string, raw: unknown) {
  await courseTaughtBy(db, actor, courseId);
  // The create form asks draft or published (draft checked); a caller that does not say publishes, as before sets had a status.
  const input = parseOr422(
    rulesSchema.extend({ title: z.string().trim().min(1).max(200), templateIds: z.array(z.string()).default([]), templatesJson: z.array(z.string()).default([]), status: z.enum(NEW_SET_STATUSES).default("published") }),
    raw,
  );
  const templates = [
    ...input.templateIds.map((id) => builtinTemplate(id) ?? (() => { throw new AppError("INVALID_INPUT", `templateIds: no built-in template "${id}"`); })()),
    ...input.templatesJson.map(importTemplate),
  ];
  if (templates.length === 0) throw new AppError("INVALID_INPUT", "choose at least one exercise", undefined, "errors.noExercise");
  const rules = normalRules(pickRules(input));
  refuseUnsoundRules(rules);
  const set = await db.problemSet.create({
    data: {
      courseId,
      title: input.title,
      ...rules,
      status: input.status,
      items: { create: templates.map((t, position) => ({ position, templateId: t.id, title: t.title, templateJson: JSON.stringify(t) })) },
    },
  });
  await audit(db, actor, courseId, "set.create", { title: set.title, templates: templates.map((t) => t.id), rules }, set.id);
  return set;
}

/**
 * New rules. When the carried-forward credit or the late penalty changes, every submission gets a
 * new grade: a regrade job (lib/teach/regrade.ts) is queued in the same transaction as the change,
 * and the set's history records how many were regraded once it is done. Its id is returned.
 */
export async function updateRules(db: Db, actor: ActorRef, setId: string, raw: unknown, now = new Date()): Promise<{ regradeJobId: string | null }> {
  const set = await setTaughtBy(db, actor, setId);
  const before = pickRules(set);
  const after = normalRules(parseOr422(rulesSchema, raw));
  refuseUnsoundRules(after);
  refuseReopeningShownSolutions(before, after, now);
  const regrade = before.carriedCredit !== after.carriedCredit || before.latePenalty !== after.latePenalty;
  return db.$transaction(async (tx) => {
    await tx.problemSet.update({ where: { id: setId }, data: after });
    await audit(tx, actor, set.courseId, "set.rules", { before, after }, setId);
    if (!regrade) return { regradeJobId: null };
    const job = await enqueueRegrade(tx, { courseId: set.courseId, setId, actorId: actor.id, carriedCredit: after.carriedCredit, latePenalty: after.latePenalty, reason: "carried-forward credit or late penalty changed" });
    return { regradeJobId: job.id };
  });
}

export async function setHistory(db: Db, actor: ActorRef, setId: string) {
  await setViewableBy(db, actor, setId);
  return db.auditEvent.findMany({ where: { problemSetId: setId }, include: { actor: { select: { name: true } } }, orderBy: { createdAt: "desc" } });
}

/** A problem-set exercise's template as a JSON file in the exercises/ format. */
export async function exportTemplate(db: Db, actor: ActorRef, itemId: string): Promise<{ filename: string; json: string }> {
  const item = await db.problemSetItem.findUnique({ where: { id: itemId } });
  if (!item) throw new AppError("NOT_FOUND", "exercise not found");
  await setViewableBy(db, actor, item.problemSetId);
  return { filename: `${item.templateId}.json`, json: JSON.stringify(JSON.parse(item.templateJson), null, 2) + "\n" };
}
