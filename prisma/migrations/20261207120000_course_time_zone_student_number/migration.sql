-- A course's time zone (dates keep their instants: only how they are entered and shown changes).
ALTER TABLE "Course" ADD COLUMN "timeZone" TEXT NOT NULL DEFAULT 'UTC';
-- A student's registrar number in a course, unique within it (several students may have none).
ALTER TABLE "Membership" ADD COLUMN "studentNumber" TEXT;
CREATE UNIQUE INDEX "Membership_courseId_studentNumber_key" ON "Membership"("courseId", "studentNumber");
