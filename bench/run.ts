// `npm run bench`: prints the figures the issues ask for (median and p99 over many runs).
import { readFileSync } from "node:fs";
import { readExercise } from "../lib/exercises/instance";
import { solve } from "../lib/nn/network";
import { report, time } from "./stats";

const json = (path: string): unknown => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"));

const lecture = readExercise((json("../exercises/lecture-2-3-3-2.json") as { fixed: unknown }).fixed);
const deep = readExercise(json("./deep-4-layer-batch-4.json"));

console.log(`handprop benchmarks — node ${process.version}, one process\n`);
report("solve: 2-3-3-2 lecture exercise (exact + 50 digits)", time(() => solve(lecture), { runs: 2000 }));
report("solve: 3-4-4-4-3, batch 4 (tanh/relu/sigmoid/softmax)", time(() => solve(deep), { runs: 300 }));
