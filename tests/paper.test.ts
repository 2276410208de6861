// A class's paper work graded in bulk (issue 22), against a real database: ten students' transcripts
// of the lecture's exercise (seed 000, the real page of a student, as given) uploaded as files named
// by student number, one by email, one in a zip, a binary file and a file that names nobody; each
// read against the student's own variant, graded as the CLI grades the same reading, stored as a
// paper attempt with its transcript, counted in the statistics; a retried job adds nobody twice.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { zipSync, strToU8 } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDb } from "./db";
import { actorsOf, errorCode } from "./helpers";
import { seedDemo } from "../lib/course/demo";
import { addStudentsCsv } from "../lib/teach/courses";
import { createSet } from "../lib/teach/sets";
import { enqueuePaper, type PaperReport } from "../lib/teach/paper";
import { paperFiles } from "../lib/teach/paper-files";
import { runJobsNow } from "../lib/run/jobs";
import { setStatistics } from "../lib/teach/stats";
import { readExercise } from "../lib/exercises/instance";
import { readGradingSettings } from "../lib/exercises/template";
import { solve } from "../lib/nn/network";
import { toSolution } from "../lib/exercises/solution";
import { readTranscript } from "../lib/read";
import { gradeSubmission } from "../lib/grading";

const SEED = readFileSync(join(__dirname, "..", "..", "shared", "seeds", "000_2532c57b72747445.txt"), "utf8");
const db = await freshDb("paper");
type Actor = { id: string; role: "student" | "instructor" };
let teacher: Actor, alice: Actor;
let courseId = "";
let itemId = "";
let setId = "";
const numbers = Array.from({ length: 10 }, (_, i) => `P2027${String(i + 1).padStart(3, "0")}`);

beforeAll(async () => {
  ({ courseId } = await seedDemo(db));
  [teacher, alice] = await actorsOf(db, "teacher@handprop.test", "alice@handprop.test");
  const csv = ["学籍番号,氏名,メールアドレス", ...numbers.map((n, i) => `${n},紙 学生${i + 1},paper${i + 1}@uni.example`)].join("\n");
  await addStudentsCsv(db, teacher, courseId, csv);
  // A paper exam: the lecture's fixed exercise, in a draft set (students never see it online).
  const set = await createSet(db, teacher, courseId, { title: "Paper exam", templateIds: ["lecture-2-3-3-2"], attemptsAllowed: 1, revealPolicy: "never", carriedCredit: 1, status: "draft" });
  setId = set.id;
  itemId = (await db.problemSetItem.findFirstOrThrow({ where: { problemSetId: setId } })).id;
});
afterAll(() => db.$disconnect());

const text = (s: string) => new TextEncoder().encode(s);

describe("paper work in bulk", () => {
  it("grades every student's transcript against their own variant as the CLI would, and reports what it could not read or place", async () => {
    const uploads = [
      ...numbers.slice(0, 8).map((n) => ({ name: `${n}.md`, bytes: text(SEED) })),
      { name: "paper9@uni.example.txt", bytes: text(SEED) },
      { name: "class.zip", bytes: zipSync({ [`${numbers[9]}.tex`]: strToU8(SEED), "__MACOSX/._x.tex": strToU8("junk"), "notes.pdf": new Uint8Array([1, 2, 3]) }) },
      { name: "P2027999.md", bytes: text(SEED) },
      { name: `${numbers[0]}-copy.md`, bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]) },
    ];
    const job = await enqueuePaper(db, teacher, itemId, uploads);
    const started = performance.now();
    await runJobsNow(db);
    console.log(`[paper] ${job.total} transcripts read and graded in ${(performance.now() - started).toFixed(0)} ms`);
    const done = await db.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(done.status).toBe("done");
    const report = JSON.parse(done.resultJson!) as PaperReport;
    const graded = report.lines.filter((l) => l.outcome === "graded");
    expect(graded).toHaveLength(10);
    expect(report.lines.filter((l) => l.outcome === "no_student").map((l) => l.file)).toEqual(["P2027999.md", `${numbers[0]}-copy.md`]);

    // The score is the CLI's: the same reading graded against the same exercise.
    const exercise = JSON.parse(readFileSync(join(__dirname, "..", "exercises", "lecture-2-3-3-2.json"), "utf8")) as unknown;
    const variant = await db.variant.findFirstOrThrow({ where: { itemId } });
    const net = readExercise(JSON.parse(variant.exerciseJson));
    const settings = readGradingSettings(JSON.parse(variant.exerciseJson));
    const reading = readTranscript(net, toSolution(solve(net), net.layout), SEED);
    const cli = gradeSubmission(net, solve(net), reading.submission, { tolerance: settings.tolerance, asked: settings.asked, points: settings.points, carriedCredit: 1 });
    expect(exercise).toBeTruthy();
    for (const l of graded) if (l.outcome === "graded") expect([l.score, l.maxScore]).toEqual([cli.score, cli.max_score]);
    // The mistakes of that page are named: its ∂L/∂X³ is the lecture's extra terms.
    expect(cli.items.find((i) => i.path === "steps[0].layers[2].dX")?.misconception).toBe("cross_entropy_derivative_extra_terms");

    // Stored as paper attempts with their transcripts, counted in the statistics.
    const stored = await db.submission.findMany({ where: { variant: { itemId } } });
    expect(stored).toHaveLength(10);
    expect(stored.every((s) => s.source === "paper" && s.transcript === SEED)).toBe(true);
    const stats = await setStatistics(db, teacher, setId);
    expect(stats.students.filter((s) => s.done).length).toBe(10);
  });

  it("a retried job adds nobody twice", async () => {
    const job = await enqueuePaper(db, teacher, itemId, [{ name: `${numbers[0]}.md`, bytes: text(SEED) }]);
    await runJobsNow(db);
    // The same job run again (a runner that died after recording): its key finds the attempt.
    await db.job.update({ where: { id: job.id }, data: { status: "queued", leaseUntil: null, leaseOwner: null } });
    await runJobsNow(db);
    const user = await db.user.findUniqueOrThrow({ where: { email: "paper1@uni.example" } });
    expect(await db.submission.count({ where: { userId: user.id, variant: { itemId } } })).toBe(2); // the first upload's and this one's
  });

  it("is for the course's instructors, and refuses an upload that is not paper work or too large", async () => {
    expect(await errorCode(enqueuePaper(db, alice, itemId, [{ name: "x.md", bytes: text(SEED) }]))).toBe("FORBIDDEN");
    expect(await errorCode(enqueuePaper(db, teacher, "no-such-item", [{ name: "x.md", bytes: text(SEED) }]))).toBe("NOT_FOUND");
    expect(() => paperFiles([{ name: "a.zip", bytes: text("not a zip") }])).toThrow(/not a zip/);
    expect(() => paperFiles([{ name: "empty.zip", bytes: zipSync({ "readme.pdf": new Uint8Array([1]) }) }])).toThrow(/no transcript/);
    // A zip bomb: a directory that declares more than the bound is refused before inflating.
    const bomb = zipSync(Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`${i}.md`, strToU8("x")])));
    expect(() => paperFiles([{ name: "bomb.zip", bytes: bomb }])).toThrow(/more than 1,000/);
    expect(paperFiles([{ name: "big.md", bytes: new Uint8Array(300 * 1024).fill(0x41) }])).toEqual([{ name: "big.md", problem: "too_large" }]);
  });
});
