// The hot paths of a deadline rush in plain SQL: opening an exercise, autosaving a draft, recording
// a graded attempt. Prisma 6's query compiler costs more of the request thread per ORM call than the
// database's own work, and these paths made a dozen such calls each; raw queries skip the compiler
// (docs/decisions/003-plain-sql-hot-paths.md). Portable SQL only: the same text runs on SQLite and PostgreSQL (quoted
// identifiers, ON CONFLICT, RETURNING, no provider-only functions), and every statement names its
// columns. tests/work.test.ts and tests/reveal.test.ts run these on both databases.
import { randomBytes } from "node:crypto";
import { sqlAll, sqlTransaction } from "../db/fast";
import { Prisma, type PrismaClient } from "../db/generated/client";
import { notFound } from "../errors";
import { latestGradeJoin } from "./latest-grade";
import { laterDue, personalRules, RULE_NAMES, pickRules, type ExceptionTerms, type Rules } from "./rules";

type Db = PrismaClient;

/** A fresh row id (ids are opaque strings; Prisma's cuid() default only applies to ORM writes). */
export const newId = () => `c${Date.now().toString(36)}${randomBytes(10).toString("hex")}`;

const bool = (x: unknown) => x === true || x === 1 || x === 1n || x === "1" || x === "true";
const num = (x: unknown) => (typeof x === "bigint" ? Number(x) : Number(x ?? 0));
const date = (x: unknown) => (x === null || x === undefined ? null : x instanceof Date ? x : new Date(String(x)));

/** The one set status students work in: a draft is not theirs to see yet, a hidden set no longer (lib/teach/set-life.ts). */
export const PUBLISHED = "published";
const studentsSee = (status: unknown) => status === PUBLISHED;

export interface StoredSubmission {
  id: string;
  variantId: string;
  userId: string;
  attempt: number;
  answersJson: string;
  idempotencyKey: string;
  late: boolean;
  createdAt: Date;
}

/** A student's own variant with everything the exercise page, an autosave and a submission need. */
export interface StudentVariant {
  id: string;
  userId: string;
  itemId: string | null;
  seed: string;
  exerciseJson: string;
  practice: boolean;
  createdAt: Date;
  /** The set's item, with the student's rules, a score given by hand, and the course's time zone (dates are shown in it). */
  item: { id: string; title: string; problemSet: StudentSetRules; manualScore: ManualScoreView | null; timeZone: string } | null;
  draft: StoredDraft | null;
  /** Submissions made so far. */
  used: number;
  /** The submission already made with the idempotency key asked about, if any (any variant, any user). */
  again: StoredSubmission | null;
}

/**
 * A set's rules for one student: due date and attempts with their exception laid over (see
 * rules.ts), the exception itself, and the latest due date of anyone in the set, which is
 * when solutions shown "after the due date" appear (lib/course/reveal.ts).
 */
export type StudentSetRules = Rules & { id: string; courseId: string; exception: ExceptionTerms | null; lastDueAt: Date | null };

/** A score an instructor gave by hand to the student's exercise, with why. */
export interface ManualScoreView {
  score: number;
  maxScore: number;
  reason: string;
}

/** Every rule of the set p, under its own name (lib/course/rules.ts). */
const ruleColumns = Prisma.raw(RULE_NAMES.map((f) => `p."${f}"`).join(", "));

/** The columns these queries select for a student's exception and the set's latest extension. */
const exceptionColumns = Prisma.sql`
      x."dueAt" AS "xDueAt", x."extraAttempts" AS "xExtra",
      (SELECT MAX(e."dueAt") FROM "StudentException" e WHERE e."problemSetId" = p."id") AS "lastExtendedDueAt",
      ms."score" AS "msScore", ms."maxScore" AS "msMax", ms."reason" AS "msReason"`;
const exceptionJoins = (userId: string) => Prisma.sql`
    LEFT JOIN "StudentException" x ON x."problemSetId" = p."id" AND x."userId" = ${userId}
    LEFT JOIN "ManualScore" ms ON ms."itemId" = i."id" AND ms."userId" = ${userId}`;

/** The set's rules for the row's student, from the columns above. */
function studentSetRules(r: Record<string, unknown>): StudentSetRules {
  const exception: ExceptionTerms | null = r.xExtra === null || r.xExtra === undefined ? null : { dueAt: date(r.xDueAt), extraAttempts: num(r.xExtra) };
  const set = { id: String(r.setId), courseId: String(r.courseId), ...pickRules(r) };
  return { ...personalRules(set, exception), exception, lastDueAt: laterDue(set.dueAt, date(r.lastExtendedDueAt)) };
}

function manualScoreOf(r: Record<string, unknown>): ManualScoreView | null {
  return r.msScore === null || r.msScore === undefined ? null : { score: num(r.msScore), maxScore: num(r.msMax), reason: String(r.msReason) };
}

/**
 * The variant if it is `userId`'s own and, for a problem-set item, they are still enrolled in its
 * course; otherwise "not found", as lib/course/work.ts's variantOf. One round trip.
 */
export async function studentVariant(db: Db, userId: string, variantId: string, idempotencyKey?: string): Promise<StudentVariant> {
  const rows = await sqlAll<Record<string, unknown>>(db, Prisma.sql`
    SELECT v."id", v."userId", v."itemId", v."seed", v."exerciseJson", v."practice", v."createdAt",
      i."title" AS "itemTitle",
      p."id" AS "setId", p."courseId", ${ruleColumns}, p."status" AS "setStatus",
      (SELECT c."timeZone" FROM "Course" c WHERE c."id" = p."courseId") AS "courseZone",
      m."id" AS "memberId", m."removedAt",
      d."answersJson" AS "draftJson", d."cellTimesJson" AS "draftTimes", d."updatedAt" AS "draftAt",
      (SELECT COUNT(*) FROM "Submission" c WHERE c."variantId" = v."id") AS "used",${exceptionColumns},
      k."id" AS "kId", k."variantId" AS "kVariantId", k."userId" AS "kUserId", k."attempt" AS "kAttempt", k."answersJson" AS "kAnswers", k."late" AS "kLate", k."createdAt" AS "kCreatedAt"
    FROM "Variant" v
    LEFT JOIN "ProblemSetItem" i ON i."id" = v."itemId"
    LEFT JOIN "ProblemSet" p ON p."id" = i."problemSetId"
    LEFT JOIN "Membership" m ON m."courseId" = p."courseId" AND m."userId" = ${userId}
    LEFT JOIN "Draft" d ON d."variantId" = v."id"${exceptionJoins(userId)}
    LEFT JOIN "Submission" k ON k."idempotencyKey" = ${idempotencyKey ?? ""}
    WHERE v."id" = ${variantId}`);
  const r = rows[0];
  if (!r || r.userId !== userId) throw notFound("exercise not found");
  if (r.itemId !== null && (r.memberId === null || r.removedAt !== null)) throw notFound("exercise not found");
  // A set in preparation (draft) or taken off the dashboards (hidden) takes no work.
  if (r.itemId !== null && !studentsSee(r.setStatus)) throw notFound("exercise not found");
  return {
    id: String(r.id),
    userId: String(r.userId),
    itemId: r.itemId === null ? null : String(r.itemId),
    seed: String(r.seed),
    exerciseJson: String(r.exerciseJson),
    practice: bool(r.practice),
    createdAt: date(r.createdAt)!,
    item:
      r.itemId === null
        ? null
        : {
            id: String(r.itemId),
            title: String(r.itemTitle),
            problemSet: studentSetRules(r),
            manualScore: manualScoreOf(r),
            timeZone: String(r.courseZone ?? "UTC"),
          },
    draft: r.draftJson === null ? null : { answersJson: String(r.draftJson), cellTimesJson: String(r.draftTimes), updatedAt: date(r.draftAt)! },
    used: num(r.used),
    again:
      r.kId === null
        ? null
        : {
            id: String(r.kId),
            variantId: String(r.kVariantId),
            userId: String(r.kUserId),
            attempt: num(r.kAttempt),
            answersJson: String(r.kAnswers),
            idempotencyKey: idempotencyKey!,
            late: bool(r.kLate),
            createdAt: date(r.kCreatedAt)!,
          },
  };
}

/** The variant's attempts in order, each with the score of its latest grade (null when ungraded). */
export async function attemptsOf(db: Db, variantId: string): Promise<{ id: string; attempt: number; grades: { score: number; maxScore: number }[] }[]> {
  const rows = await sqlAll<Record<string, unknown>>(db, Prisma.sql`
    SELECT s."id", s."attempt", g."score", g."maxScore"
    FROM "Submission" s${latestGradeJoin}
    WHERE s."variantId" = ${variantId}
    ORDER BY s."attempt" ASC`);
  return rows.map((r) => ({ id: String(r.id), attempt: num(r.attempt), grades: r.score === null ? [] : [{ score: num(r.score), maxScore: num(r.maxScore) }] }));
}

/** A draft as stored: the cells, when each was typed (lib/course/draft-merge.ts), the last save. */
export interface StoredDraft {
  answersJson: string;
  cellTimesJson: string;
  updatedAt: Date;
}

/** The condition that `userId` may keep a draft of variant `v`: their own, and still enrolled in its published set's course. */
const ownVariant = (userId: string) => Prisma.sql`v."userId" = ${userId}
      AND (v."itemId" IS NULL OR EXISTS (
        SELECT 1 FROM "ProblemSetItem" i JOIN "ProblemSet" p ON p."id" = i."problemSetId"
        JOIN "Membership" m ON m."courseId" = p."courseId" AND m."userId" = ${userId} AND m."removedAt" IS NULL
        WHERE i."id" = v."itemId" AND p."status" = ${PUBLISHED}))`;

/**
 * The draft of `userId`'s own variant, ownership and enrolment checked in the same statement:
 * undefined when the variant is not theirs (or they left its course), null when it has no draft yet.
 */
export async function ownDraft(db: Db, userId: string, variantId: string): Promise<StoredDraft | null | undefined> {
  const rows = await sqlAll<Record<string, unknown>>(db, Prisma.sql`
    SELECT v."id", d."answersJson", d."cellTimesJson", d."updatedAt"
    FROM "Variant" v LEFT JOIN "Draft" d ON d."variantId" = v."id"
    WHERE v."id" = ${variantId} AND ${ownVariant(userId)}`);
  const r = rows[0];
  if (!r) return undefined;
  return r.answersJson === null ? null : { answersJson: String(r.answersJson), cellTimesJson: String(r.cellTimesJson), updatedAt: date(r.updatedAt)! };
}

/**
 * Writes the draft only if the stored one is still `seen` (null: none yet), a compare-and-set
 * that needs no transaction on either database: the save time, or null when another save came in
 * between (or the variant stopped being theirs) and the caller should read and merge again.
 */
export async function replaceDraft(db: Db, userId: string, variantId: string, seen: StoredDraft | null, next: { answersJson: string; cellTimesJson: string }, now = new Date()): Promise<Date | null> {
  const rows = seen
    ? await sqlAll<{ updatedAt: unknown }>(db, Prisma.sql`
        UPDATE "Draft" SET "answersJson" = ${next.answersJson}, "cellTimesJson" = ${next.cellTimesJson}, "updatedAt" = ${now}
        WHERE "variantId" = ${variantId} AND "answersJson" = ${seen.answersJson} AND "cellTimesJson" = ${seen.cellTimesJson}
        RETURNING "updatedAt"`)
    : await sqlAll<{ updatedAt: unknown }>(db, Prisma.sql`
        INSERT INTO "Draft" ("id", "variantId", "answersJson", "cellTimesJson", "updatedAt")
        SELECT ${newId()}, v."id", ${next.answersJson}, ${next.cellTimesJson}, ${now}
        FROM "Variant" v
        WHERE v."id" = ${variantId} AND ${ownVariant(userId)}
        ON CONFLICT ("variantId") DO NOTHING
        RETURNING "updatedAt"`);
  return rows[0] ? date(rows[0].updatedAt) : null;
}

/** The submission made with this idempotency key, if any. */
export async function submissionByKey(db: Db, idempotencyKey: string): Promise<StoredSubmission | null> {
  const rows = await sqlAll<Record<string, unknown>>(db, Prisma.sql`
    SELECT "id", "variantId", "userId", "attempt", "answersJson", "late", "createdAt" FROM "Submission" WHERE "idempotencyKey" = ${idempotencyKey}`);
  const r = rows[0];
  if (!r) return null;
  return { id: String(r.id), variantId: String(r.variantId), userId: String(r.userId), attempt: num(r.attempt), answersJson: String(r.answersJson), idempotencyKey, late: bool(r.late), createdAt: date(r.createdAt)! };
}

export interface AttemptRecord {
  variant: { id: string; userId: string; itemId: string | null; createdAt: Date };
  attemptsAllowed: number;
  answersJson: string;
  idempotencyKey: string;
  late: boolean;
  grade: { score: number; maxScore: number; firstDivergence: string | null; gradeJson: string; verdictsJson: string };
  /** A paper attempt: read from this transcript (lib/paper/). Typed on the page otherwise. */
  paper?: { transcript: string };
}

/**
 * Records a graded attempt in one transaction of four statements: the submission (numbered after
 * the variant's last one, and only while attempts are left), its grade, the draft (what was
 * submitted stays in the form; a paper attempt leaves the student's own draft alone) and the per-student result row, updated in place (attempts, best
 * and latest score) instead of recomputed from every earlier attempt. Each later statement only
 * writes if the submission was written. Returns null when no attempt was left; throws on a
 * conflict (the same idempotency key, or the same attempt number taken meanwhile).
 */
export async function recordAttempt(db: Db, r: AttemptRecord): Promise<StoredSubmission | null> {
  const id = newId();
  const now = new Date();
  const { variant: v, grade: g } = r;
  const [inserted] = await sqlTransaction(db, [
    Prisma.sql`
      INSERT INTO "Submission" ("id", "variantId", "userId", "attempt", "answersJson", "idempotencyKey", "late", "source", "transcript", "createdAt")
      SELECT ${id}, ${v.id}, ${v.userId}, COALESCE(MAX(s."attempt"), 0) + 1, ${r.answersJson}, ${r.idempotencyKey}, ${r.late}, ${r.paper ? "paper" : "web"}, ${r.paper?.transcript ?? null}, ${now}
      FROM "Submission" s WHERE s."variantId" = ${v.id}
      HAVING COUNT(*) < ${r.attemptsAllowed}
      RETURNING "attempt"`,
    Prisma.sql`
      INSERT INTO "Grade" ("id", "submissionId", "score", "maxScore", "firstDivergence", "gradeJson", "gradedAt")
      SELECT ${newId()}, s."id", ${g.score}, ${g.maxScore}, ${g.firstDivergence}, ${g.gradeJson}, ${now} FROM "Submission" s WHERE s."id" = ${id}`,
    Prisma.sql`
      INSERT INTO "Draft" ("id", "variantId", "answersJson", "updatedAt")
      SELECT ${newId()}, s."variantId", s."answersJson", ${now} FROM "Submission" s WHERE s."id" = ${id} AND s."source" = 'web'
      ON CONFLICT ("variantId") DO UPDATE SET "answersJson" = EXCLUDED."answersJson", "updatedAt" = EXCLUDED."updatedAt"`,
    Prisma.sql`
      INSERT INTO "VariantResult" ("id", "variantId", "itemId", "userId", "attempts", "bestScore", "latestScore", "maxScore", "firstDivergence", "verdictsJson", "firstOpenedAt", "lastSubmittedAt")
      SELECT ${newId()}, s."variantId", ${v.itemId}, s."userId", s."attempt", ${g.score}, ${g.score}, ${g.maxScore}, ${g.firstDivergence}, ${g.verdictsJson}, ${v.createdAt}, s."createdAt"
      FROM "Submission" s WHERE s."id" = ${id}
      ON CONFLICT ("variantId") DO UPDATE SET
        "bestScore" = CASE WHEN EXCLUDED."bestScore" > "VariantResult"."bestScore" THEN EXCLUDED."bestScore" ELSE "VariantResult"."bestScore" END,
        "latestScore" = CASE WHEN EXCLUDED."attempts" >= "VariantResult"."attempts" THEN EXCLUDED."latestScore" ELSE "VariantResult"."latestScore" END,
        "maxScore" = CASE WHEN EXCLUDED."attempts" >= "VariantResult"."attempts" THEN EXCLUDED."maxScore" ELSE "VariantResult"."maxScore" END,
        "firstDivergence" = CASE WHEN EXCLUDED."attempts" >= "VariantResult"."attempts" THEN EXCLUDED."firstDivergence" ELSE "VariantResult"."firstDivergence" END,
        "verdictsJson" = CASE WHEN EXCLUDED."attempts" >= "VariantResult"."attempts" THEN EXCLUDED."verdictsJson" ELSE "VariantResult"."verdictsJson" END,
        "lastSubmittedAt" = CASE WHEN EXCLUDED."attempts" >= "VariantResult"."attempts" THEN EXCLUDED."lastSubmittedAt" ELSE "VariantResult"."lastSubmittedAt" END,
        "attempts" = CASE WHEN EXCLUDED."attempts" > "VariantResult"."attempts" THEN EXCLUDED."attempts" ELSE "VariantResult"."attempts" END`,
  ]);
  const row = (inserted as { attempt: unknown }[])[0];
  if (!row) return null;
  return { id, variantId: v.id, userId: v.userId, attempt: num(row.attempt), answersJson: r.answersJson, idempotencyKey: r.idempotencyKey, late: r.late, createdAt: now };
}

/** The student's existing variant of a problem-set item, with what opening it checks (enrolled, open). */
export async function itemOpening(db: Db, userId: string, itemId: string) {
  const rows = await sqlAll<Record<string, unknown>>(db, Prisma.sql`
    SELECT p."opensAt", p."status" AS "setStatus", m."id" AS "memberId", m."removedAt",
      v."id", v."itemId", v."userId", v."seed", v."exerciseJson", v."practice", v."createdAt"
    FROM "ProblemSetItem" i
    JOIN "ProblemSet" p ON p."id" = i."problemSetId"
    LEFT JOIN "Membership" m ON m."courseId" = p."courseId" AND m."userId" = ${userId}
    LEFT JOIN "Variant" v ON v."itemId" = i."id" AND v."userId" = ${userId}
    WHERE i."id" = ${itemId}`);
  const r = rows[0];
  if (!r) return null;
  return {
    enrolled: r.memberId !== null && r.removedAt === null,
    published: studentsSee(r.setStatus),
    opensAt: date(r.opensAt),
    variant:
      r.id === null
        ? null
        : { id: String(r.id), itemId: String(r.itemId), userId: String(r.userId), seed: String(r.seed), exerciseJson: String(r.exerciseJson), practice: bool(r.practice), createdAt: date(r.createdAt)! },
  };
}

/** The dashboard's rows: the student's courses, their sets and items (no template bodies), in order. */
export async function dashboardRows(db: Db, userId: string) {
  const rows = await sqlAll<Record<string, unknown>>(db, Prisma.sql`
    SELECT c."id" AS "courseId", c."title" AS "courseTitle", c."timeZone", m."role",
      p."id" AS "setId", p."title" AS "setTitle", ${ruleColumns},
      i."id" AS "itemId", i."title" AS "itemTitle",${exceptionColumns}
    FROM "Membership" m
    JOIN "Course" c ON c."id" = m."courseId"
    LEFT JOIN "ProblemSet" p ON p."courseId" = c."id" AND p."status" = ${PUBLISHED}
    LEFT JOIN "ProblemSetItem" i ON i."problemSetId" = p."id"${exceptionJoins(userId)}
    WHERE m."userId" = ${userId} AND m."removedAt" IS NULL
    ORDER BY m."joinedAt" ASC, m."id" ASC, p."createdAt" ASC, p."id" ASC, i."position" ASC`);
  return rows.map((r) => ({
    courseId: String(r.courseId),
    courseTitle: String(r.courseTitle),
    role: String(r.role),
    setId: r.setId === null ? null : String(r.setId),
    setTitle: String(r.setTitle ?? ""),
    timeZone: String(r.timeZone ?? "UTC"),
    // The student's own rules (their exception laid over), and a score given by hand to the item.
    rules: r.setId === null ? null : studentSetRules(r),
    manual: manualScoreOf(r),
    itemId: r.itemId === null ? null : String(r.itemId),
    itemTitle: String(r.itemTitle ?? ""),
  }));
}

/** Per problem-set variant of the student: whether a draft exists, and each submission's latest score. */
export async function variantProgress(db: Db, userId: string) {
  const rows = await sqlAll<Record<string, unknown>>(db, Prisma.sql`
    SELECT v."itemId", d."id" AS "draftId", s."id" AS "submissionId", g."score", g."maxScore"
    FROM "Variant" v
    LEFT JOIN "Draft" d ON d."variantId" = v."id"
    LEFT JOIN "Submission" s ON s."variantId" = v."id"${latestGradeJoin}
    WHERE v."userId" = ${userId} AND v."practice" = ${false} AND v."itemId" IS NOT NULL`);
  const out = new Map<string, { draft: boolean; submissions: { grades: { score: number; maxScore: number }[] }[] }>();
  for (const r of rows) {
    const itemId = String(r.itemId);
    const v = out.get(itemId) ?? { draft: r.draftId !== null, submissions: [] };
    if (r.submissionId !== null) v.submissions.push({ grades: r.score === null ? [] : [{ score: num(r.score), maxScore: num(r.maxScore) }] });
    out.set(itemId, v);
  }
  return out;
}

/** The student's latest 50 submissions, newest first, with their latest score and the item's title. */
export async function recentSubmissions(db: Db, userId: string) {
  const rows = await sqlAll<Record<string, unknown>>(db, Prisma.sql`
    SELECT s."id", s."attempt", s."createdAt", v."itemId", i."title" AS "itemTitle", g."score", g."maxScore"
    FROM "Submission" s
    JOIN "Variant" v ON v."id" = s."variantId"
    LEFT JOIN "ProblemSetItem" i ON i."id" = v."itemId"${latestGradeJoin}
    WHERE s."userId" = ${userId}
    ORDER BY s."createdAt" DESC, s."id" DESC
    LIMIT 50`);
  return rows.map((r) => ({
    id: String(r.id),
    attempt: num(r.attempt),
    createdAt: date(r.createdAt)!,
    variant: { item: r.itemTitle === null ? null : { id: String(r.itemId), title: String(r.itemTitle) } },
    grades: r.score === null ? [] : [{ score: num(r.score), maxScore: num(r.maxScore) }],
  }));
}

/**
 * The student's own submission with its latest grade and its variant's rules, and what the reveal
 * rule asks (still enrolled, attempts used): one query. Null when it is not theirs.
 */
export async function studentSubmission(db: Db, userId: string, submissionId: string) {
  const rows = await sqlAll<Record<string, unknown>>(db, Prisma.sql`
    SELECT s."id", s."variantId", s."userId", s."attempt", s."answersJson", s."idempotencyKey", s."late", s."createdAt",
      g."gradeJson",
      v."practice", v."exerciseJson", v."itemId",
      i."title" AS "itemTitle",
      p."id" AS "setId", p."courseId", ${ruleColumns},
      m."id" AS "memberId", m."removedAt",
      (SELECT COUNT(*) FROM "Submission" c WHERE c."variantId" = s."variantId") AS "used",${exceptionColumns}
    FROM "Submission" s
    JOIN "Variant" v ON v."id" = s."variantId"${latestGradeJoin}
    LEFT JOIN "ProblemSetItem" i ON i."id" = v."itemId"
    LEFT JOIN "ProblemSet" p ON p."id" = i."problemSetId"
    LEFT JOIN "Membership" m ON m."courseId" = p."courseId" AND m."userId" = ${userId}${exceptionJoins(userId)}
    WHERE s."id" = ${submissionId}`);
  const r = rows[0];
  if (!r || r.userId !== userId) return null;
  const item =
    r.itemId === null
      ? null
      : {
          id: String(r.itemId),
          title: String(r.itemTitle),
          problemSet: studentSetRules(r),
          manualScore: manualScoreOf(r),
        };
  return {
    submission: {
      id: String(r.id),
      variantId: String(r.variantId),
      userId: String(r.userId),
      attempt: num(r.attempt),
      answersJson: String(r.answersJson),
      idempotencyKey: String(r.idempotencyKey),
      late: bool(r.late),
      createdAt: date(r.createdAt)!,
      variant: { id: String(r.variantId), userId: String(r.userId), practice: bool(r.practice), exerciseJson: String(r.exerciseJson), item },
    },
    gradeJson: r.gradeJson === null ? null : String(r.gradeJson),
    enrolled: r.itemId === null || (r.memberId !== null && r.removedAt === null),
    used: num(r.used),
  };
}
