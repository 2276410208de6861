// Quantities as matrices, addressed by their contract path, always in the core's row layout.
// Flat vectors (dB, B_new) are one-row matrices; the losses are 1×1.
import type { Matrix } from "../nn/matrix";
import type { Trace } from "../nn/types";
import { computationOrder, type QuantityRef } from "../exercises/quantities";

export type Values = Map<string, Matrix>;

/**
 * A trace's values are read at every grading of its exercise (a solved trace is kept per exercise,
 * lib/course/exercise-cache.ts), so the map is built once per trace. Nobody writes to it.
 */
const valuesOf = new WeakMap<Trace, Values>();

/** Every quantity of an exact trace by path. */
export function traceValues(trace: Trace): Values {
  let kept = valuesOf.get(trace);
  if (!kept) {
    kept = valuesOfTrace(trace);
    valuesOf.set(trace, kept);
  }
  return kept;
}

function valuesOfTrace(trace: Trace): Values {
  const v: Values = new Map();
  trace.steps.forEach((step, s) => {
    v.set(`steps[${s}].loss`, [[step.loss]]);
    step.layers.forEach((t, l) => {
      const at = (k: string, m: Matrix | undefined) => m && v.set(`steps[${s}].layers[${l}].${k}`, m);
      at("A", t.A);
      at("X", t.X);
      at("dX", t.dX);
      at("delta", t.delta);
      at("dW", t.dW);
      at("dB", t.dB && [t.dB]);
      at("W_new", t.W_new);
      at("B_new", t.B_new && [t.B_new]);
    });
  });
  v.set("loss_after", [[trace.lossAfter]]);
  return v;
}

export function orderOf(trace: Trace): QuantityRef[] {
  return computationOrder(
    trace.steps.length,
    trace.steps[0].layers.map((t) => !!t.dB),
  );
}

/** Weight-shaped quantities are written in the exercise's layout: transposed for column layout. */
export const WEIGHT_SHAPED = new Set(["dW", "W_new"]);
/** Flat quantities are written as a list; scalar ones as a number. */
export const FLAT = new Set(["dB", "B_new"]);
export const SCALAR = new Set(["loss", "loss_after"]);
