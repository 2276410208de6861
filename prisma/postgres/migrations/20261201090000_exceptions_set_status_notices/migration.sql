-- Per-student exceptions, manual scores, a set's status (draft, published, hidden), removed students kept in statistics or not, grade-change notices.
-- AlterTable
ALTER TABLE "Membership" ADD COLUMN "countsInStats" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "ProblemSet" ADD COLUMN "status" TEXT NOT NULL DEFAULT 'published';

-- CreateTable
CREATE TABLE "StudentException" (
    "id" TEXT NOT NULL,
    "problemSetId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3),
    "extraAttempts" INTEGER NOT NULL DEFAULT 0,
    "reason" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StudentException_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ManualScore" (
    "id" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "maxScore" DOUBLE PRECISION NOT NULL,
    "reason" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ManualScore_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GradeNotice" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "problemSetId" TEXT NOT NULL,
    "itemId" TEXT,
    "kind" TEXT NOT NULL,
    "before" DOUBLE PRECISION,
    "after" DOUBLE PRECISION,
    "maxScore" DOUBLE PRECISION,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "seenAt" TIMESTAMP(3),

    CONSTRAINT "GradeNotice_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "StudentException" ADD CONSTRAINT "StudentException_problemSetId_fkey" FOREIGN KEY ("problemSetId") REFERENCES "ProblemSet"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StudentException" ADD CONSTRAINT "StudentException_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ManualScore" ADD CONSTRAINT "ManualScore_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GradeNotice" ADD CONSTRAINT "GradeNotice_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
