// Results per attempt as CSV, for instructors who analyse in a spreadsheet or R: one row per
// student, exercise and attempt (its latest grade: a regrade's when there is one), with the time
// in ISO 8601 with the course's offset (2027-01-15T23:58:00+09:00), the first divergence in the
// lecture's notation and every misconception the grader named. Same sets, students and file
// conventions as the grades export (lib/teach/csv-out.ts).
import { LATEST_GRADE_FIRST } from "../course/latest-grade";
import type { Grade } from "../grading";
import { plainName } from "../grading/names";
import type { ActorRef } from "../access";
import { courseViewableBy, type Db } from "../access";
import { templateLayout } from "../exercises/template";
import { isoInZone } from "../time";
import { csvFile, exportedSets, exportedStudents, type ExportedSets } from "./csv-out";
import { zoneOfCourse } from "./courses";

export const ATTEMPT_COLUMNS = ["student", "email", "student_number", "status", "set", "exercise", "attempt", "submitted_at", "late", "score", "max", "first_divergence", "misconceptions"] as const;

/** Submissions read per query: the grade JSON is the bulk, so a large class is read in pieces. */
const BATCH = 2000;

/** The misconception ids a grade names, each once, in computation order. */
export function misconceptionsOf(gradeJson: string): string[] {
  const grade = JSON.parse(gradeJson) as Grade;
  return [...new Set(grade.items.flatMap((i) => (i.misconception ? [i.misconception] : [])))];
}

export async function attemptsCsv(db: Db, actor: ActorRef, courseId: string, which: ExportedSets = "published"): Promise<string> {
  await courseViewableBy(db, actor, courseId);
  const sets = await exportedSets(db, courseId, which);
  const zone = await zoneOfCourse(db, courseId);
  const student = new Map((await exportedStudents(db, courseId)).map((m) => [m.userId, m]));
  const itemOf = new Map(sets.flatMap((s, k) => s.items.map((i) => [i.id, { set: s.title, setOrder: k, title: i.title, position: i.position, layout: templateLayout(i.templateJson) }] as const)));
  type Row = { sortKey: [string, number, number, number]; cells: string[] };
  const rows: Row[] = [];
  let cursor: string | undefined;
  for (;;) {
    const batch = await db.submission.findMany({
      where: { variant: { itemId: { in: [...itemOf.keys()] } }, userId: { in: [...student.keys()] } },
      orderBy: { id: "asc" },
      take: BATCH,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: { id: true, userId: true, attempt: true, createdAt: true, late: true, variant: { select: { itemId: true } }, grades: { orderBy: LATEST_GRADE_FIRST, take: 1, select: { score: true, maxScore: true, firstDivergence: true, gradeJson: true } } },
    });
    if (!batch.length) break;
    cursor = batch[batch.length - 1].id;
    for (const s of batch) {
      const who = student.get(s.userId)!;
      const item = itemOf.get(s.variant.itemId!)!;
      const g = s.grades[0];
      rows.push({
        sortKey: [who.name, item.setOrder, item.position, s.attempt],
        cells: [
          who.name,
          who.email,
          who.studentNumber,
          who.status,
          item.set,
          item.title,
          String(s.attempt),
          isoInZone(s.createdAt, zone),
          s.late ? "yes" : "no",
          g ? String(g.score) : "",
          g ? String(g.maxScore) : "",
          g?.firstDivergence ? plainName(g.firstDivergence, item.layout) : "",
          g ? misconceptionsOf(g.gradeJson).join(" ") : "",
        ],
      });
    }
  }
  // By student, then set, exercise and attempt, as one reads a gradebook.
  rows.sort((a, b) => a.sortKey[0].localeCompare(b.sortKey[0]) || a.sortKey[1] - b.sortKey[1] || a.sortKey[2] - b.sortKey[2] || a.sortKey[3] - b.sortKey[3]);
  return csvFile([[...ATTEMPT_COLUMNS], ...rows.map((r) => r.cells)]);
}
