-- Per-student exceptions, manual scores, a set's status (draft, published, hidden), removed students kept in statistics or not, grade-change notices.
-- CreateTable
CREATE TABLE "StudentException" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "problemSetId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "dueAt" DATETIME,
    "extraAttempts" INTEGER NOT NULL DEFAULT 0,
    "reason" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "StudentException_problemSetId_fkey" FOREIGN KEY ("problemSetId") REFERENCES "ProblemSet" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "StudentException_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ManualScore" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "itemId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "score" REAL NOT NULL,
    "maxScore" REAL NOT NULL,
    "reason" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ManualScore_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GradeNotice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "problemSetId" TEXT NOT NULL,
    "itemId" TEXT,
    "kind" TEXT NOT NULL,
    "before" REAL,
    "after" REAL,
    "maxScore" REAL,
    "reason" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "seenAt" DATETIME,
    CONSTRAINT "GradeNotice_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Membership" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'student',
    "joinedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removedAt" DATETIME,
    "countsInStats" BOOLEAN NOT NULL DEFAULT true,
    CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Membership_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Membership" ("courseId", "id", "joinedAt", "removedAt", "role", "userId") SELECT "courseId", "id", "joinedAt", "removedAt", "role", "userId" FROM "Membership";
DROP TABLE "Membership";
ALTER TABLE "new_Membership" RENAME TO "Membership";
CREATE INDEX "Membership_courseId_idx" ON "Membership"("courseId");
CREATE UNIQUE INDEX "Membership_userId_courseId_key" ON "Membership"("userId", "courseId");
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
    "status" TEXT NOT NULL DEFAULT 'published',
    CONSTRAINT "ProblemSet_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_ProblemSet" ("attemptsAllowed", "carriedCredit", "courseId", "createdAt", "dueAt", "id", "latePenalty", "latePolicy", "opensAt", "revealPolicy", "title") SELECT "attemptsAllowed", "carriedCredit", "courseId", "createdAt", "dueAt", "id", "latePenalty", "latePolicy", "opensAt", "revealPolicy", "title" FROM "ProblemSet";
DROP TABLE "ProblemSet";
ALTER TABLE "new_ProblemSet" RENAME TO "ProblemSet";
CREATE INDEX "ProblemSet_courseId_idx" ON "ProblemSet"("courseId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "StudentException_userId_idx" ON "StudentException"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "StudentException_problemSetId_userId_key" ON "StudentException"("problemSetId", "userId");

-- CreateIndex
CREATE INDEX "ManualScore_userId_idx" ON "ManualScore"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ManualScore_itemId_userId_key" ON "ManualScore"("itemId", "userId");

-- CreateIndex
CREATE INDEX "GradeNotice_userId_seenAt_idx" ON "GradeNotice"("userId", "seenAt");

