-- The end of a set's late window: late work (latePolicy "accept") is taken until then, or without end when null.
ALTER TABLE "ProblemSet" ADD COLUMN "lateUntil" TIMESTAMP(3);
