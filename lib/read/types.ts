// What `read` prints (the contract's reading) and the small types its stages hand each other.
import type { LayerKey } from "../exercises/quantities";

/** A cell as the student wrote it, in the cell syntax the grader reads: a JSON number or a string. */
export type Cell = number | string;

/** One layer's quantities: matrices of cells, flat lists for dB and B_new. */
export type LayerReading = Partial<Record<LayerKey, Cell[][] | Cell[]>>;

/** The contract's submission shape (any subset of a solution's keys). */
export interface SubmissionReading {
  steps?: { loss?: Cell; layers: LayerReading[] }[];
  loss_after?: Cell;
}

/** Where a placed quantity was read. */
export interface Source {
  path: string;
  line: number;
  text: string;
}

/** A math line that holds numbers the reader could not place. */
export interface Unread {
  line: number;
  text: string;
}

export interface Reading {
  submission: SubmissionReading;
  sources: Source[];
  unread: Unread[];
}

/** A value read off the page before it is fitted to a quantity: rows of cells (each its TeX as written), or one number. */
export interface Value {
  rows: string[][];
  /** Written as a single number (not a matrix). */
  scalar: boolean;
}
