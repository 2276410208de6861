// The grader's public entry point: read a submission (the contract's JSON), grade it.
import type { Network, Trace } from "../nn/types";
import { gradeValues, type Grade, type GradeOptions } from "./grade";
import { traceValues } from "./quantity-values";
import { readSubmission } from "./submission";

export type { Grade, GradeItem, GradeOptions, Verdict } from "./grade";
export { withLatePenalty } from "./grade";

/** Reads a submission and grades it against the exercise's exact trace. Throws InvalidInputError naming the cell. */
export function gradeSubmission(net: Network, trace: Trace, submission: unknown, opts: GradeOptions = {}): Grade {
  const exact = traceValues(trace);
  const student = readSubmission(submission, exact, net.layout, { steps: trace.steps.length, layers: net.layers.length });
  return gradeValues(net, trace, student, opts, exact);
}
