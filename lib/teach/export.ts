// Grades as CSV: one row per student, one column per problem set (best attempt per exercise,
// summed), plus the total. UTF-8 with a byte-order mark and CRLF, so spreadsheet software opens
// Japanese names correctly.
import Papa from "papaparse";
import type { ActorRef } from "../course/work";
import { courseViewableBy, type Db } from "./access";

export async function gradesCsv(db: Db, actor: ActorRef, courseId: string): Promise<string> {
  await courseViewableBy(db, actor, courseId);
  const sets = await db.problemSet.findMany({ where: { courseId }, include: { items: true }, orderBy: { createdAt: "asc" } });
  const members = await db.membership.findMany({ where: { courseId, role: "student" }, include: { user: true }, orderBy: { joinedAt: "asc" } });
  const results = await db.variantResult.findMany({ where: { itemId: { in: sets.flatMap((s) => s.items.map((i) => i.id)) } } });
  const setOf = new Map(sets.flatMap((s) => s.items.map((i) => [i.id, s.id] as const)));
  const maxOf = new Map<string, number>();
  for (const r of results) maxOf.set(r.itemId!, r.maxScore);
  const header = ["name", "email", "status", ...sets.map((s) => `${s.title} (/${s.items.reduce((t, i) => t + (maxOf.get(i.id) ?? 0), 0)})`), "total"];
  const rows = members.map((m) => {
    const perSet = new Map<string, number>();
    for (const r of results) if (r.userId === m.userId) perSet.set(setOf.get(r.itemId!)!, (perSet.get(setOf.get(r.itemId!)!) ?? 0) + r.bestScore);
    const scores = sets.map((s) => perSet.get(s.id) ?? 0);
    return [m.user.name, m.user.email, m.removedAt ? "removed" : "enrolled", ...scores.map(String), String(scores.reduce((a, b) => a + b, 0))];
  });
  return "\uFEFF" + Papa.unparse([header, ...rows], { newline: "\r\n", escapeFormulae: true }) + "\r\n";
}
