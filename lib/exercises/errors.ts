import type { Reason } from "../reasons";

/**
 * A malformed or inconsistent exercise, template or submission: names the file (when known) and
 * the key at fault. `why` is set when the detail has a reason code, for a translation.
 */
export class InvalidInputError extends Error {
  constructor(
    readonly key: string,
    readonly detail: string,
    readonly file?: string,
    readonly why?: Reason,
  ) {
    super([file, key, detail].filter(Boolean).join(": "));
    this.name = "InvalidInputError";
  }
}

/** Runs f, naming `file` in any InvalidInputError it throws. */
export function inFile<T>(file: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof InvalidInputError && !e.file) throw new InvalidInputError(e.key, e.detail, file, e.why);
    throw e;
  }
}

