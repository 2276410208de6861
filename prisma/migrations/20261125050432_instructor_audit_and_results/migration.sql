-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "courseId" TEXT NOT NULL,
    "problemSetId" TEXT,
    "actorId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "detailJson" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AuditEvent_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "VariantResult" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "variantId" TEXT NOT NULL,
    "itemId" TEXT,
    "userId" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "bestScore" REAL NOT NULL,
    "latestScore" REAL NOT NULL,
    "maxScore" REAL NOT NULL,
    "firstDivergence" TEXT,
    "verdictsJson" TEXT NOT NULL,
    "firstOpenedAt" DATETIME NOT NULL,
    "lastSubmittedAt" DATETIME NOT NULL,
    CONSTRAINT "VariantResult_variantId_fkey" FOREIGN KEY ("variantId") REFERENCES "Variant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "AuditEvent_courseId_createdAt_idx" ON "AuditEvent"("courseId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_problemSetId_idx" ON "AuditEvent"("problemSetId");

-- CreateIndex
CREATE UNIQUE INDEX "VariantResult_variantId_key" ON "VariantResult"("variantId");

-- CreateIndex
CREATE INDEX "VariantResult_itemId_idx" ON "VariantResult"("itemId");

-- CreateIndex
CREATE INDEX "VariantResult_userId_idx" ON "VariantResult"("userId");

-- CreateIndex
CREATE INDEX "Submission_variantId_createdAt_idx" ON "Submission"("variantId", "createdAt");
