// Reading a roster CSV as instructors have it: bytes in UTF-8 (with or without a byte-order mark)
// or in Shift_JIS/CP932 (what Excel writes for "CSV" on a Japanese Windows), decoded here or refused
// with how to save it as UTF-8, so a name is never stored as mojibake. Rows are the file's physical
// lines, numbered as an editor numbers them (blank lines count), and each line is one row: a quote
// left open at a line's end makes that row malformed instead of swallowing the next line.
import iconv from "iconv-lite";
import { z } from "zod";
import { AppError } from "../errors";

/** The largest roster accepted, in bytes (and in characters once decoded). */
export const MAX_CSV = 200_000;

export type RosterEncoding = "utf-8" | "cp932";

/** Refused before any row is read: the file is in neither encoding (its message says how to save it as "CSV UTF-8"). */
const undecodable = (why: string) => new AppError("INVALID_INPUT", `the CSV cannot be read: ${why}`, { csv: why }, "errors.csvEncoding");

export const tooLargeCsv = () => new AppError("INVALID_INPUT", "the CSV is larger than 200 KB", { csv: "larger than 200 KB" }, "formError.csvTooLarge");

const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((b, i) => bytes[i] === b);
const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** Strict UTF-8: null when any byte sequence is not UTF-8. */
function utf8OrNull(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * The text of a roster file and the encoding it was in. UTF-8 is tried first (a Shift_JIS file of
 * Japanese text is practically never valid UTF-8); otherwise CP932, Microsoft's Shift_JIS, which
 * Excel writes. Anything that still decodes to a replacement character (U+FFFD), a NUL (UTF-16
 * files) or is marked as UTF-16 is refused.
 */
export function decodeRoster(bytes: Uint8Array): { text: string; encoding: RosterEncoding } {
  if (bytes.byteLength > MAX_CSV) throw tooLargeCsv();
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) throw undecodable("UTF-16");
  const bom = startsWith(bytes, UTF8_BOM);
  const utf8 = utf8OrNull(bom ? bytes.subarray(UTF8_BOM.length) : bytes);
  if (bom && utf8 === null) throw undecodable("marked as UTF-8 but it is not");
  const decoded = utf8 !== null ? { text: utf8, encoding: "utf-8" as const } : { text: iconv.decode(Buffer.from(bytes), "cp932"), encoding: "cp932" as const };
  checkDecoded(decoded.text);
  return decoded;
}

/** Text that a decoder already spoilt (U+FFFD, pasted mojibake) or a UTF-16 file read as bytes (NULs): refused whole. */
function checkDecoded(text: string): void {
  if (text.includes("\uFFFD")) throw undecodable("neither UTF-8 nor Shift_JIS");
  if (text.includes("\u0000")) throw undecodable("it holds NUL characters (UTF-16?)");
}

/** A physical line split into cells, or why it cannot be. */
export type LineCells = { cells: string[] } | { malformed: "quote" };

/**
 * One line's cells, RFC 4180 style within the line: a cell may be quoted ("Smith, Jo"), a quote
 * inside a quoted cell is doubled. A quote left open, text after a closing quote, or a quote inside
 * an unquoted cell make the line malformed; no cell ever continues on the next line.
 */
export function splitLine(line: string): LineCells {
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    while (line[i] === " " || line[i] === "\t") i++;
    if (line[i] === '"') {
      let cell = "";
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) return { malformed: "quote" };
        cell += line.slice(i, q);
        if (line[q + 1] === '"') {
          cell += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      while (line[i] === " " || line[i] === "\t") i++;
      if (i < line.length && line[i] !== ",") return { malformed: "quote" };
      cells.push(cell);
    } else {
      const end = line.indexOf(",", i);
      const cell = line.slice(i, end < 0 ? line.length : end);
      if (cell.includes('"')) return { malformed: "quote" };
      cells.push(cell);
      i = end < 0 ? line.length : end;
    }
    if (i >= line.length) return { cells };
    i++; // the comma
  }
}

/**
 * A cell a spreadsheet would run as a formula (=, +, - or @ first, as OWASP's "CSV injection"
 * lists): refused, since the name would later be exported and opened in Excel.
 */
export const looksLikeFormula = (cell: string) => /^\s*[=+\-@]/.test(cell);

/** A malformed line that holds a formula is reported as the formula it is (=HYPERLINK("…","click")). */
export const lineHasFormula = (line: string) => line.split(",").some(looksLikeFormula);

/** Control characters other than tab (C0, DEL, C1): a sign of a wrong encoding or a crafted file. */
export const hasControl = (cell: string) => /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/.test(cell);

/** The file's physical lines, numbered from 1 as an editor shows them (CRLF, LF or a lone CR ends one). */
export const physicalLines = (text: string): { line: number; text: string }[] => text.split(/\r\n|\n|\r/).map((t, i) => ({ line: i + 1, text: t }));

/** The columns a roster may have, each recognised by its header in English, Japanese or Korean (any case, any order). */
export type RosterColumn = "name" | "email" | "number";
const HEADERS: Record<RosterColumn, RegExp> = {
  name: /^(name|full ?name|student name|氏名|名前|お名前|学生氏名|이름|성명)$/i,
  email: /^(e-?mail( address)?|mail|メール|メールアドレス|電子メール|e-?mail ?アドレス|이메일|이메일 ?주소)$/i,
  number: /^(student ?(number|no\.?|id)|id|number|学籍番号|学生番号|学籍no\.?|학번|학생 ?번호)$/i,
};

/** The column a header cell names, or null. */
const columnOf = (cell: string): RosterColumn | null => (Object.keys(HEADERS) as RosterColumn[]).find((c) => HEADERS[c].test(cell.trim().replace(/^\uFEFF/, ""))) ?? null;

/** Where each column is: from a header row, or the plain "name,email" of a file without one. */
export interface RosterLayout {
  name: number;
  email: number;
  number?: number;
  /** How many cells a row has (more, non-empty, is refused). */
  width: number;
}

const PLAIN: RosterLayout = { name: 0, email: 1, width: 2 };

/**
 * The columns a header row names, or null when the row is not a header (no cell is a known header).
 * A header that names some known columns but not both name and email, or one twice, is refused for
 * the whole file, saying what was found and what is expected.
 */
export function headerLayout(cells: string[]): RosterLayout | null {
  const found = cells.map(columnOf);
  if (found.every((c) => c === null)) return null;
  const at = (c: RosterColumn) => found.indexOf(c);
  const twice = (["name", "email", "number"] as RosterColumn[]).some((c) => found.filter((f) => f === c).length > 1);
  if (at("name") < 0 || at("email") < 0 || twice) throw wrongShape(cells);
  return { name: at("name"), email: at("email"), ...(at("number") >= 0 ? { number: at("number") } : {}), width: cells.length };
}

/** A header row ("name,email", "学籍番号,氏名,メールアドレス", …). */
export const isHeader = (cells: string[]): boolean => {
  try {
    return headerLayout(cells) !== null;
  } catch {
    return false;
  }
};

/** The whole file refused: its first line's columns are not a roster's. */
function wrongShape(cells: string[]): AppError {
  const found = cells.map((c) => c.trim()).filter(Boolean).slice(0, 12).join(", ").slice(0, 300);
  return new AppError(
    "INVALID_INPUT",
    `the CSV's columns are not a roster's: found "${found}", expected name and email (and optionally a student number), by header or as "name,email"`,
    { CSV: { code: "rosterFound", params: { found } } },
    "errors.rosterShape",
  );
}

/** Why a CSV row added nobody (worded per language in messages "teach.csv.<reason>"). */
export type CsvRejection = "columns" | "no_name" | "not_email" | "duplicate" | "duplicate_number" | "bad_number" | "number_taken" | "instructor" | "staff" | "quote" | "formula" | "control";

export interface CsvReport {
  added: { line: number; name: string; email: string; studentNumber?: string; initialPassword?: string }[];
  /** Rows of students already enrolled (and not removed): nothing to do, not counted as added. Absent in reports kept before it existed. */
  already?: { line: number; name: string; email: string }[];
  rejected: { line: number; text: string; reason: CsvRejection; email?: string }[];
}

export interface CsvRow {
  /** The file's own line number. */
  line: number;
  /** The row as written. */
  text: string;
  name: string;
  /** Lower-cased. */
  email: string;
  /** The registrar's number, when the file has that column (stored per course). */
  studentNumber?: string;
}

const emailSchema = z.email().max(200);
/** How much of a refused line the report repeats. */
const SHOWN_TEXT = 200;

/** A student number as registrars write them: letters, digits and - _ . /, at most 32. */
const NUMBER = /^[\p{L}\p{N}][\p{L}\p{N}\-_./]{0,31}$/u;

/** One line's cells in the layout's columns. */
function cellsOf(cells: string[], layout: RosterLayout) {
  const trimmed = cells.map((c) => c.trim());
  const used = new Set([layout.name, layout.email, ...(layout.number === undefined ? [] : [layout.number])]);
  return {
    name: trimmed[layout.name] ?? "",
    email: trimmed[layout.email] ?? "",
    number: layout.number === undefined ? undefined : (trimmed[layout.number] ?? ""),
    // Cells beyond the layout's (a file without a header has exactly two).
    extra: trimmed.filter((c, i) => !used.has(i) && (i >= layout.width || layout === PLAIN) && c !== ""),
  };
}

/** Why one line's cells cannot be a student, or null when they can. */
function rowProblem(cells: string[], layout: RosterLayout, seen: Set<string>, numbers: Set<string>): Pick<CsvReport["rejected"][number], "reason" | "email"> | null {
  const { name, email, number, extra } = cellsOf(cells, layout);
  if (cells.some(looksLikeFormula)) return { reason: "formula" };
  if (cells.some(hasControl)) return { reason: "control" };
  if (extra.length) return { reason: "columns" };
  if (!name) return { reason: "no_name" };
  if (!emailSchema.safeParse(email).success) return { reason: "not_email", email };
  if (seen.has(email.toLowerCase())) return { reason: "duplicate" };
  if (number !== undefined && number !== "" && !NUMBER.test(number)) return { reason: "bad_number" };
  if (number && numbers.has(number)) return { reason: "duplicate_number" };
  return null;
}

/**
 * The rows of a roster CSV: "name,email" without a header, or any columns named by a header row
 * (a registrar's 学籍番号,氏名,メールアドレス), those to add and those refused with why, each under
 * its line number in the file. Blank lines (or lines of empty cells, as Excel leaves) are skipped
 * but counted. A file whose first row is neither a roster's header nor a student of two columns is
 * refused whole, with one message (never one per line). No database.
 */
export function readRosterCsv(csv: string): { rows: CsvRow[]; rejected: CsvReport["rejected"] } {
  if (csv.length > MAX_CSV) throw tooLargeCsv();
  const body = csv.replace(/^\uFEFF/, "");
  checkDecoded(body);
  const rows: CsvRow[] = [];
  const rejected: CsvReport["rejected"] = [];
  const seen = new Set<string>();
  const numbers = new Set<string>();
  let layout: RosterLayout = PLAIN;
  let first = true;
  for (const { line, text } of physicalLines(body)) {
    if (text.trim() === "") continue;
    const split = splitLine(text);
    const shown = text.slice(0, SHOWN_TEXT);
    if ("malformed" in split) {
      first = false;
      rejected.push({ line, text: shown, reason: lineHasFormula(text) ? "formula" : split.malformed });
      continue;
    }
    if (split.cells.every((c) => c.trim() === "")) continue;
    if (first) {
      first = false;
      const header = headerLayout(split.cells);
      if (header) {
        layout = header;
        continue;
      }
      // No header: the plain two columns. A first row of more cells and no email address in any is
      // the header of another kind of file (columns this reader does not know): refused whole.
      const filled = split.cells.map((c) => c.trim()).filter(Boolean);
      if (filled.length > 2 && !filled.some((c) => emailSchema.safeParse(c).success)) throw wrongShape(split.cells);
    }
    const problem = rowProblem(split.cells, layout, seen, numbers);
    if (problem) {
      rejected.push({ line, text: shown, ...problem });
      continue;
    }
    const { name, email, number } = cellsOf(split.cells, layout);
    seen.add(email.toLowerCase());
    if (number) numbers.add(number);
    rows.push({ line, text: shown, name: name.slice(0, 200), email: email.toLowerCase(), ...(number ? { studentNumber: number } : {}) });
  }
  return { rows, rejected };
}

/** A roster as uploaded (a file's bytes) or typed (a form's text): decoded, then read. */
export function readRosterInput(input: string | Uint8Array): ReturnType<typeof readRosterCsv> & { text: string } {
  const text = typeof input === "string" ? input : decodeRoster(input).text;
  return { ...readRosterCsv(text), text };
}
