// The grader's public entry point: read a submission (the contract's JSON), grade it.
import type { Network, Trace } from "../nn/types";
import { gradeValues, type Grade, type GradeOptions } from "./grade";
import { traceValues, type Values } from "./quantity-values";
import { readSubmission } from "./submission";

export type { Grade, GradeItem, GradeOptions, Verdict } from "./grade";
export { withLatePenalty } from "./grade";

/** A submission (the contract's JSON) read against the exercise's exact values. Throws InvalidInputError naming the cell. */
export function studentValues(net: Network, trace: Trace, submission: unknown, exact: Values = traceValues(trace)): Values {
  return readSubmission(submission, exact, net.layout, { steps: trace.steps.length, layers: net.layers.length });
}

/** Reads a submission and grades it against the exercise's exact trace. Throws InvalidInputError naming the cell. */
export function gradeSubmission(net: Network, trace: Trace, submission: unknown, opts: GradeOptions = {}): Grade {
  const exact = traceValues(trace);
  return gradeValues(net, trace, studentValues(net, trace, submission, exact), opts, exact);
}
