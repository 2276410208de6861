// The files of a class's paper work as an instructor uploads them: many transcripts, or one zip of
// them, each named by the student's number or email ("2027A0001.md", "sato@uni.example.txt").
// Unpacked with fflate within fixed bounds (a zip bomb is refused by the sizes its directory
// declares, before anything is inflated), each file kept as text or with why it is not.
import { unzipSync } from "fflate";
import { BODY_LIMITS } from "../body-limits";
import { AppError } from "../errors";
import { MAX_TRANSCRIPT_BYTES, TranscriptRefused } from "../read";
import { transcriptText } from "../read/refuse";

/** At most this many transcripts in one upload (a class of 300, with room). */
export const MAX_PAPER_FILES = 1000;
/** An upload's bytes at most (zipped or not): what a form post may carry (lib/body-limits.ts), less its other fields. A class of 300 zipped is far under. */
export const MAX_PAPER_UPLOAD = BODY_LIMITS.serverAction - 64 * 1024;
/** What the transcripts of one upload may unpack to, together. */
const MAX_UNPACKED = 60 * 1024 * 1024;

export interface Upload {
  name: string;
  bytes: Uint8Array;
}

/** One transcript of the upload: its text, or why it cannot be read as one. */
export type PaperFile = { name: string; text: string } | { name: string; problem: "not_text" | "too_large" };

const TRANSCRIPT = /\.(md|markdown|tex|txt)$/i;
/** Folders and files a zip carries that are nobody's work (macOS metadata, hidden files). */
const JUNK = /(^|\/)(__MACOSX|\.[^/]*)(\/|$)/;

const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path;

function fileOf(name: string, bytes: Uint8Array): PaperFile {
  if (bytes.byteLength > MAX_TRANSCRIPT_BYTES) return { name, problem: "too_large" };
  try {
    return { name, text: transcriptText(bytes) };
  } catch (e) {
    if (e instanceof TranscriptRefused) return { name, problem: "not_text" };
    throw e;
  }
}

function unzipped(upload: Upload): PaperFile[] {
  let declared = 0;
  let count = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(upload.bytes, {
      filter: (f) => {
        if (f.name.endsWith("/") || JUNK.test(f.name) || !TRANSCRIPT.test(f.name)) return false;
        declared += f.originalSize;
        if (++count > MAX_PAPER_FILES || declared > MAX_UNPACKED) throw new AppError("PAYLOAD_TOO_LARGE", "the zip holds more than 1,000 transcripts or unpacks to more than 60 MB", { files: "too many" }, "errors.paperTooLarge");
        // A file the directory says is too big is reported, not inflated.
        return f.originalSize <= MAX_TRANSCRIPT_BYTES;
      },
    });
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError("INVALID_INPUT", `${upload.name} is not a zip file that can be read`, { files: "bad zip" }, "errors.paperBadZip");
  }
  return Object.entries(entries).map(([path, bytes]) => fileOf(baseName(path), bytes));
}

/** The transcripts of an upload, zips unpacked; bounded in count and size. */
export function paperFiles(uploads: Upload[]): PaperFile[] {
  const total = uploads.reduce((s, u) => s + u.bytes.byteLength, 0);
  if (total > MAX_PAPER_UPLOAD) throw new AppError("PAYLOAD_TOO_LARGE", "the upload is larger than 960 KB: zip the transcripts", { files: "too large" }, "errors.paperTooLarge");
  const files = uploads.flatMap((u) => (/\.zip$/i.test(u.name) ? unzipped(u) : [fileOf(baseName(u.name), u.bytes)]));
  if (files.length > MAX_PAPER_FILES) throw new AppError("PAYLOAD_TOO_LARGE", "more than 1,000 transcripts in one upload", { files: "too many" }, "errors.paperTooLarge");
  if (!files.length) throw new AppError("INVALID_INPUT", "no transcript in the upload (.md, .tex or .txt files, or a zip of them)", { files: "empty" }, "errors.paperEmpty");
  return files;
}

/** The student a file names: its name without the extension, as a student number or an email. */
export const studentKeyOf = (fileName: string) => fileName.replace(/\.[^.]*$/, "").normalize("NFKC").trim().toLowerCase();
