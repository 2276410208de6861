// What the parts of the answer form share: its props and words, the ids of its cells, and the small rules of saving and submitting.
import type { Cells, Times } from "@/lib/course/draft-merge";

export interface QuantityField {
  path: string;
  labelHtml: string;
  labelText: string;
  rows: number;
  cols: number;
  /** The grid shows the contract's matrix transposed (column layout). */
  transpose: boolean;
  group: string;
}

export interface AnswerFormText {
  save: string; saving: string; saved: string; saveFailed: string; saveRetrying: string; submitRetrying: string; submit: string; submitting: string;
  confirmSubmit: string; confirmPartial: string; nothingEntered: string; paste: string; pasteHint: string; pasteApply: string; previewEmpty: string;
  sessionExpired: string; signInAgain: string; attemptsLeft: string; cellLabel: string; submitError: string; offline: string;
}

/** Words of the newer parts of the form (named unreadable cells, the keys, entries from elsewhere). */
export interface EntryNotes {
  unreadable: string;
  keys: string;
  pulled: string;
}

export interface AnswerFormProps {
  variantId: string;
  fields: QuantityField[];
  /** The saved draft in the contract's shape, when each cell was typed (server clock), and the server's now when the page was made. */
  initial: Cells;
  initialTimes?: Times;
  serverNow?: number;
  text: AnswerFormText;
  notes: EntryNotes;
  attemptsLeft: number;
  signInUrl: string;
  /** The words of "paste your written solution" (absent: the form has none). */
  transcript?: import("./transcript-box").TranscriptText;
}

/** The grids' texts, as shown, by quantity path. */
export type Answers = Record<string, string[][]>;

/** The form-wide notice: the session ended, or a submit got no answer. */
export type Banner = "expired" | "error" | null;

/** Pause before retry number `n` (1, 2, ...): 1 s doubling up to `max`, with ±25% jitter so that a class of browsers does not retry in step. */
export const backoff = (n: number, max = 30_000) => Math.min(max, 1000 * 2 ** (n - 1)) * (0.75 + Math.random() * 0.5);
/** Answers worth retrying with the same request: no answer at all, a server error or a proxy's (502/503/504), a time-out. */
export const transient = (status: number | null) => status === null || status >= 500 || status === 408 || status === 429;

/** The record without the keys `drop` names. */
export const without = <T,>(r: Record<string, T>, drop: (key: string) => boolean) => Object.fromEntries(Object.entries(r).filter(([key]) => !drop(key)));

export const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ""));

/** The id of a cell's input: quantity `f`, row `i`, column `j` of the grid as shown. */
export const cellIdOf = (variantId: string, f: number, i: number, j: number) => `cell-${variantId}-${f}-${i}-${j}`;
