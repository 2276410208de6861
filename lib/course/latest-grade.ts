// Which grade of a submission counts: its latest (a regrade's, once there is one), the newest by
// when it was graded and, for two graded in the same millisecond, by id. One rule for the plain SQL
// of the hot paths and for the ORM queries of the others, so both always pick the same grade
// (tests/fast-paths.test.ts checks them against each other).
import { Prisma } from "../db/generated/client";

/** The ORM's order for a submission's grades, latest first (take 1 for the latest). */
export const LATEST_GRADE_FIRST = [{ gradedAt: "desc" }, { id: "desc" }] satisfies Prisma.GradeOrderByWithRelationInput[];

/** `LEFT JOIN "Grade" g` on the latest grade of the submission aliased `s`, for plain SQL. */
export const latestGradeJoin = Prisma.sql`
    LEFT JOIN "Grade" g ON g."id" = (SELECT g2."id" FROM "Grade" g2 WHERE g2."submissionId" = s."id" ORDER BY g2."gradedAt" DESC, g2."id" DESC LIMIT 1)`;
