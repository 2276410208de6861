import { builtinTemplate } from "../lib/exercises/builtin";
import { drawVariantReport } from "../lib/exercises/template";
const t = builtinTemplate("lecture-2-3-3-2-random")!;
const times: number[] = [];
for (let i = 0; i < 30; i++) { const t0 = performance.now(); const r = drawVariantReport(t, `seed-${i}`); times.push(performance.now() - t0); if (i < 3) console.log("rejected", r.rejected.length); }
times.sort((a, b) => a - b);
console.log("draw ms p50", times[15].toFixed(1), "max", times[29].toFixed(1));
