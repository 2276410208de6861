// Why a typed cell cannot be read: one code per reason, with its English wording. The CLI prints
// the English; the web app shows the same reason in the reader's language (messages "reason.<code>",
// whose English is this table).
import { wording, type Reason as AnyReason, type ReasonParams } from "../reasons";

export type { ReasonParams };

export const INPUT_REASONS = {
  too_large: "'{{text}}' is too large (more than 1e15)",
  divides_by_zero: "'{{text}}' divides by zero",
  negative_fractional_power: "'{{text}}': a negative number to a fractional power",
  too_deep: "'{{text}}' is nested too deeply",
  not_a_number: "'{{text}}' is not a number",
  unknown_name: "unknown name '{{name}}' (numbers, + − * / ^, e, pi, exp, ln, sqrt only)",
  operator_not_allowed: "'{{text}}': the operator '{{op}}' is not allowed",
  function_not_allowed: "'{{text}}': the function '{{name}}' is not allowed (exp, ln, sqrt, abs only)",
  log_of_non_positive: "'{{text}}': the logarithm of a number ≤ 0",
  sqrt_of_negative: "'{{text}}': the square root of a negative number",
  not_an_expression: "'{{text}}' is not a number or a short arithmetic expression",
  unreadable: "'{{text}}' cannot be read as a number or an expression",
  expression_too_long: "'{{text}}…' is too long an expression",
  decimal_comma: "'{{text}}': write the decimal point as a dot ({{fixed}})",
  comma_in_cell: "'{{text}}': a comma is not a decimal point and one cell holds one number; write the decimal point as a dot (0.25)",
  stray_stop: "'{{text}}': 。 is read as a decimal point only between two digits (1。5 is 1.5); write the decimal point as a dot",
  not_finite: "not a finite number",
  empty: "empty",
  too_long: "too long ({{length}} characters; at most {{max}})",
  not_a_cell: "expected a number or an expression, got {{got}}",
  not_a_matrix: "expected a matrix (a list of rows), got {{got}}",
  empty_matrix: "empty matrix",
  matrix_too_large: "too large (at most {{max}} rows and columns)",
  ragged_rows: "row {{row}} has {{length}} entries, row 0 has {{width}}",
  mixed_rows: "mixes numbers and rows: give a list of rows",
  bad_json: "looks like JSON but cannot be read",
  not_rows: "expected a list of rows",
  latex_without_matrix: "a LaTeX matrix needs \\begin{pmatrix} ... \\end{pmatrix} (or bmatrix, matrix)",
  wrong_shape: "expected {{expected}}, got {{got}}",
  exact_too_long: "'{{text}}' is too long to compute exactly (more than {{digits}} digits); round the numbers or write the result as a decimal",
  too_many_calls: "'{{text}}' has more than {{max}} functions and powers; write part of it as a decimal",
  too_much_work: "together with the cells before it, this is more computation than one answer may take; write long expressions as decimals",
} as const;

export type ReasonCode = keyof typeof INPUT_REASONS;
/** A cell's reason with the values that fill its slots. */
export type Reason = AnyReason<ReasonCode>;

/** The English sentence of a reason. */
export const reasonText = wording(INPUT_REASONS);
