// Reading a submission (the contract's shape, any subset of a solution's keys) into
// exact matrices in the core's row layout. Every refusal names the cell at fault.
import { transpose, type Matrix } from "../nn/matrix";
import type { Layout } from "../nn/types";
import { InvalidInputError } from "../exercises/errors";
import type { LayerKey } from "../exercises/quantities";
import { estimatedFirst, parseMatrix, parseScalar, InputError, SUBMISSION_WORK, Work } from "./parse";
import { FLAT, SCALAR, WEIGHT_SHAPED, type Values } from "./quantity-values";
import { inLayout, samplesAsRows } from "../notation";

const LAYER_KEYS: LayerKey[] = ["A", "X", "dX", "delta", "dW", "dB", "W_new", "B_new"];
/** No honest submission comes near this; it bounds the work done on hostile input. */
export const MAX_SUBMISSION_CHARS = 500_000;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function cellError<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof InputError) throw new InvalidInputError(e.cell, e.reason, undefined, e.why);
    throw e;
  }
}

function checkKeys(obj: Record<string, unknown>, allowed: readonly string[], where: string): void {
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) throw new InvalidInputError(where ? `${where}.${k}` : k, `unknown key (expected one of ${allowed.join(", ")})`);
  }
}

const dims = (m: Matrix) => `${m.length}×${m[0]?.length ?? 0}`;

/** One submitted quantity, reshaped to the exact value's shape where the intent is unambiguous. */
function readQuantity(raw: unknown, path: string, key: string, exact: Matrix, layout: Layout, work: Work): Matrix {
  // Weight-shaped quantities are written in the layout's shape (outputs × inputs in column layout).
  const weightShaped = WEIGHT_SHAPED.has(key) && !samplesAsRows(layout);
  const want = weightShaped ? inLayout(exact, layout) : exact;
  // No reading of the quantity has more cells than its exact value: more is refused before any cell is read.
  const limit = { cells: want.length * want[0].length, expected: dims(want) };
  if (SCALAR.has(key)) {
    const m = Array.isArray(raw) ? cellError(() => parseMatrix(raw, path, work, limit)) : [[cellError(() => parseScalar(raw, path, work))]];
    if (m.length !== 1 || m[0].length !== 1) throw new InvalidInputError(path, `expected one number, got a ${dims(m)} matrix`);
    return m;
  }
  let m = cellError(() => parseMatrix(raw, path, work, limit));
  const [r, c] = [want.length, want[0].length];
  if (FLAT.has(key) && m.length === 1 && m[0].length === c) return m;
  // A single sample's vector may be written as a column (the column layout's habit).
  if (!weightShaped && r === 1 && m.length === c && m.every((row) => row.length === 1) && c > 1) m = transpose(m);
  if (m.length !== r || m[0].length !== c) {
    const what = WEIGHT_SHAPED.has(key) ? `the shape of W (${r}×${c})` : FLAT.has(key) ? `${c} entries` : `${r}×${c} (one row per sample)`;
    throw new InvalidInputError(path, `expected ${what}, got ${dims(m)}`);
  }
  return weightShaped ? inLayout(m, layout) : m;
}

/**
 * The student's values by path; throws InvalidInputError naming the key or cell at fault. One
 * budget of work covers the whole submission, in proportion to the cells the exercise asks for:
 * every cell is parsed and its cost estimated before any is computed.
 */
export function readSubmission(v: unknown, exact: Values, layout: Layout, shape: { steps: number; layers: number }): Values {
  let cells = 0;
  for (const m of exact.values()) cells += m.length * (m[0]?.length ?? 0);
  const work = new Work(SUBMISSION_WORK.base + SUBMISSION_WORK.perCell * cells);
  return estimatedFirst(work, (w) => readAll(v, exact, layout, shape, w));
}

function readAll(v: unknown, exact: Values, layout: Layout, shape: { steps: number; layers: number }, work: Work): Values {
  if (!isObject(v)) throw new InvalidInputError("", "a submission must be a JSON object");
  checkKeys(v, ["layout", "steps", "loss_after"], "");
  if (v.layout !== undefined && v.layout !== layout) throw new InvalidInputError("layout", `the exercise is in ${layout} layout; give matrices in that layout`);
  const out: Values = new Map();
  const put = (path: string, key: string, raw: unknown) => {
    if (raw === undefined || raw === null) return;
    out.set(path, readQuantity(raw, path, key, exact.get(path)!, layout, work));
  };
  put("loss_after", "loss_after", v.loss_after);
  if (v.steps === undefined) return out;
  if (!Array.isArray(v.steps)) throw new InvalidInputError("steps", "expected a list of steps");
  if (v.steps.length > shape.steps) throw new InvalidInputError(`steps[${shape.steps}]`, `the exercise has ${shape.steps} step(s)`);
  v.steps.forEach((step, s) => {
    const where = `steps[${s}]`;
    if (step === null) return;
    if (!isObject(step)) throw new InvalidInputError(where, "expected an object with loss and layers");
    checkKeys(step, ["loss", "layers"], where);
    put(`${where}.loss`, "loss", step.loss);
    if (step.layers === undefined) return;
    if (!Array.isArray(step.layers)) throw new InvalidInputError(`${where}.layers`, "expected a list of layers");
    if (step.layers.length > shape.layers) throw new InvalidInputError(`${where}.layers[${shape.layers}]`, `the network has ${shape.layers} layers`);
    step.layers.forEach((layer, l) => {
      const at = `${where}.layers[${l}]`;
      if (layer === null) return;
      if (!isObject(layer)) throw new InvalidInputError(at, "expected an object of quantities");
      checkKeys(layer, LAYER_KEYS, at);
      for (const key of LAYER_KEYS) {
        const path = `${at}.${key}`;
        if (layer[key] !== undefined && !exact.has(path)) throw new InvalidInputError(path, "this layer has no bias");
        put(path, key, layer[key]);
      }
    });
  });
  return out;
}
