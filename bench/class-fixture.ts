// A class of 500 students × 20 exercises × 5 attempts (50,000 graded submissions) in a fresh
// SQLite database, written straight through better-sqlite3 for speed. Grades come from the real
// grader on simulated students (one mistake each, drawn from a few kinds), reused across rows.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { hashPassword } from "../lib/auth/password";
import { compactVerdicts } from "../lib/course/results";
import { builtinTemplates } from "../lib/exercises/builtin";
import { drawVariant } from "../lib/exercises/template";
import { toSolution } from "../lib/exercises/solution";
import { gradeSubmission } from "../lib/grading";
import { readExercise } from "../lib/exercises/instance";
import { solve } from "../lib/nn/network";

export const STUDENTS = 500;
export const EXERCISES = 20;
export const ATTEMPTS = 5;

const id = () => "c" + randomBytes(12).toString("hex");
const now = Date.now();
const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

export async function buildClassFixture(file: string): Promise<{ setId: string; teacherEmail: string }> {
  mkdirSync(join(file, ".."), { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, SQLITE_URL: `file:${file}` }, stdio: "pipe" });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  const hash = await hashPassword("handprop-demo");
  const teacherId = id();
  const courseId = id();
  const setId = id();
  const templates = builtinTemplates().filter((t) => t.random);
  // Per exercise: one drawn instance and a handful of graded answer patterns (right, and four mistakes).
  const items = Array.from({ length: EXERCISES }, (_, k) => {
    const template = templates[k % templates.length];
    const exercise = drawVariant(template, `fixture-${k}`);
    const net = readExercise(exercise);
    const trace = solve(net);
    const sol = toSolution(trace, net.layout);
    const L = sol.steps[0].layers.length;
    const patterns = [0, 1, 2, 3, 4].map((p) => {
      const s = JSON.parse(JSON.stringify(sol)) as typeof sol;
      if (p === 1) s.steps[0].layers[L - 1].delta = s.steps[0].layers[L - 1].delta.map((r) => r.map((x) => 2 * x + 1));
      if (p === 2) s.steps[0].loss = s.steps[0].loss * 3 + 1;
      if (p === 3) s.steps[0].layers[0].A[0][0] += 5;
      if (p === 4) delete (s.steps[0].layers[0] as Partial<(typeof s.steps)[0]["layers"][0]>).W_new;
      const grade = gradeSubmission(net, trace, s);
      return { answers: JSON.stringify(s), grade, gradeJson: JSON.stringify(grade), verdicts: JSON.stringify(compactVerdicts(grade)) };
    });
    return { id: id(), template, exerciseJson: JSON.stringify(exercise), patterns };
  });
  const insert = db.transaction(() => {
    db.prepare("INSERT INTO User (id, email, name, passwordHash, role, locale, createdAt) VALUES (?, ?, ?, ?, 'instructor', 'en', ?)").run(teacherId, "fixture-teacher@handprop.test", "Fixture Teacher", hash, iso(now));
    db.prepare("INSERT INTO Course (id, title, joinCode, ownerId, createdAt) VALUES (?, 'Large class', ?, ?, ?)").run(courseId, "BIG" + randomBytes(3).toString("hex").toUpperCase(), teacherId, iso(now));
    db.prepare("INSERT INTO ProblemSet (id, courseId, title, attemptsAllowed, revealPolicy, carriedCredit, createdAt) VALUES (?, ?, 'Twenty exercises', 5, 'after_last_attempt_or_due', 1, ?)").run(setId, courseId, iso(now));
    const item = db.prepare("INSERT INTO ProblemSetItem (id, problemSetId, position, templateJson, templateId, title) VALUES (?, ?, ?, ?, ?, ?)");
    items.forEach((it, k) => item.run(it.id, setId, k, JSON.stringify(it.template), it.template.id, `${k + 1}. ${it.template.title}`));
    const user = db.prepare("INSERT INTO User (id, email, name, passwordHash, role, locale, createdAt) VALUES (?, ?, ?, ?, 'student', 'en', ?)");
    const member = db.prepare("INSERT INTO Membership (id, userId, courseId, role, joinedAt) VALUES (?, ?, ?, 'student', ?)");
    const variant = db.prepare("INSERT INTO Variant (id, itemId, userId, seed, exerciseJson, practice, createdAt) VALUES (?, ?, ?, ?, ?, 0, ?)");
    const submission = db.prepare("INSERT INTO Submission (id, variantId, userId, attempt, answersJson, idempotencyKey, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)");
    const gradeRow = db.prepare("INSERT INTO Grade (id, submissionId, score, maxScore, firstDivergence, gradeJson, gradedAt) VALUES (?, ?, ?, ?, ?, ?, ?)");
    const result = db.prepare("INSERT INTO VariantResult (id, variantId, itemId, userId, attempts, bestScore, latestScore, maxScore, firstDivergence, verdictsJson, firstOpenedAt, lastSubmittedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (let s = 0; s < STUDENTS; s++) {
      const userId = id();
      user.run(userId, `student${s}@fixture.test`, `Student ${s}`, hash, iso(now));
      member.run(id(), userId, courseId, iso(now));
      items.forEach((it, k) => {
        const variantId = id();
        variant.run(variantId, it.id, userId, `${it.id}:${userId}`, it.exerciseJson, iso(now));
        let best = 0;
        let last = it.patterns[0];
        for (let a = 1; a <= ATTEMPTS; a++) {
          const p = it.patterns[(s * 7 + k * 3 + a) % it.patterns.length];
          const subId = id();
          const at = now + (a * 60 + k) * 1000;
          submission.run(subId, variantId, userId, a, p.answers, id(), iso(at));
          gradeRow.run(id(), subId, p.grade.score, p.grade.max_score, p.grade.first_divergence, p.gradeJson, iso(at));
          best = Math.max(best, p.grade.score);
          last = p;
        }
        result.run(id(), variantId, it.id, userId, ATTEMPTS, best, last.grade.score, last.grade.max_score, last.grade.first_divergence, last.verdicts, iso(now), iso(now + (ATTEMPTS * 60 + k) * 1000));
      });
    }
  });
  insert();
  db.close();
  return { setId, teacherEmail: "fixture-teacher@handprop.test" };
}
