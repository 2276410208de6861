// What a student sees on their dashboard: courses, problem sets with where the student stands on
// each (open and due when, late at what penalty, closed) under their own rules, and per exercise its
// status, attempts and counted score (a score given by hand replaces the graded one). Only
// published sets reach it (lib/course/queries.ts); one not open yet comes with its opening date and
// no way into its exercises, which would only refuse.
import type { PrismaClient } from "../db/generated/client";
import { dashboardRows, recentSubmissions, variantProgress } from "./queries";
import type { ActorRef } from "../access";
import { standingOf, type Standing } from "./standing";

export async function studentDashboard(db: PrismaClient, actor: ActorRef, now = new Date()) {
  // Two plain queries (lib/course/queries.ts): the courses' sets and items, then the student's progress on them.
  const [rows, progress] = await Promise.all([dashboardRows(db, actor.id), variantProgress(db, actor.id)]);
  type Item = { id: string; title: string; attemptsUsed: number; status: "submitted" | "inProgress" | "notStarted"; best: { score: number; max: number; manual: boolean } | null };
  type Set = { id: string; title: string; dueAt: Date | null; attemptsAllowed: number; opensAt: Date | null; notOpenYet: boolean; standing: Standing; extended: boolean; items: Item[] };
  const courses: { id: string; title: string; role: string; timeZone: string; sets: Set[] }[] = [];
  for (const r of rows) {
    let course = courses[courses.length - 1];
    if (!course || course.id !== r.courseId) courses.push((course = { id: r.courseId, title: r.courseTitle, role: r.role, timeZone: r.timeZone, sets: [] }));
    if (!r.setId || !r.rules) continue;
    let set = course.sets[course.sets.length - 1];
    if (!set || set.id !== r.setId) {
      const standing = standingOf(r.rules, now);
      const rules = r.rules;
      course.sets.push((set = { id: r.setId, title: r.setTitle, dueAt: rules.dueAt, attemptsAllowed: rules.attemptsAllowed, opensAt: rules.opensAt, notOpenYet: standing.kind === "notOpen", standing, extended: !!rules.exception, items: [] }));
    }
    if (!r.itemId) continue;
    const v = progress.get(r.itemId);
    // Each submission's latest grade (a regrade's): the best of those, unless a score was given by hand.
    const grades = v?.submissions.flatMap((s) => s.grades) ?? [];
    const graded = grades.reduce<{ score: number; max: number; manual: boolean } | null>((b, g) => (!b || g.score > b.score ? { score: g.score, max: g.maxScore, manual: false } : b), null);
    set.items.push({
      id: r.itemId,
      title: r.itemTitle,
      attemptsUsed: v?.submissions.length ?? 0,
      status: v?.submissions.length ? "submitted" : v?.draft ? "inProgress" : "notStarted",
      best: r.manual ? { score: r.manual.score, max: r.manual.maxScore, manual: true } : graded,
    });
  }
  return courses;
}

export async function submissionHistory(db: PrismaClient, actor: ActorRef) {
  // Scores only: a grade's exact values reach a student through reveal.ts alone.
  return recentSubmissions(db, actor.id);
}
