-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ProblemSet" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "courseId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "opensAt" DATETIME,
    "dueAt" DATETIME,
    "attemptsAllowed" INTEGER NOT NULL DEFAULT 3,
    "revealPolicy" TEXT NOT NULL DEFAULT 'after_last_attempt_or_due',
    "carriedCredit" REAL NOT NULL DEFAULT 1,
    "latePolicy" TEXT NOT NULL DEFAULT 'refuse',
    "latePenalty" REAL NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProblemSet_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_ProblemSet" ("attemptsAllowed", "carriedCredit", "courseId", "createdAt", "dueAt", "id", "opensAt", "revealPolicy", "title") SELECT "attemptsAllowed", "carriedCredit", "courseId", "createdAt", "dueAt", "id", "opensAt", "revealPolicy", "title" FROM "ProblemSet";
DROP TABLE "ProblemSet";
ALTER TABLE "new_ProblemSet" RENAME TO "ProblemSet";
CREATE INDEX "ProblemSet_courseId_idx" ON "ProblemSet"("courseId");
CREATE TABLE "new_Submission" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "variantId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "answersJson" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Submission_variantId_fkey" FOREIGN KEY ("variantId") REFERENCES "Variant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Submission_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Submission" ("answersJson", "attempt", "createdAt", "id", "idempotencyKey", "userId", "variantId") SELECT "answersJson", "attempt", "createdAt", "id", "idempotencyKey", "userId", "variantId" FROM "Submission";
DROP TABLE "Submission";
ALTER TABLE "new_Submission" RENAME TO "Submission";
CREATE UNIQUE INDEX "Submission_idempotencyKey_key" ON "Submission"("idempotencyKey");
CREATE INDEX "Submission_userId_idx" ON "Submission"("userId");
CREATE INDEX "Submission_variantId_createdAt_idx" ON "Submission"("variantId", "createdAt");
CREATE UNIQUE INDEX "Submission_variantId_attempt_key" ON "Submission"("variantId", "attempt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
