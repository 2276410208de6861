// The transcripts `read` refuses outright: over 200 KB, or not text (a NUL byte, invalid UTF-8).

/** The largest transcript read, in bytes of UTF-8: a page of hand calculation is a few kilobytes. */
export const MAX_TRANSCRIPT_BYTES = 200 * 1024;

/** Why a transcript is refused, for a translated message: over 200 KB, a NUL byte, not UTF-8. */
export type RefusalCode = "too_large" | "nul_byte" | "not_utf8";

/** A transcript that is not read at all; the message says why, in one line (in English; `code` for others). */
export class TranscriptRefused extends Error {
  constructor(
    reason: string,
    readonly code: RefusalCode,
  ) {
    super(reason);
    this.name = "TranscriptRefused";
  }
}

/** The transcript as text, or a refusal: bytes are decoded strictly, a string is checked for the same things. */
export function transcriptText(input: string | Uint8Array): string {
  const text = typeof input === "string" ? checkedString(input) : decoded(input);
  if (text.includes("\u0000")) throw new TranscriptRefused("not text (it contains a NUL byte)", "nul_byte");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Refuses a transcript of this many bytes before it is read, if it is over the limit. */
export function checkTranscriptSize(bytes: number): void {
  if (bytes > MAX_TRANSCRIPT_BYTES) throw tooLarge();
}

function decoded(bytes: Uint8Array): string {
  checkTranscriptSize(bytes.length);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new TranscriptRefused("not text (it is not valid UTF-8)", "not_utf8");
  }
}

function checkedString(text: string): string {
  const { bytes, wellFormed } = utf8Size(text);
  if (bytes > MAX_TRANSCRIPT_BYTES) throw tooLarge();
  if (!wellFormed) throw new TranscriptRefused("not text (it holds a lone surrogate, which is not valid UTF-8)", "not_utf8");
  return text;
}

const isHigh = (c: number) => c >= 0xd800 && c < 0xdc00;
const isLow = (c: number) => c >= 0xdc00 && c < 0xe000;

/** Bytes of the UTF-8 encoding, counted without encoding, and whether every surrogate is paired. */
function utf8Size(text: string): { bytes: number; wellFormed: boolean } {
  let bytes = 0;
  let wellFormed = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isHigh(c) && isLow(text.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else {
      if (isHigh(c) || isLow(c)) wellFormed = false;
      bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    }
    if (bytes > MAX_TRANSCRIPT_BYTES) break;
  }
  return { bytes, wellFormed };
}

const tooLarge = () => new TranscriptRefused(`transcript is over 200 KB (more than ${MAX_TRANSCRIPT_BYTES} bytes)`, "too_large");
