import React from "react";
import { builtinTemplate } from "../lib/exercises/builtin";
import { drawVariant } from "../lib/exercises/template";
import { networkOf } from "../lib/course/work";
import { staticMarkup } from "../app/_lib/static-html";
(globalThis as any).React = React;
import { Given } from "../app/_components/given";
import { NetworkDiagram } from "../app/_components/network-diagram";
import { translator } from "../lib/i18n";
import { fieldsOf } from "../app/_lib/fields";
const t = translator("en");
const tpl = builtinTemplate("lecture-2-3-3-2-random")!;
for (let i = 0; i < 8; i++) {
  const json = JSON.stringify(drawVariant(tpl, `s${i}`));
  const t0 = performance.now();
  const { net } = networkOf(json);
  const t1 = performance.now();
  const html = staticMarkup(<><NetworkDiagram net={net} title="x" /><Given net={net} t={t} /></>);
  const t2 = performance.now();
  const f = fieldsOf(net, t);
  const t3 = performance.now();
  console.log(`read ${(t1 - t0).toFixed(1)} ms, given ${(t2 - t1).toFixed(1)} ms (${html.length} chars), fields ${(t3 - t2).toFixed(1)} ms`);
}
