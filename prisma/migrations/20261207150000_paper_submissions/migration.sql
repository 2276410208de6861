-- Paper work: an attempt read from a hand calculation keeps its source and the transcript it was read from.
ALTER TABLE "Submission" ADD COLUMN "source" TEXT NOT NULL DEFAULT 'web';
ALTER TABLE "Submission" ADD COLUMN "transcript" TEXT;
