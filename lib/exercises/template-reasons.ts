// Why a template (or a drawn variant of it) cannot be used: one code per reason, with its English
// wording. The CLI and the exercise files' checks print the English; the template builder shows
// the same reason in the reader's language (messages "reason.<code>", whose English is this table).
import { wording, type Reason } from "../reasons";
import { InvalidInputError } from "./errors";

export const TEMPLATE_REASONS = {
  loss_too_large: "step {{step}}: loss above {{max}}",
  zero_preactivation: "step {{step}}, layer {{layer}}: a pre-activation is exactly 0 (the derivative is a convention there)",
  squash_out_of_range: "step {{step}}, layer {{layer}}: a {{activation}} input is beyond ±6",
  softmax_spread: "step {{step}}, layer {{layer}}: softmax inputs differ by more than 8",
  all_units_off: "step {{step}}, layer {{layer}}: every unit of a sample is off",
  value_too_large: "step {{step}}, layer {{layer}}: a value above {{max}} in magnitude",
  weights_unchanged: "step {{step}}, layer {{layer}}: the weights do not change",
  entries_per_layer: "needs {{layers}} entries (one per layer), got {{got}}",
  bias_draw_missing: "layers have biases: say how to draw them",
  one_hot_inputs: "one_hot is for targets",
  range_not_numbers: "min, max and step must be numbers",
  step_not_positive: "must be positive",
  min_above_max: "min is larger than max",
  range_size: "the range must hold 1 to 1000 values, it holds {{count}}",
  no_variant: "no hand-friendly variant found in {{draws}} draws: widen the ranges or relax max_magnitude",
  bad_sizes: "give 2 to 6 layer sizes, whole numbers from 1 to 8, input first (e.g. 2,3,3,2); got “{{got}}”",
  not_whole_number: "expected a whole number from {{min}} to {{max}}, got “{{got}}”",
  not_positive_number: "expected a positive number, got “{{got}}”",
  unknown_activation: "“{{name}}” is not an activation (one of {{allowed}})",
} as const;

export type TemplateReasonCode = keyof typeof TEMPLATE_REASONS;
export type TemplateReason = Reason<TemplateReasonCode>;

export const templateReason = (code: TemplateReasonCode, params: TemplateReason["params"] = {}): TemplateReason => ({ code, params });

/** The English sentence of a reason. */
export const templateReasonText = wording(TEMPLATE_REASONS);

/** A refusal of the template value at `key`: the English detail, and the reason kept for a translation. */
export function refusal(key: string, code: TemplateReasonCode, params: TemplateReason["params"] = {}): InvalidInputError {
  const why = templateReason(code, params);
  return new InvalidInputError(key, templateReasonText(why), undefined, why);
}
