// What the course's CSV exports share: which sets they cover (the published ones unless the
// instructor asks for all), the students with their registrar numbers, and the file's form (a
// byte-order mark and CRLF so spreadsheets open Japanese names, formula-looking cells escaped).
import Papa from "papaparse";
import type { Db } from "../access";

/** Which sets an export covers: those students see ("published", the default) or every one (drafts and hidden sets too). */
export type ExportedSets = "published" | "all";
export const isExportedSets = (x: unknown): x is ExportedSets => x === "published" || x === "all";

/** The sets of an export, oldest first, with their exercises in order. */
export function exportedSets(db: Db, courseId: string, which: ExportedSets = "published") {
  return db.problemSet.findMany({
    where: { courseId, ...(which === "published" ? { status: "published" } : {}) },
    include: { items: { orderBy: { position: "asc" } } },
    orderBy: { createdAt: "asc" },
  });
}

/** The course's students (removed ones too, marked), with the number the registrar gave each. */
export async function exportedStudents(db: Db, courseId: string) {
  const members = await db.membership.findMany({
    where: { courseId, role: "student" },
    select: { userId: true, removedAt: true, studentNumber: true, user: { select: { name: true, email: true } } },
    orderBy: { joinedAt: "asc" },
  });
  return members.map((m) => ({ userId: m.userId, name: m.user.name, email: m.user.email, studentNumber: m.studentNumber ?? "", status: m.removedAt ? "removed" : "enrolled" }));
}

/** The CSV file of a header and rows, as every export writes it. */
export const csvFile = (rows: string[][]): string => "\uFEFF" + Papa.unparse(rows, { newline: "\r\n", escapeFormulae: true }) + "\r\n";
