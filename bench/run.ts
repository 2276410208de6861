// `npm run bench`: prints the figures the issues ask for (median and p99 over many runs).
import { readFileSync } from "node:fs";
import { readExercise } from "../lib/exercises/instance";
import { toSolution, type Solution } from "../lib/exercises/solution";
import { gradeSubmission } from "../lib/grading";
import { solve } from "../lib/nn/network";
import type { Network } from "../lib/nn/types";
import { report, time } from "./timing";

const json = (path: string): unknown => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"));

const lecture = readExercise((json("../exercises/lecture-2-3-3-2.json") as { fixed: unknown }).fixed);
const deep = readExercise(json("./deep-4-layer-batch-4.json"));

/** A full hand calculation: every quantity to 3 significant figures, as typed, with three mistakes. */
function handCalculation(net: Network): Solution {
  const sol = toSolution(solve(net), net.layout);
  const r3 = (x: number) => Number(x.toPrecision(3));
  const rounded = JSON.parse(JSON.stringify(sol), (_k, v) => (typeof v === "number" ? r3(v) : v)) as Solution;
  const L = rounded.steps[0].layers.length;
  const [first, , ] = rounded.steps[0].layers;
  const lastLayer = rounded.steps[0].layers[L - 1];
  lastLayer.dX[0][0] *= 2; // a wrong loss derivative, carried into later steps below
  first.dW[0][0] += 1; // an arithmetic slip
  if (first.B_new) first.B_new[0] = -first.B_new[0]; // another wrong entry
  return rounded;
}

console.log(`handprop benchmarks — node ${process.version}, one process\n`);
report("solve: 2-3-3-2 lecture exercise (exact + 50 digits)", time(() => solve(lecture), { runs: 2000 }));
report("solve: 3-4-4-4-3, batch 4 (tanh/relu/sigmoid/softmax)", time(() => solve(deep), { runs: 300 }));

// The lecture's exercise is graded on a real student's hand calculation (seed 000: three mistakes).
const seed000 = json("../tests/submissions/000-lecture-2-3-3-2-relu-softmax.submission.json");
const cases: [string, Network, unknown, number][] = [
  ["2-3-3-2 lecture exercise", lecture, seed000, 2000],
  ["3-4-4-4-3, batch 4", deep, handCalculation(deep), 200],
];
for (const [label, net, submission, runs] of cases) {
  const trace = solve(net);
  const grade = gradeSubmission(net, trace, submission);
  const counts = grade.items.reduce<Record<string, number>>((c, i) => ((c[i.verdict] = (c[i.verdict] ?? 0) + 1), c), {});
  console.log(`\n${label}: a full submission grades as ${JSON.stringify(counts)}, first divergence ${grade.first_divergence}`);
  report(`grade (exact trace cached): ${label}`, time(() => gradeSubmission(net, trace, submission), { runs }));
  report(`solve + grade: ${label}`, time(() => gradeSubmission(net, solve(net), submission), { runs }));
}
