// Timing helpers for benchmarks: run a function many times, report median and p99.
import { performance } from "node:perf_hooks";

export interface Timing {
  runs: number;
  medianMs: number;
  p99Ms: number;
}

export function time(fn: () => unknown, { warmup = 50, runs = 1000 } = {}): Timing {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  return { runs, medianMs: at(0.5), p99Ms: at(0.99) };
}

export function report(label: string, t: Timing): void {
  console.log(`${label.padEnd(52)} median ${t.medianMs.toFixed(3).padStart(8)} ms   p99 ${t.p99Ms.toFixed(3).padStart(8)} ms   (${t.runs} runs)`);
}
