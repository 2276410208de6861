// Class statistics, read from one VariantResult row per student and exercise: completion, score
// distribution, and above all where students first diverge and which mistakes they make. Mistakes
// are counted in STUDENTS: each student counts once, for the mistake named at their first
// divergence (one student who flipped a sign in six matrices is one student, not six).
import { LATEST_GRADE_FIRST } from "../course/latest-grade";
import { labelled } from "./student-label";
import type { ActorRef } from "../access";
import { notFound } from "../errors";
import type { Verdicts } from "../course/results";
import { courseViewableBy, setViewableBy, type Db } from "../access";
import { templateMaxScore } from "./max-score";
import { builtinTemplate } from "../exercises/builtin";
import { templateLayout } from "../exercises/template";
import type { Layout } from "../nn/types";

export interface QuantityStats {
  path: string;
  firstDivergence: number;
  correct: number;
  carried: number;
  incorrect: number;
  missing: number;
}

/** A student to drill into: their exercise, and the quantity where they first went wrong. */
export interface Example {
  variantId: string;
  name: string;
  path: string;
}

/** Students whose first divergence names this misconception. */
export interface MistakeGroup {
  id: string;
  /** Number of students (not of quantities). */
  count: number;
  /** count ÷ students who submitted the exercise. */
  share: number;
  examples: Example[];
}

/** Students whose first divergence is at `path` with no named misconception. */
export interface UnexplainedGroup {
  path: string;
  count: number;
  share: number;
  examples: Example[];
}

export interface ItemStats {
  id: string;
  title: string;
  /** From the exercise's template: known before anyone submits. */
  maxScore: number;
  /** A fixed exercise: every student has the same numbers (its solution waits for every set of the course that assigns it). */
  fixed: boolean;
  /** The exercise's notation (row A, X, Δ; column z, x, δ), in which its quantities are named. */
  layout: Layout;
  submitted: number;
  completion: number;
  meanScore: number | null;
  /** Students per tenth of the maximum score (best attempt), 0–10 % first. */
  histogram: number[];
  quantities: QuantityStats[];
  misconceptions: MistakeGroup[];
  unexplained: UnexplainedGroup[];
}

export interface StudentRow {
  userId: string;
  name: string;
  email: string;
  studentNumber: string | null;
  /** The name as staff see it (lib/teach/student-label.ts). */
  label: string;
  /** Removed from the course, their work kept in the statistics (the instructor's choice). */
  removed?: boolean;
  attempts: number;
  score: number;
  maxScore: number;
  done: number;
  minutes: number;
  /** null: not submitted (never shown as a score of 0). A manual score replaces the graded best; `variantId` is null when the student never opened the exercise. */
  perItem: ({ variantId: string | null; best: number; max: number; attempts: number; firstDivergence: string | null; manual?: string } | null)[];
  /** The student's exception on this set, if any (lib/teach/exceptions.ts). */
  exception?: { dueAt: Date | null; extraAttempts: number };
}

/** A set's adjustments for its per-student table: manual scores by student and item, exceptions by student. */
type Adjustments = { manual: Map<string, Map<string, { score: number; maxScore: number; reason: string }>>; exceptions: Map<string, { dueAt: Date | null; extraAttempts: number }> };

/** Examples shown per group: one per student, a few. */
const EXAMPLES = 3;

type Result = { variantId: string; userId: string; itemId: string | null; bestScore: number; maxScore: number; attempts: number; firstDivergence: string | null; verdictsJson: string; firstOpenedAt: Date; lastSubmittedAt: Date };
type Member = { id: string; name: string; email: string; removed: boolean; studentNumber: string | null; label: string };

// Templates are copies that never change once in a set, so an exercise's maximum is computed once.
const maxCache = new Map<string, number>();
export function itemMaxScore(item: { id: string; templateJson: string }): number {
  let max = maxCache.get(item.id);
  if (max === undefined) {
    max = templateMaxScore(item.templateJson);
    if (maxCache.size > 5000) maxCache.clear();
    maxCache.set(item.id, max);
  }
  return max;
}

/** Students counted: current ones, and removed ones whose work the instructor chose to keep counting. */
async function countedStudents(db: Db, courseId: string): Promise<Map<string, Member>> {
  const members = await db.membership.findMany({
    where: { courseId, role: "student", OR: [{ removedAt: null }, { countsInStats: true }] },
    select: { removedAt: true, studentNumber: true, user: { select: { id: true, name: true, email: true } } },
  });
  return new Map(labelled(members.map((m) => ({ ...m.user, removed: m.removedAt !== null, studentNumber: m.studentNumber }))).map((m) => [m.id, m]));
}

function addExample(list: Example[], r: Result, students: Map<string, Member>, path: string) {
  if (list.length < EXAMPLES) list.push({ variantId: r.variantId, name: students.get(r.userId)!.label, path });
}

/** Per quantity: shares of verdicts and of first divergences; per student: the group of their first divergence. */
function itemStats(item: { id: string; title: string; templateJson: string; templateId: string }, rows: Result[], students: Map<string, Member>): ItemStats {
  const quantities = new Map<string, QuantityStats>();
  const mistakes = new Map<string, MistakeGroup>();
  const unexplained = new Map<string, UnexplainedGroup>();
  const histogram = Array.from({ length: 10 }, () => 0);
  const maxScore = itemMaxScore(item);
  for (const r of rows) {
    const max = r.maxScore > 0 ? r.maxScore : maxScore;
    histogram[Math.min(9, Math.floor((10 * r.bestScore) / Math.max(max, 1e-9)))]++;
    const verdicts = JSON.parse(r.verdictsJson) as Verdicts;
    for (const [path, [v]] of Object.entries(verdicts)) {
      const q = quantities.get(path) ?? { path, firstDivergence: 0, correct: 0, carried: 0, incorrect: 0, missing: 0 };
      q[({ c: "correct", r: "carried", i: "incorrect", m: "missing" } as const)[v as "c" | "r" | "i" | "m"]]++;
      if (r.firstDivergence === path) q.firstDivergence++;
      quantities.set(path, q);
    }
    if (!r.firstDivergence) continue;
    // The student's one group: the mistake named where they first went wrong, or that place alone.
    const named = verdicts[r.firstDivergence]?.[1];
    if (named) {
      const m = mistakes.get(named) ?? { id: named, count: 0, share: 0, examples: [] };
      m.count++;
      addExample(m.examples, r, students, r.firstDivergence);
      mistakes.set(named, m);
    } else {
      const u = unexplained.get(r.firstDivergence) ?? { path: r.firstDivergence, count: 0, share: 0, examples: [] };
      u.count++;
      addExample(u.examples, r, students, r.firstDivergence);
      unexplained.set(r.firstDivergence, u);
    }
  }
  const n = rows.length;
  const of = (x: number) => (n ? x / n : 0);
  const share = (q: QuantityStats): QuantityStats => ({ ...q, firstDivergence: of(q.firstDivergence), correct: of(q.correct), carried: of(q.carried), incorrect: of(q.incorrect), missing: of(q.missing) });
  const byCount = <T extends { count: number }>(a: T, b: T) => b.count - a.count;
  return {
    id: item.id,
    title: item.title,
    maxScore,
    fixed: !!builtinTemplate(item.templateId)?.fixed,
    layout: templateLayout(item.templateJson),
    submitted: n,
    completion: students.size ? n / students.size : 0,
    meanScore: n ? rows.reduce((s, r) => s + r.bestScore / Math.max(r.maxScore > 0 ? r.maxScore : maxScore, 1e-9), 0) / n : null,
    histogram,
    quantities: [...quantities.values()].map(share),
    misconceptions: [...mistakes.values()].map((m) => ({ ...m, share: of(m.count) })).sort(byCount),
    unexplained: [...unexplained.values()].map((u) => ({ ...u, share: of(u.count) })).sort(byCount),
  };
}

function studentRow(user: Member, items: { id: string; templateJson: string }[], own: Map<string, Result>, adjust: Adjustments): StudentRow {
  const manual = adjust.manual.get(user.id);
  const perItem = items.map((item) => {
    const r = own.get(item.id);
    const m = manual?.get(item.id);
    if (m) return { variantId: r?.variantId ?? null, best: m.score, max: m.maxScore, attempts: r?.attempts ?? 0, firstDivergence: r?.firstDivergence ?? null, manual: m.reason };
    return r ? { variantId: r.variantId, best: r.bestScore, max: r.maxScore, attempts: r.attempts, firstDivergence: r.firstDivergence } : null;
  });
  const counted = perItem.filter((p) => p !== null);
  const rows = [...own.values()];
  const exception = adjust.exceptions.get(user.id);
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    studentNumber: user.studentNumber,
    label: user.label,
    removed: user.removed,
    attempts: rows.reduce((s, r) => s + r.attempts, 0),
    // Manual scores replace the graded ones, as in the export.
    score: counted.reduce((s, p) => s + p.best, 0),
    // The set's maximum, whatever the student submitted.
    maxScore: items.reduce((s, item) => s + itemMaxScore(item), 0),
    done: counted.length,
    // From opening each exercise to its last submission, at most 3 hours each (a tab left open is not work).
    minutes: Math.round(rows.reduce((s, r) => s + Math.min(3 * 3600e3, r.lastSubmittedAt.getTime() - r.firstOpenedAt.getTime()), 0) / 60e3),
    perItem,
    ...(exception ? { exception } : {}),
  };
}

export async function setStatistics(db: Db, actor: ActorRef, setId: string) {
  const set = await setViewableBy(db, actor, setId);
  const students = await countedStudents(db, set.courseId);
  const results: Result[] = await db.variantResult.findMany({
    where: { itemId: { in: set.items.map((i) => i.id) } },
    select: { variantId: true, userId: true, itemId: true, bestScore: true, maxScore: true, attempts: true, firstDivergence: true, verdictsJson: true, firstOpenedAt: true, lastSubmittedAt: true },
  });
  const byItem = new Map<string, Result[]>();
  const byStudent = new Map<string, Map<string, Result>>();
  for (const r of results) {
    if (!students.has(r.userId)) continue;
    const list = byItem.get(r.itemId!);
    if (list) list.push(r);
    else byItem.set(r.itemId!, [r]);
    byStudent.set(r.userId, (byStudent.get(r.userId) ?? new Map<string, Result>()).set(r.itemId!, r));
  }
  const items = set.items.map((item) => itemStats(item, byItem.get(item.id) ?? [], students));
  const [manualRows, exceptionRows] = await Promise.all([
    db.manualScore.findMany({ where: { itemId: { in: set.items.map((i) => i.id) } }, select: { userId: true, itemId: true, score: true, maxScore: true, reason: true } }),
    db.studentException.findMany({ where: { problemSetId: set.id }, select: { userId: true, dueAt: true, extraAttempts: true } }),
  ]);
  const adjust: Adjustments = { manual: new Map(), exceptions: new Map(exceptionRows.map((e) => [e.userId, { dueAt: e.dueAt, extraAttempts: e.extraAttempts }])) };
  for (const m of manualRows) adjust.manual.set(m.userId, (adjust.manual.get(m.userId) ?? new Map()).set(m.itemId, m));
  const rows = [...students.values()].map((user) => studentRow(user, set.items, byStudent.get(user.id) ?? new Map(), adjust));
  const maxScore = items.reduce((s, i) => s + i.maxScore, 0);
  return { set, enrolled: students.size, maxScore, items, students: rows };
}

/** A student's latest graded attempt on a variant, for the drill-down of the course's staff. */
export async function variantForInstructor(db: Db, actor: ActorRef, variantId: string) {
  const v = await db.variant.findUnique({
    where: { id: variantId },
    include: { user: { select: { name: true, email: true } }, item: { include: { problemSet: true } }, submissions: { orderBy: { attempt: "desc" }, include: { grades: { orderBy: LATEST_GRADE_FIRST, take: 1 } } } },
  });
  if (!v?.item) throw notFound("not found");
  await courseViewableBy(db, actor, v.item.problemSet.courseId);
  const member = await db.membership.findUnique({ where: { userId_courseId: { userId: v.userId, courseId: v.item.problemSet.courseId } }, select: { studentNumber: true } });
  // Named with the number and the email: the page is about one student, who must be unmistakable.
  return { ...v, studentNumber: member?.studentNumber ?? null };
}

export const STUDENT_SORTS = ["name", "score", "attempts", "time"] as const;
export type StudentSort = (typeof STUDENT_SORTS)[number];
export const STUDENTS_PER_PAGE = 50;

/**
 * One page of the per-student table: sorted by name (A→Z), or by score, attempts or time with the
 * lowest score first (the students who need help) and the most attempts or time first.
 * Out-of-range or malformed page numbers land on the nearest page.
 */
export function studentPage(students: readonly StudentRow[], sortBy: unknown, page: unknown, size = STUDENTS_PER_PAGE) {
  const sort: StudentSort = (STUDENT_SORTS as readonly unknown[]).includes(sortBy) ? (sortBy as StudentSort) : "name";
  const ratio = (s: StudentRow) => (s.maxScore > 0 ? s.score / s.maxScore : 0);
  const byName = (a: StudentRow, b: StudentRow) => a.name.localeCompare(b.name) || (a.studentNumber ?? "").localeCompare(b.studentNumber ?? "") || a.email.localeCompare(b.email);
  const order: Record<StudentSort, (a: StudentRow, b: StudentRow) => number> = {
    name: byName,
    score: (a, b) => ratio(a) - ratio(b) || byName(a, b),
    attempts: (a, b) => b.attempts - a.attempts || byName(a, b),
    time: (a, b) => b.minutes - a.minutes || byName(a, b),
  };
  const pages = Math.max(1, Math.ceil(students.length / size));
  const asked = Math.trunc(Number(page));
  const current = Number.isFinite(asked) ? Math.min(Math.max(asked, 1), pages) : 1;
  const rows = [...students].sort(order[sort]).slice((current - 1) * size, current * size);
  return { sort, page: current, pages, total: students.length, rows };
}
