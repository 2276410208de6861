// A quantity named in the lecture's notation (Δ^3, ∂L/∂X^3...), rendered by KaTeX on the server;
// its contract path stays on the element (data-path, and as a tooltip where asked).
import type { TFunction } from "i18next";
import { quantityLabel } from "@/app/_lib/fields";

export function QuantityName({ path, multiStep, t, pathTooltip = false }: { path: string; multiStep: boolean; t: TFunction; pathTooltip?: boolean }) {
  const html = quantityLabel(path, multiStep, t);
  if (!html) return <code>{path}</code>;
  return <span className="math-inline" data-path={path} title={pathTooltip ? path : undefined} dangerouslySetInnerHTML={{ __html: html }} />;
}
