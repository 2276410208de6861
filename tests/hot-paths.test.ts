// The plain-SQL hot paths (lib/course/queries.ts) against the ORM's answers, on SQLite and (npm run
// test:pg) PostgreSQL: the per-student result row updated in place equals the one recomputed from
// every attempt, the dashboard's and result page's reads agree with the data, concurrent attempts of
// one variant get distinct numbers, and the attempt limit holds under a race.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../lib/course/demo";
import { studentDashboard, submissionHistory } from "../lib/course/dashboard";
import { refreshResult } from "../lib/course/results";
import { attemptView, workView } from "../lib/course/reveal";
import { openItem, saveDraft, submitAnswers } from "../lib/course/work";
import { shortWayStatements } from "../lib/db/fast";
import { AppError } from "../lib/errors";
import { freshDb } from "./db";
import { LATEST_GRADE_FIRST } from "../lib/course/latest-grade";
import { attemptsOf, dashboardRows, itemOpening, recentSubmissions, studentVariant, variantProgress } from "../lib/course/queries";
import { errorCode } from "./helpers";

const db = await freshDb("hot-paths");
let alice: { id: string; role: "student" };
let taro: { id: string; role: "student" };
let itemId: string;

beforeAll(async () => {
  const { problemSetId } = await seedDemo(db);
  const user = async (email: string) => ({ id: (await db.user.findUniqueOrThrow({ where: { email } })).id, role: "student" as const });
  [alice, taro] = await Promise.all(["alice@handprop.test", "taro@handprop.test"].map(user));
  itemId = (await db.problemSetItem.findFirstOrThrow({ where: { problemSetId, position: 0 } })).id;
});
afterAll(() => db.$disconnect());

const resultRow = async (variantId: string) => {
  const r = await db.variantResult.findUniqueOrThrow({ where: { variantId } });
  const { id: _id, ...rest } = r;
  return rest;
};

describe("the hot paths in plain SQL", () => {
  it("keeps the per-student result row equal to the one recomputed from every attempt", async () => {
    const v = await openItem(db, alice, itemId);
    await submitAnswers(db, alice, v.id, { "steps[0].loss": [["1"]], "steps[0].layers[0].A": [["1", "2", "3"]] }, "hot-alice-0001");
    await submitAnswers(db, alice, v.id, { "steps[0].loss": [["2"]] }, "hot-alice-0002");
    const inPlace = await resultRow(v.id);
    // On SQLite these statements ran on the adapter's connection directly (lib/db/fast.ts); on PostgreSQL through Prisma.
    if (process.env.HANDPROP_TEST_DB === "postgres") expect(shortWayStatements(db)).toBe(0);
    else expect(shortWayStatements(db)).toBeGreaterThanOrEqual(3);
    await db.$transaction((tx) => refreshResult(tx, v.id));
    expect(await resultRow(v.id)).toEqual(inPlace);
    expect(inPlace.attempts).toBe(2);
  });

  it("numbers concurrent attempts of one variant apart, and stops at the limit under a race", async () => {
    const v = await openItem(db, taro, itemId);
    const tries = await Promise.all(
      [1, 2, 3, 4, 5].map(async (i) => {
        try {
          return (await submitAnswers(db, taro, v.id, { "steps[0].loss": [[String(i)]] }, `hot-taro-race-${i}`)).attempt;
        } catch (e) {
          return e instanceof AppError ? e.code : String(e);
        }
      }),
    );
    const numbers = tries.filter((x): x is number => typeof x === "number").sort();
    expect(numbers).toEqual([1, 2, 3]);
    expect(tries.filter((x) => x === "CONFLICT")).toHaveLength(2);
    expect(await db.submission.count({ where: { variantId: v.id } })).toBe(3);
    expect(await db.grade.count({ where: { submission: { variantId: v.id } } })).toBe(3);
    expect((await resultRow(v.id)).attempts).toBe(3);
  });

  it("reads the exercise page, the dashboard and a result as the data says", async () => {
    const v = await openItem(db, alice, itemId);
    await saveDraft(db, alice, v.id, { "steps[0].loss": [["7"]] });
    const page = await workView(db, alice, v.id);
    expect(page.variant.draft && JSON.parse(page.variant.draft.answersJson)).toEqual({ "steps[0].loss": [["7"]] });
    expect(page.submissions.map((s) => s.attempt)).toEqual([1, 2]);
    expect(page.attemptsLeft).toBe(1);
    const [course] = await studentDashboard(db, alice);
    const item = course.sets[0].items.find((i) => i.id === itemId)!;
    expect(item).toMatchObject({ attemptsUsed: 2, status: "submitted" });
    expect(course.sets[0].items.map((i) => i.status)).toEqual(["submitted", "notStarted", "notStarted"]);
    const history = await submissionHistory(db, alice);
    expect(history.map((s) => s.attempt)).toEqual([2, 1]);
    expect(history[0].variant.item?.title).toBe(course.sets[0].items[0].title);
    const view = await attemptView(db, alice, history[0].id);
    expect(view.submission.attempt).toBe(2);
    expect(view.grade?.max_score).toBeGreaterThan(0);
    expect(await errorCode(attemptView(db, taro, history[0].id))).toBe("NOT_FOUND");
  });
});

describe("each plain-SQL read against its ORM reference", () => {
  // A regrade's grades: one older, and two graded in the same millisecond (the id decides which is latest).
  beforeAll(async () => {
    const v = await openItem(db, alice, itemId);
    const [first] = await db.submission.findMany({ where: { variantId: v.id }, orderBy: { attempt: "asc" } });
    const base = await db.grade.findFirstOrThrow({ where: { submissionId: first.id } });
    const at = new Date(base.gradedAt.getTime() + 60_000);
    for (const [id, score] of [["zz-tie-b", 4], ["zz-tie-a", 9]] as const) {
      await db.grade.create({ data: { id, submissionId: first.id, score, maxScore: base.maxScore, firstDivergence: null, gradeJson: base.gradeJson, gradedAt: at } });
    }
    const later = await db.problemSet.findFirstOrThrow({ where: { items: { some: { id: itemId } } } });
    await db.studentException.create({ data: { problemSetId: later.id, userId: alice.id, dueAt: new Date(Date.now() + 86_400_000), extraAttempts: 2, reason: "ill", createdById: (await db.user.findFirstOrThrow({ where: { role: "instructor" } })).id } });
  });
  const latest = { orderBy: LATEST_GRADE_FIRST, take: 1, select: { score: true, maxScore: true } } as const;

  it("attemptsOf: every attempt in order with its latest grade's score", async () => {
    const v = await openItem(db, alice, itemId);
    const orm = await db.submission.findMany({ where: { variantId: v.id }, orderBy: { attempt: "asc" }, select: { id: true, attempt: true, grades: latest } });
    expect(await attemptsOf(db, v.id)).toEqual(orm);
    expect(orm[0].grades).toEqual([{ score: 4, maxScore: expect.any(Number) }]); // "zz-tie-b" > "zz-tie-a"
  });

  it("variantProgress and recentSubmissions: drafts, attempts and latest scores as the ORM reads them", async () => {
    const variants = await db.variant.findMany({ where: { userId: alice.id, practice: false, itemId: { not: null } }, include: { draft: true, submissions: { orderBy: { attempt: "asc" }, select: { grades: latest } } } });
    const progress = await variantProgress(db, alice.id);
    expect(new Map([...progress].map(([k, p]) => [k, { draft: p.draft, scores: p.submissions.map((s) => s.grades).sort() }]))).toEqual(
      new Map(variants.map((v) => [v.itemId!, { draft: v.draft !== null, scores: v.submissions.map((s) => s.grades).sort() }])),
    );
    const orm = await db.submission.findMany({ where: { userId: alice.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 50, select: { id: true, attempt: true, createdAt: true, variant: { select: { item: { select: { id: true, title: true } } } }, grades: latest } });
    expect(await recentSubmissions(db, alice.id)).toEqual(orm);
  });

  it("dashboardRows: courses, published sets with the student's own rules, items and manual scores", async () => {
    const memberships = await db.membership.findMany({
      where: { userId: alice.id, removedAt: null },
      orderBy: [{ joinedAt: "asc" }, { id: "asc" }],
      include: { course: { include: { sets: { where: { status: "published" }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], include: { items: { orderBy: { position: "asc" } }, exceptions: { where: { userId: alice.id } } } } } } },
    });
    const manual = await db.manualScore.findMany({ where: { userId: alice.id } });
    type Row = { courseId: string; courseTitle: string; timeZone: string; role: string; setId: string | null; itemId: string | null; setTitle?: string; rules?: { dueAt: Date | null; attemptsAllowed: number }; itemTitle?: string; manual?: number | null };
    const expected = memberships.flatMap((m): Row[] => {
      const head = { courseId: m.courseId, courseTitle: m.course.title, timeZone: m.course.timeZone, role: m.role };
      if (!m.course.sets.length) return [{ ...head, setId: null, itemId: null }];
      return m.course.sets.flatMap((p) => {
        const x = p.exceptions[0];
        const rules = { dueAt: x?.dueAt && p.dueAt && x.dueAt > p.dueAt ? x.dueAt : p.dueAt, attemptsAllowed: p.attemptsAllowed + (x?.extraAttempts ?? 0) };
        const items = p.items.length ? p.items : [null];
        return items.map((i) => ({ ...head, setId: p.id, setTitle: p.title, rules, itemId: i?.id ?? null, itemTitle: i?.title ?? "", manual: manual.find((s) => s.itemId === i?.id)?.score ?? null }));
      });
    });
    const rows = (await dashboardRows(db, alice.id)).map((r): Row => ({
      courseId: r.courseId,
      courseTitle: r.courseTitle,
      timeZone: r.timeZone,
      role: r.role,
      ...(r.setId === null ? { setId: null, itemId: null } : { setId: r.setId, setTitle: r.setTitle, rules: { dueAt: r.rules!.dueAt, attemptsAllowed: r.rules!.attemptsAllowed }, itemId: r.itemId, itemTitle: r.itemTitle, manual: r.manual?.score ?? null }),
    }));
    expect(rows).toEqual(expected);
    expect(rows.some((r) => (r.rules?.attemptsAllowed ?? 0) > 3)).toBe(true); // the exception reached it
  });

  it("studentVariant and itemOpening: the variant, its rules and draft as the ORM reads them", async () => {
    const v = await openItem(db, alice, itemId);
    const orm = await db.variant.findUniqueOrThrow({ where: { id: v.id }, include: { draft: true, _count: { select: { submissions: true } }, item: { include: { problemSet: { include: { course: true } } } } } });
    const fast = await studentVariant(db, alice.id, v.id);
    expect({ id: fast.id, seed: fast.seed, exerciseJson: fast.exerciseJson, used: fast.used, draft: fast.draft?.answersJson ?? null, title: fast.item?.title, zone: fast.item?.timeZone, set: fast.item?.problemSet.id }).toEqual({
      id: orm.id,
      seed: orm.seed,
      exerciseJson: orm.exerciseJson,
      used: orm._count.submissions,
      draft: orm.draft?.answersJson ?? null,
      title: orm.item?.title,
      zone: orm.item?.problemSet.course.timeZone,
      set: orm.item?.problemSetId,
    });
    const opening = await itemOpening(db, alice.id, itemId);
    expect(opening).toMatchObject({ enrolled: true, published: orm.item?.problemSet.status === "published", opensAt: orm.item?.problemSet.opensAt ?? null, variant: { id: orm.id, seed: orm.seed } });
  });
});
