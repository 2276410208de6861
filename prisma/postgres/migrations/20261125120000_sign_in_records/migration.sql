-- CreateTable
CREATE TABLE "SignInRecord" (
    "email" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "lockedUntil" TIMESTAMP(3),

    CONSTRAINT "SignInRecord_pkey" PRIMARY KEY ("email")
);
