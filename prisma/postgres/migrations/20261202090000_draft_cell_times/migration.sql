-- When each draft cell was last typed (server time, ms), for newest-wins merging per cell.
ALTER TABLE "Draft" ADD COLUMN "cellTimesJson" TEXT NOT NULL DEFAULT '{}';
