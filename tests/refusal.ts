// The InputError a cell reader throws, for tests that check why a cell was refused.
import { InputError } from "../lib/grading/parse";

export function refusal(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}
