"use client";
// For paper: every quantity of the answer form, in the order of its grids, as an empty box of the
// grid's shape under its label. Shown only when printing (app/styles/print.css).
//
// Drawn in the browser once the page is live, from the very field list the answer form gets (React
// sends it once for both): sent as server markup, these boxes were 15 KB of every exercise page,
// twice over, for the few visits that print. Without JavaScript the page prints without them.
import { useEffect, useState } from "react";
import type { QuantityField } from "@/app/_components/answer-entry";

export function PrintBlanks({ fields, heading }: { fields: readonly QuantityField[]; heading: string }) {
  const [live, setLive] = useState(false);
  useEffect(() => setLive(true), []);
  if (!live) return null;
  return (
    <section className="print-blanks" aria-hidden="true">
      <h2>{heading}</h2>
      {fields.map((f, fi) => (
        <div key={f.path}>
          {fi === 0 || fields[fi - 1].group !== f.group ? <h3>{f.group}</h3> : null}
          <div className="blank" data-path={f.path}>
            <p className="blank-label" dangerouslySetInnerHTML={{ __html: f.labelHtml }} />
            <table className="blank-grid" data-rows={f.rows} data-cols={f.cols}>
              <tbody>
                {Array.from({ length: f.rows }, (_, i) => (
                  <tr key={i}>
                    {Array.from({ length: f.cols }, (_, j) => (
                      <td key={j} />
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ))}
    </section>
  );
}
