// What a student sees on their dashboard: courses, problem sets with due dates, status and scores.
// Only published sets reach it (lib/course/queries.ts); one not open yet comes with its opening
// date and no way into its exercises, which would only refuse.
import type { PrismaClient } from "../db/generated/client";
import { dashboardRows, recentSubmissions, variantProgress } from "./queries";
import type { ActorRef } from "../access";

export async function studentDashboard(db: PrismaClient, actor: ActorRef, now = new Date()) {
  // Two plain queries (lib/course/queries.ts): the courses' sets and items, then the student's progress on them.
  const [rows, progress] = await Promise.all([dashboardRows(db, actor.id), variantProgress(db, actor.id)]);
  type Item = { id: string; title: string; attemptsUsed: number; status: "submitted" | "inProgress" | "notStarted"; best: { score: number; max: number } | null };
  type Set = { id: string; title: string; dueAt: Date | null; attemptsAllowed: number; opensAt: Date | null; notOpenYet: boolean; items: Item[] };
  const courses: { id: string; title: string; role: string; sets: Set[] }[] = [];
  for (const r of rows) {
    let course = courses[courses.length - 1];
    if (!course || course.id !== r.courseId) courses.push((course = { id: r.courseId, title: r.courseTitle, role: r.role, sets: [] }));
    if (!r.setId) continue;
    let set = course.sets[course.sets.length - 1];
    if (!set || set.id !== r.setId) course.sets.push((set = { id: r.setId, title: r.setTitle, dueAt: r.dueAt, attemptsAllowed: r.attemptsAllowed, opensAt: r.opensAt, notOpenYet: !!r.opensAt && r.opensAt > now, items: [] }));
    if (!r.itemId) continue;
    const v = progress.get(r.itemId);
    const grades = v?.submissions.flatMap((s) => s.grades) ?? [];
    const best = grades.reduce<{ score: number; max: number } | null>((b, g) => (!b || g.score > b.score ? { score: g.score, max: g.maxScore } : b), null);
    set.items.push({
      id: r.itemId,
      title: r.itemTitle,
      attemptsUsed: v?.submissions.length ?? 0,
      status: v?.submissions.length ? "submitted" : v?.draft ? "inProgress" : "notStarted",
      best,
    });
  }
  return courses;
}

export async function submissionHistory(db: PrismaClient, actor: ActorRef) {
  // Scores only: a grade's exact values reach a student through reveal.ts alone.
  return recentSubmissions(db, actor.id);
}
