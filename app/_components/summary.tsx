// The architecture of an exercise at a glance, as a definition list (the kind is shown as a badge
// beside it); the activations, loss and layout named in the reader's language (messages "names.*").
import type { TFunction } from "i18next";
import type { Summary } from "@/app/_lib/exercise";

function biasText(biases: boolean[], t: TFunction): string {
  if (biases.every(Boolean)) return t("summary.biasAll");
  if (!biases.some(Boolean)) return t("summary.biasNone");
  return t("summary.biasLayers", { count: biases.filter(Boolean).length, list: biases.flatMap((b, l) => (b ? [l + 1] : [])).join(", ") });
}

/** "Fixed exercise" or "Randomised template", in the reader's language. */
export const kindLabel = (kind: Summary["kind"], t: TFunction) => t(kind === "fixed" ? "summary.fixed" : "summary.random");

export function SummaryList({ summary, t }: { summary: Summary; t: TFunction }) {
  const rows: [string, string][] = [
    [t("summary.sizes"), summary.sizes.join("–")],
    [t("summary.activations"), summary.activations.map((h) => t(`names.activation.${h}`)).join(t("names.listSeparator"))],
    [t("summary.biases"), biasText(summary.biases, t)],
    [t("summary.loss"), t(`names.loss.${summary.loss}`)],
    [t("summary.layout"), t(`names.layout.${summary.layout}`)],
    [t("summary.batch"), t("summary.samples", { count: summary.batch })],
    [t("summary.eta"), summary.eta],
    [t("summary.steps"), t("summary.gradientSteps", { count: summary.steps })],
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
