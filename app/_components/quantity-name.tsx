// A quantity named in the exercise's notation (Δ^3, ∂L/∂X^3... or δ^3, ∂L/∂x^3 in column layout),
// rendered on the server; its contract path stays on the element (data-path, and as a tooltip where asked).
import type { TFunction } from "i18next";
import { quantityLabel } from "@/app/_lib/fields";
import type { Layout } from "@/lib/nn/types";

export function QuantityName({ path, multiStep, t, pathTooltip = false, layout = "row" }: { path: string; multiStep: boolean; t: TFunction; pathTooltip?: boolean; layout?: Layout }) {
  const html = quantityLabel(path, multiStep, t, layout);
  if (!html) return <code>{path}</code>;
  return <span className="math-inline" data-path={path} title={pathTooltip ? path : undefined} dangerouslySetInnerHTML={{ __html: html }} />;
}
