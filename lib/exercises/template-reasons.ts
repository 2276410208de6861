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
  zero_answer_passes: "step {{step}}, layer {{layer}}: all zeros would pass as {{name}} (every entry is within the tolerance of 0)",
  zero_loss_passes: "step {{step}}: 0 would pass as the loss (it is within the tolerance of 0)",
  zero_loss_after_passes: "0 would pass as the loss after the update (it is within the tolerance of 0)",
  update_too_small: "step {{step}}, layer {{layer}}: {{name}} left unchanged would pass as updated (every entry moves by less than the tolerance)",
  loss_unchanged: "step {{step}}: the loss before the update would pass as the loss after it (it changes by less than the tolerance)",
  loss_not_improved: "the loss goes from {{before}} to {{after}}: no visible improvement at 3 significant figures (the network is trained already, or the update overshoots)",
  entries_per_layer: "needs {{layers}} entries (one per layer), got {{got}}",
  bias_draw_missing: "layers have biases: say how to draw them",
  one_hot_inputs: "one_hot is for targets",
  range_not_numbers: "min, max and step must be numbers",
  step_not_positive: "must be positive",
  min_above_max: "min is larger than max",
  range_size: "the range must hold 1 to 1000 values, it holds {{count}}",
  no_variant: "no hand-friendly variant found in {{draws}} draws; the draws were rejected most often because: {{reasons}}. Change what these name (widen the ranges, change the learning rate or the tolerance, relax max_magnitude)",
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

/** How many rejected draws each reason code spoiled, the most frequent first, each with the first
 *  reason of that code met (for its step and layer). */
function countByCode(rejected: TemplateReason[][]): { reason: TemplateReason; count: number }[] {
  const byCode = new Map<TemplateReasonCode, { reason: TemplateReason; count: number }>();
  for (const draw of rejected) {
    for (const code of new Set(draw.map((r) => r.code))) {
      const seen = byCode.get(code);
      if (seen) seen.count++;
      else byCode.set(code, { reason: draw.find((r) => r.code === code)!, count: 1 });
    }
  }
  return [...byCode.values()].sort((a, b) => b.count - a.count);
}

/**
 * The reasons to name when no variant was found: the `top` most frequent over all rejected draws,
 * led by the two most frequent among `closest` (the draws that came closest: they passed the
 * cheap checks, so what stopped them is what the instructor has to change even when the cheap
 * checks reject more draws).
 */
export function frequentReasons(rejected: TemplateReason[][], top = 3, closest: TemplateReason[][] = []): { reason: TemplateReason; count: number }[] {
  const all = countByCode(rejected);
  const lead = countByCode(closest)
    .slice(0, 2)
    .map((c) => all.find((a) => a.reason.code === c.reason.code)!);
  return [...lead, ...all.filter((a) => !lead.includes(a))].slice(0, top);
}

/** No hand-friendly variant in `draws` draws: the refusal names the reasons that rejected the draws
 *  most often, as causes that every language words (plain data, so it crosses worker threads). */
export function noVariant(draws: number, causes: { reason: TemplateReason; count: number }[]): InvalidInputError {
  const why: TemplateReason = { code: "no_variant", params: { draws }, causes: causes.map((c) => ({ ...c, of: draws })) };
  return new InvalidInputError("random", templateReasonText(why), undefined, why);
}

/** A refusal of the template value at `key`: the English detail, and the reason kept for a translation. */
export function refusal(key: string, code: TemplateReasonCode, params: TemplateReason["params"] = {}): InvalidInputError {
  const why = templateReason(code, params);
  return new InvalidInputError(key, templateReasonText(why), undefined, why);
}
