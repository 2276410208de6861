// The architecture of an exercise at a glance, as a definition list (the kind is shown as a badge beside it).
import { ACTIVATION_NAMES, LAYOUT_NAMES, LOSS_NAMES } from "@/app/_lib/notation";
import type { Summary } from "@/app/_lib/exercise";

function biasText(biases: boolean[]): string {
  if (biases.every(Boolean)) return "in every layer";
  if (!biases.some(Boolean)) return "none";
  return `layer${biases.filter(Boolean).length > 1 ? "s" : ""} ${biases.flatMap((b, l) => (b ? [l + 1] : [])).join(", ")}`;
}

export const KIND_LABELS = {
  fixed: "Fixed exercise",
  random: "Randomised template",
} as const;

export function SummaryList({ summary }: { summary: Summary }) {
  const rows: [string, string][] = [
    ["Layer sizes", summary.sizes.join("–")],
    ["Activations", summary.activations.map((h) => ACTIVATION_NAMES[h]).join(", ")],
    ["Biases", biasText(summary.biases)],
    ["Loss", LOSS_NAMES[summary.loss]],
    ["Layout", LAYOUT_NAMES[summary.layout]],
    ["Batch size", `${summary.batch} sample${summary.batch === 1 ? "" : "s"}`],
    ["Learning rate η", summary.eta],
    ["Steps", `${summary.steps} gradient step${summary.steps === 1 ? "" : "s"}`],
  ];
  return (
    <dl className="summary">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
