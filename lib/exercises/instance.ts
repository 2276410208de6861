// Reading an exercise instance (the contract's JSON) into a checked Network.
import { transpose, type Matrix } from "../nn/matrix";
import { exactFromNumber, exactFromText, frac, sign, type Num } from "../nn/num";
import { ACTIVATIONS, LAYOUTS, LOSSES, type Activation, type Layer, type Layout, type LossName, type Network } from "../nn/types";
import { InvalidInputError } from "./errors";

/** Keys an instance may carry besides the network itself (metadata for people and the grader). */
const METADATA_KEYS = ["title", "description", "source", "id", "template", "seed", "tolerance", "asked", "points", "carried_credit", "notes"];
const TOP_KEYS = ["layout", "loss", "learning_rate", "steps", "data", "layers", ...METADATA_KEYS];
const LAYER_KEYS = ["activation", "slope", "weights", "bias"];
export const MAX_STEPS = 50;
export const MAX_UNITS = 64;
export const MAX_SAMPLES = 64;

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function checkKeys(obj: Record<string, Json>, allowed: string[], where: string): void {
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) throw new InvalidInputError(where ? `${where}.${k}` : k, `unknown key (expected one of ${allowed.join(", ")})`);
  }
}

/** A number: a finite JSON number, or a string holding a decimal or a fraction ("1/3"). */
export function readNumber(v: Json, key: string): Num {
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new InvalidInputError(key, `not a finite number`);
    return exactFromNumber(v);
  }
  if (typeof v === "string") {
    const f = exactFromText(v);
    if (f) return f;
    throw new InvalidInputError(key, `"${v.slice(0, 40)}" is not a number or fraction`);
  }
  throw new InvalidInputError(key, `expected a number, got ${describe(v)}`);
}

function describe(v: Json): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  return typeof v === "object" ? "an object" : `${typeof v} ${JSON.stringify(v).slice(0, 30)}`;
}

export function readVector(v: Json, key: string): Num[] {
  if (!Array.isArray(v) || v.length === 0) throw new InvalidInputError(key, `expected a non-empty list of numbers, got ${describe(v)}`);
  if (v.length > MAX_UNITS) throw new InvalidInputError(key, `too many entries (${v.length} > ${MAX_UNITS})`);
  return v.map((x, i) => readNumber(x, `${key}[${i}]`));
}

export function readMatrix(v: Json, key: string): Matrix {
  if (!Array.isArray(v) || v.length === 0) throw new InvalidInputError(key, `expected a matrix (a non-empty list of rows), got ${describe(v)}`);
  if (v.length > MAX_UNITS) throw new InvalidInputError(key, `too many rows (${v.length} > ${MAX_UNITS})`);
  const rows = v.map((row, i) => {
    if (!Array.isArray(row)) throw new InvalidInputError(`${key}[${i}]`, `expected a row (a list of numbers), got ${describe(row)}`);
    return readVector(row, `${key}[${i}]`);
  });
  const width = rows[0].length;
  rows.forEach((row, i) => {
    if (row.length !== width) throw new InvalidInputError(`${key}[${i}]`, `row has ${row.length} entries, row 0 has ${width}`);
  });
  return rows;
}

function readEnum<T extends string>(v: Json, allowed: readonly T[], key: string, fallback?: T): T {
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v === "string" && (allowed as readonly string[]).includes(v)) return v as T;
  throw new InvalidInputError(key, `unknown value ${JSON.stringify(v)} (expected one of ${allowed.join(", ")})`);
}

const dims = (m: Matrix) => `${m.length}×${m[0].length}`;

function readLayer(v: Json, l: number, layout: Layout, inputs: number, isLast: boolean): Layer {
  const key = `layers[${l}]`;
  if (!isObject(v)) throw new InvalidInputError(key, `expected an object, got ${describe(v)}`);
  checkKeys(v, LAYER_KEYS, key);
  const activation: Activation = readEnum(v.activation, ACTIVATIONS, `${key}.activation`);
  if (activation === "softmax" && !isLast) throw new InvalidInputError(`${key}.activation`, "softmax is only supported on the output layer");
  if (v.slope !== undefined && activation !== "leaky_relu") throw new InvalidInputError(`${key}.slope`, `only leaky_relu has a slope`);
  const slope = v.slope === undefined ? frac(1, 100) : readNumber(v.slope, `${key}.slope`);
  const given = readMatrix(v.weights, `${key}.weights`);
  let W: Matrix;
  if (layout === "row") {
    if (given.length !== inputs) {
      const hint = given[0].length === inputs ? "; it looks like column shape (outputs × inputs): transpose it or set layout to column" : "";
      throw new InvalidInputError(`${key}.weights`, `row layout needs ${inputs} rows (one per input), got ${dims(given)}${hint}`);
    }
    W = given;
  } else {
    if (given[0].length !== inputs) {
      const hint = given.length === inputs ? "; it looks like row shape (inputs × outputs): column layout wants outputs × inputs" : "";
      throw new InvalidInputError(`${key}.weights`, `column layout needs ${inputs} columns (one per input), got ${dims(given)}${hint}`);
    }
    W = transpose(given);
  }
  const outputs = W[0].length;
  const layer: Layer = { activation, slope, W };
  if (v.bias !== undefined) {
    const B = readVector(v.bias, `${key}.bias`);
    if (B.length !== outputs) throw new InvalidInputError(`${key}.bias`, `needs ${outputs} entries (one per output of the layer), got ${B.length}`);
    layer.B = B;
  }
  return layer;
}

/** Checks an exercise instance and builds its network; throws InvalidInputError naming the key. */
export function readExercise(v: Json): Network {
  if (!isObject(v)) throw new InvalidInputError("", `an exercise must be a JSON object, got ${describe(v)}`);
  checkKeys(v, TOP_KEYS, "");
  const layout: Layout = readEnum(v.layout, LAYOUTS, "layout", "row");
  const loss: LossName = readEnum(v.loss, LOSSES, "loss");
  const learningRate = readNumber(v.learning_rate, "learning_rate");
  if (sign(learningRate) <= 0) throw new InvalidInputError("learning_rate", "must be positive");
  const steps = v.steps === undefined ? 1 : v.steps;
  if (typeof steps !== "number" || !Number.isInteger(steps) || steps < 1 || steps > MAX_STEPS) {
    throw new InvalidInputError("steps", `must be a whole number from 1 to ${MAX_STEPS}, got ${JSON.stringify(steps)}`);
  }
  if (!isObject(v.data)) throw new InvalidInputError("data", `expected an object with inputs and targets, got ${describe(v.data)}`);
  checkKeys(v.data, ["inputs", "targets"], "data");
  const inputs = readMatrix(v.data.inputs, "data.inputs");
  const targets = readMatrix(v.data.targets, "data.targets");
  if (inputs.length > MAX_SAMPLES) throw new InvalidInputError("data.inputs", `too many samples (${inputs.length} > ${MAX_SAMPLES})`);
  if (targets.length !== inputs.length) {
    throw new InvalidInputError("data.targets", `has ${targets.length} rows but data.inputs has ${inputs.length} (one row per sample in both)`);
  }
  if (!Array.isArray(v.layers) || v.layers.length === 0) throw new InvalidInputError("layers", `expected a non-empty list of layers, got ${describe(v.layers)}`);
  if (v.layers.length > 16) throw new InvalidInputError("layers", `too many layers (${v.layers.length} > 16)`);
  const layers: Layer[] = [];
  let width = inputs[0].length;
  v.layers.forEach((raw, l) => {
    const layer = readLayer(raw, l, layout, width, l === (v.layers as Json[]).length - 1);
    layers.push(layer);
    width = layer.W[0].length;
  });
  if (targets[0].length !== width) {
    throw new InvalidInputError("data.targets", `rows have ${targets[0].length} entries but the output layer has ${width} units`);
  }
  checkLossFits(loss, layers[layers.length - 1].activation, targets);
  return { layout, loss, learningRate, steps, inputs, targets, layers };
}

function checkLossFits(loss: LossName, out: Activation, targets: Matrix): void {
  if (loss === "cross_entropy" && out !== "softmax" && out !== "sigmoid") {
    throw new InvalidInputError("loss", `cross_entropy needs outputs in (0, 1): use softmax or sigmoid on the output layer, not ${out}`);
  }
  if (loss === "binary_cross_entropy" && out !== "sigmoid") {
    throw new InvalidInputError("loss", `binary_cross_entropy needs a sigmoid output layer, not ${out}`);
  }
  if (loss === "cross_entropy" || loss === "binary_cross_entropy") {
    targets.forEach((row, n) =>
      row.forEach((t, k) => {
        if (sign(t) < 0) throw new InvalidInputError(`data.targets[${n}][${k}]`, `${loss} needs targets ≥ 0`);
      }),
    );
  }
}
