// Class statistics, read from one VariantResult row per student and exercise: completion, score
// distribution, and above all where students first diverge and which mistakes they make.
import type { ActorRef } from "../course/work";
import { notFound } from "../errors";
import type { Verdicts } from "../course/results";
import { courseViewableBy, setViewableBy, type Db } from "./access";

export interface QuantityStats {
  path: string;
  firstDivergence: number;
  correct: number;
  carried: number;
  incorrect: number;
  missing: number;
}

export interface ItemStats {
  id: string;
  title: string;
  submitted: number;
  completion: number;
  meanScore: number | null;
  /** Students per tenth of the maximum score (best attempt), 0–10 % first. */
  histogram: number[];
  quantities: QuantityStats[];
  misconceptions: { id: string; count: number; examples: { variantId: string; name: string; path: string }[] }[];
}

export interface StudentRow {
  userId: string;
  name: string;
  email: string;
  attempts: number;
  score: number;
  maxScore: number;
  done: number;
  minutes: number;
  perItem: ({ variantId: string; best: number; max: number; attempts: number; firstDivergence: string | null } | null)[];
}

export async function setStatistics(db: Db, actor: ActorRef, setId: string) {
  const set = await setViewableBy(db, actor, setId);
  const members = await db.membership.findMany({ where: { courseId: set.courseId, role: "student", removedAt: null }, include: { user: { select: { id: true, name: true, email: true } } } });
  const results = await db.variantResult.findMany({ where: { itemId: { in: set.items.map((i) => i.id) } } });
  const enrolled = new Map(members.map((m) => [m.userId, m.user]));
  const mine = results.filter((r) => enrolled.has(r.userId));
  const byItem = new Map<string, typeof mine>();
  for (const r of mine) {
    const list = byItem.get(r.itemId!);
    if (list) list.push(r);
    else byItem.set(r.itemId!, [r]);
  }

  const items: ItemStats[] = set.items.map((item) => {
    const rows = byItem.get(item.id) ?? [];
    const quantities = new Map<string, QuantityStats>();
    const mistakes = new Map<string, ItemStats["misconceptions"][number]>();
    const histogram = Array.from({ length: 10 }, () => 0);
    for (const r of rows) {
      histogram[Math.min(9, Math.floor((10 * r.bestScore) / Math.max(r.maxScore, 1e-9)))]++;
      for (const [path, [v, misconception]] of Object.entries(JSON.parse(r.verdictsJson) as Verdicts)) {
        const q = quantities.get(path) ?? { path, firstDivergence: 0, correct: 0, carried: 0, incorrect: 0, missing: 0 };
        q[({ c: "correct", r: "carried", i: "incorrect", m: "missing" } as const)[v as "c" | "r" | "i" | "m"]]++;
        if (r.firstDivergence === path) q.firstDivergence++;
        quantities.set(path, q);
        if (misconception) {
          const m = mistakes.get(misconception) ?? { id: misconception, count: 0, examples: [] };
          m.count++;
          if (m.examples.length < 3) m.examples.push({ variantId: r.variantId, name: enrolled.get(r.userId)!.name, path });
          mistakes.set(misconception, m);
        }
      }
    }
    const n = rows.length;
    const share = (q: QuantityStats): QuantityStats => (n ? { ...q, firstDivergence: q.firstDivergence / n, correct: q.correct / n, carried: q.carried / n, incorrect: q.incorrect / n, missing: q.missing / n } : q);
    return {
      id: item.id,
      title: item.title,
      submitted: n,
      completion: members.length ? n / members.length : 0,
      meanScore: n ? rows.reduce((s, r) => s + r.bestScore / Math.max(r.maxScore, 1e-9), 0) / n : null,
      histogram,
      quantities: [...quantities.values()].map(share),
      misconceptions: [...mistakes.values()].sort((a, b) => b.count - a.count),
    };
  });

  const byStudent = new Map<string, Map<string, (typeof mine)[number]>>();
  for (const r of mine) byStudent.set(r.userId, (byStudent.get(r.userId) ?? new Map()).set(r.itemId!, r));
  const students: StudentRow[] = members.map(({ user }) => {
    const own = byStudent.get(user.id) ?? new Map<string, (typeof mine)[number]>();
    const perItem = set.items.map((item) => {
      const r = own.get(item.id);
      return r ? { variantId: r.variantId, best: r.bestScore, max: r.maxScore, attempts: r.attempts, firstDivergence: r.firstDivergence } : null;
    });
    const rows = [...own.values()];
    return {
      userId: user.id,
      name: user.name,
      email: user.email,
      attempts: rows.reduce((s, r) => s + r.attempts, 0),
      score: rows.reduce((s, r) => s + r.bestScore, 0),
      maxScore: rows.reduce((s, r) => s + r.maxScore, 0),
      done: rows.length,
      // From opening each exercise to its last submission, at most 3 hours each (a tab left open is not work).
      minutes: Math.round(rows.reduce((s, r) => s + Math.min(3 * 3600e3, r.lastSubmittedAt.getTime() - r.firstOpenedAt.getTime()), 0) / 60e3),
      perItem,
    };
  });
  return { set, enrolled: members.length, items, students };
}

/** A student's latest graded attempt on a variant, for the drill-down of the course's staff. */
export async function variantForInstructor(db: Db, actor: ActorRef, variantId: string) {
  const v = await db.variant.findUnique({
    where: { id: variantId },
    include: { user: { select: { name: true, email: true } }, item: { include: { problemSet: true } }, submissions: { orderBy: { attempt: "desc" }, include: { grades: { orderBy: { gradedAt: "desc" }, take: 1 } } } },
  });
  if (!v?.item) throw notFound("not found");
  await courseViewableBy(db, actor, v.item.problemSet.courseId);
  return v;
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
  const byName = (a: StudentRow, b: StudentRow) => a.name.localeCompare(b.name) || a.email.localeCompare(b.email);
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
