/** A malformed or inconsistent exercise, template or submission: names the file (when known) and the key at fault. */
export class InvalidInputError extends Error {
  constructor(
    readonly key: string,
    readonly detail: string,
    readonly file?: string,
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
    if (e instanceof InvalidInputError && !e.file) throw new InvalidInputError(e.key, e.detail, file);
    throw e;
  }
}
