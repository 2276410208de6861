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

/** A header row: "name,email" in English or Japanese (or Korean), any case. */
export function isHeader(cells: string[]): boolean {
  const [name = "", email = ""] = cells.map((c) => c.trim());
  return /^(name|full ?name|氏名|名前|お名前|이름)$/i.test(name) && /^(e-?mail( address)?|メール|メールアドレス|電子メール|이메일)$/i.test(email);
}

/** Why a CSV row added nobody (worded per language in messages "teach.csv.<reason>"). */
export type CsvRejection = "columns" | "no_name" | "not_email" | "duplicate" | "instructor" | "staff" | "quote" | "formula" | "control";

export interface CsvReport {
  added: { line: number; name: string; email: string; initialPassword?: string }[];
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
}

const emailSchema = z.email().max(200);
/** How much of a refused line the report repeats. */
const SHOWN_TEXT = 200;

/** Why one line's cells cannot be a student, or null when they can. */
function rowProblem(cells: string[], seen: Set<string>): Pick<CsvReport["rejected"][number], "reason" | "email"> | null {
  const [name = "", email = "", ...rest] = cells.map((c) => c.trim());
  if (cells.some(looksLikeFormula)) return { reason: "formula" };
  if (cells.some(hasControl)) return { reason: "control" };
  if (rest.some((c) => c !== "")) return { reason: "columns" };
  if (!name) return { reason: "no_name" };
  if (!emailSchema.safeParse(email).success) return { reason: "not_email", email };
  if (seen.has(email.toLowerCase())) return { reason: "duplicate" };
  return null;
}

/**
 * The rows of a roster CSV "name,email" (a header row is optional): those to add, and those refused
 * with why, each under its line number in the file. Blank lines (or lines of empty cells, as Excel
 * leaves) are skipped but counted. No database.
 */
export function readRosterCsv(csv: string): { rows: CsvRow[]; rejected: CsvReport["rejected"] } {
  if (csv.length > MAX_CSV) throw tooLargeCsv();
  const body = csv.replace(/^\uFEFF/, "");
  checkDecoded(body);
  const rows: CsvRow[] = [];
  const rejected: CsvReport["rejected"] = [];
  const seen = new Set<string>();
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
    if (first && isHeader(split.cells)) {
      first = false;
      continue;
    }
    first = false;
    const problem = rowProblem(split.cells, seen);
    if (problem) {
      rejected.push({ line, text: shown, ...problem });
      continue;
    }
    const [name, email] = split.cells.map((c) => c.trim());
    seen.add(email.toLowerCase());
    rows.push({ line, text: shown, name: name.slice(0, 200), email: email.toLowerCase() });
  }
  return { rows, rejected };
}

/** A roster as uploaded (a file's bytes) or typed (a form's text): decoded, then read. */
export function readRosterInput(input: string | Uint8Array): ReturnType<typeof readRosterCsv> & { text: string } {
  const text = typeof input === "string" ? input : decodeRoster(input).text;
  return { ...readRosterCsv(text), text };
}
