// Grades as CSV: one row per student, one column per problem set (best attempt per exercise,
// summed), plus the total. UTF-8 with a byte-order mark and CRLF, so spreadsheet software opens
// Japanese names correctly. A score given by hand (lib/teach/exceptions.ts) replaces the graded
// one of its exercise, and the last column names each one with its reason. The sets students see,
// unless the instructor asks for all (lib/teach/csv-out.ts); the registrar's number beside each name.
import type { ActorRef } from "../access";
import { courseViewableBy, type Db } from "../access";
import { csvFile, exportedSets, exportedStudents, type ExportedSets } from "./csv-out";
import { itemMaxScore } from "./stats";

/** A score's cell: empty when nothing was submitted. */
const cell = (score: number | undefined) => (score === undefined ? "" : String(score));
/** The total of the sets with work in them; none at all is not submitted either. */
const sumOf = (scores: (number | undefined)[]) => (scores.some((x) => x !== undefined) ? scores.reduce<number>((a, b) => a + (b ?? 0), 0) : undefined);

export async function gradesCsv(db: Db, actor: ActorRef, courseId: string, which: ExportedSets = "published"): Promise<string> {
  await courseViewableBy(db, actor, courseId);
  const sets = await exportedSets(db, courseId, which);
  const members = await exportedStudents(db, courseId);
  const results = await db.variantResult.findMany({ where: { itemId: { in: sets.flatMap((s) => s.items.map((i) => i.id)) } } });
  const setOf = new Map(sets.flatMap((s) => s.items.map((i) => [i.id, s.id] as const)));
  const maxOf = new Map<string, number>();
  // The maximum comes from the exercises themselves: a set nobody submitted to has one too.
  for (const s of sets) for (const i of s.items) maxOf.set(i.id, itemMaxScore(i));
  const manual = await manualScoresOf(db, [...setOf.keys()]);
  for (const m of manual) maxOf.set(m.itemId, m.maxScore);
  const header = ["name", "email", "student_number", "status", ...sets.map((s) => `${s.title} (/${s.items.reduce((t, i) => t + (maxOf.get(i.id) ?? 0), 0)})`), "total", "manual scores"];
  const rows = members.map((m) => {
    const perSet = new Map<string, number>();
    const byHand = manual.filter((x) => x.userId === m.userId);
    const replaced = new Set(byHand.map((x) => x.itemId));
    const add = (itemId: string, score: number) => perSet.set(setOf.get(itemId)!, (perSet.get(setOf.get(itemId)!) ?? 0) + score);
    for (const r of results) if (r.userId === m.userId && !replaced.has(r.itemId!)) add(r.itemId!, r.bestScore);
    for (const x of byHand) add(x.itemId, x.score);
    // A set with nothing submitted is an empty cell, never 0 (a spreadsheet's blank, R's NA).
    const scores = sets.map((s) => perSet.get(s.id));
    return [m.name, m.email, m.studentNumber, m.status, ...scores.map(cell), cell(sumOf(scores)), byHand.map((x) => `${x.label}: ${x.score}/${x.maxScore} (${x.reason})`).join("; ")];
  });
  return csvFile([header, ...rows]);
}

/** The manual scores on these items, each labelled "set / exercise" for the export's last column. */
async function manualScoresOf(db: Db, itemIds: string[]) {
  const rows = await db.manualScore.findMany({ where: { itemId: { in: itemIds } }, orderBy: { createdAt: "asc" } });
  const items = await db.problemSetItem.findMany({ where: { id: { in: rows.map((r) => r.itemId) } }, select: { id: true, title: true, problemSet: { select: { title: true } } } });
  const label = new Map(items.map((i) => [i.id, `${i.problemSet.title} / ${i.title}`]));
  return rows.map((r) => ({ ...r, label: label.get(r.itemId) ?? r.itemId }));
}
