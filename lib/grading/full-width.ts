// What a Japanese (or Chinese, Korean) input method types into a cell: full-width digits and signs
// (１．５, －０.２５, ３／４, ｅ＾２), the ideographic full stop 。 and comma 、, the full-width space,
// and the long-vowel mark ー typed where a minus was meant. Each is mapped to the ASCII character a
// student meant, the way Unicode's NFKC maps the full-width block, and nothing else is touched:
// one pass over the text, linear in its length (a cell is at most 200 characters, a paste 20,000).

const ASCII_ONLY = /^[\x00-\x7F]*$/;
/** The full-width forms of ASCII ！ … ～ (U+FF01–FF5E) lie 0xFEE0 above them. */
const FULL_WIDTH_ASCII = /[\uFF01-\uFF5E]/g;
const FULL_WIDTH_OFFSET = 0xfee0;
/** 。 between two digits (after widening) is a decimal point: "１。５" → "1.5". */
const STOP_BETWEEN_DIGITS = /(?<=\d)\u3002(?=\d)/g;
/** 。 at the very end is the end of a sentence, not part of the number. */
const TRAILING_STOP = /\u3002+\s*$/;
/** ー (U+30FC) or ｰ (U+FF70) before a number or a parenthesis is a minus typed in kana mode. */
const KANA_MINUS = /[\u30FC\uFF70](?=[\d.(])/g;

/**
 * `text` with the full-width ASCII block, the ideographic space and the kana minus in ASCII.
 * 。 becomes "." only between digits (elsewhere it stays, and the reader says why it cannot read
 * it); 、 becomes ",", which a cell refuses as a decimal comma and a pasted matrix reads as a
 * separator between cells.
 */
export function toHalfWidth(text: string): string {
  // Nearly every cell is plain ASCII: nothing to map, and no six passes over it.
  if (ASCII_ONLY.test(text)) return text;
  return text
    .replace(FULL_WIDTH_ASCII, (c) => String.fromCharCode(c.charCodeAt(0) - FULL_WIDTH_OFFSET))
    .replace(/\u3000/g, " ")
    .replace(/\u3001/g, ",")
    .replace(KANA_MINUS, "-")
    .replace(STOP_BETWEEN_DIGITS, ".")
    .replace(TRAILING_STOP, "");
}

/** Whether `text` holds a character this module would map (so a message may name what was typed). */
export function hasFullWidth(text: string): boolean {
  return /[\uFF01-\uFF5E\u3000-\u3002\u30FC\uFF70]/.test(text);
}
