-- Sessions revocable: every token carries the version it was issued under.
ALTER TABLE "User" ADD COLUMN "sessionVersion" INTEGER NOT NULL DEFAULT 0;

-- The sign-in throttle now keys its counts by account and address, address, or account (not by
-- email alone). Its rows are short-lived counts: they are dropped, not converted.
DROP TABLE "SignInRecord";
CREATE TABLE "SignInRecord" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "lockedUntil" TIMESTAMP(3),

    CONSTRAINT "SignInRecord_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "OneTimeMessage" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "payloadJson" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OneTimeMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OneTimeMessage_userId_sessionId_topic_idx" ON "OneTimeMessage"("userId", "sessionId", "topic");

-- CreateIndex
CREATE INDEX "OneTimeMessage_expiresAt_idx" ON "OneTimeMessage"("expiresAt");

-- AddForeignKey
ALTER TABLE "OneTimeMessage" ADD CONSTRAINT "OneTimeMessage_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
