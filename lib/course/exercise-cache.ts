// A variant's exercise read once and solved once. A variant's exerciseJson never changes after it
// is drawn, so its parsed network, its grading settings and its exact 50-digit trace are kept in
// bounded LRU caches keyed by the JSON text itself (an edited copy is simply another key). Used by
// the request thread (the exercise page) and by each worker thread (grading): every thread keeps
// its own copy. Networks and traces are never mutated (lib/nn is written without mutation).
import { LRUCache } from "lru-cache";
import { readExercise } from "../exercises/instance";
import { readGradingSettings } from "../exercises/template";
import { solve } from "../nn/network";
import type { Network, Trace } from "../nn/types";

export interface ReadExercise {
  net: Network;
  settings: ReturnType<typeof readGradingSettings>;
}

/** Cells of a network, a rough measure of what its trace holds (each cell a 50-digit number). */
function cellsOf(net: Network): number {
  let cells = net.inputs.length * (net.inputs[0]?.length ?? 0);
  for (const layer of net.layers) cells += layer.W.length * (layer.W[0]?.length ?? 0) * 4 + net.inputs.length * (layer.W[0]?.length ?? 0) * 5;
  return cells * Math.max(1, net.steps);
}

// A 2-3-3-2 exercise's trace is about 60 KB of exact numbers; the largest allowed ones are far more.
const read = new LRUCache<string, ReadExercise>({ max: 2000, maxSize: 64 * 1024 * 1024, sizeCalculation: (_v, key) => key.length * 4 });
const solved = new LRUCache<string, Trace>({ max: 1000, maxSize: 2_000_000, sizeCalculation: (_v, key) => Math.max(1, cellsOf(readCached(key).net)) });

/** The exercise's network and grading settings (throws as readExercise does; failures are not kept). */
export function readCached(exerciseJson: string): ReadExercise {
  let hit = read.get(exerciseJson);
  if (!hit) {
    const raw = JSON.parse(exerciseJson) as unknown;
    hit = { net: readExercise(raw), settings: readGradingSettings(raw) };
    read.set(exerciseJson, hit);
  }
  return hit;
}

/** The exact worked solution of the exercise, solved at most once per thread while it stays cached. */
export function solvedCached(exerciseJson: string): { net: Network; settings: ReadExercise["settings"]; trace: Trace } {
  const { net, settings } = readCached(exerciseJson);
  let trace = solved.get(exerciseJson);
  if (!trace) {
    trace = solve(net);
    solved.set(exerciseJson, trace);
  }
  return { net, settings, trace };
}
