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
