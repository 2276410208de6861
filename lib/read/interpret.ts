// One chain read against the exercise: which quantity its left side names, in which step, and the value it ends with.
import type { LayerKey } from "../exercises/quantities";
import { toNumber, type Num } from "../nn/num";
import type { Network } from "../nn/types";
import { inLayout } from "../notation";
import { factorReadings } from "./align";
import { atomsOf, type Atom } from "./atoms";
import { converted, jsonCell } from "./cells";
import type { Chain } from "./chains";
import { atomMeaning, leftSideMeaning, type Context, type Meaning } from "./labels";
import type { Phase, StepCursor } from "./order";
import { fitted, kindOf, type Kind, type Shape } from "./shapes";
import type { TexNode } from "./tex";
import type { Value } from "./types";
import { memberValue } from "./values";

/** The exercise as the reader sees it: the notation, the shape of every quantity by path, the givens. */
export interface Exercise {
  ctx: Context;
  net: Network;
  shapes: Map<string, { kind: Kind; shape: Shape }>;
}

/** A value that may be a quantity: read directly (its name on the left), from an entry, or as a factor of a product. */
export interface Candidate {
  path: string;
  how: "direct" | "factor" | "entry";
  value: Value;
  chain: Chain;
  /** The member holding the value. */
  member: number;
  /** An entry's indices in the solution's shape. */
  at?: [number, number];
}

/** What became of a chain: candidates for quantities, a given restated, a formula, or numbers that fit nowhere. */
export interface ChainReading {
  chain: Chain;
  status: "candidate" | "given" | "formula" | "unread";
  candidates: Candidate[];
  /** An entry's quantity, or the quantity of a chain with no value: its line is unread unless that quantity is placed. */
  unreadUnless?: string;
  /** A loss that took the prose's "loss after the update". */
  tookCue?: boolean;
}

const PHASES: Record<LayerKey, Phase> = { A: "forward", X: "forward", dX: "backward", delta: "backward", dW: "backward", dB: "backward", W_new: "update", B_new: "update" };

/** No hand calculation chains more equations than this; a longer chain is not read (its line is unread). */
export const MAX_MEMBERS = 200;

export function readChain(chain: Chain, ex: Exercise, cursor: StepCursor): ChainReading {
  if (chain.members.length > MAX_MEMBERS) return { chain, status: "unread", candidates: [] };
  if (!chain.members.some((m) => hasNumbers(m.nodes))) return { chain, status: chain.lhs.nodes.length === 0 ? "unread" : "formula", candidates: [] };
  const atoms = chain.members.map(atomsOfMember);
  const meaning = resolvedMeaning(chain, atoms[0] ?? [], ex);
  const last = lastValue(chain, atoms);
  if (meaning.kind === "given" || meaning.kind === "param") return givenReading(chain, meaning, last, ex);
  const path = meaning.kind === "layer" || meaning.kind === "loss" ? pathOf(meaning, cursor, ex) : null;
  const factors = factorCandidates(chain, atoms, ex, cursor);
  if (!path) return { chain, status: "unread", candidates: factors };
  if (meaning.kind === "layer" && meaning.element) return entryReading(chain, path, meaning.element, last, ex, factors);
  return directReading(chain, path, last, factors, meaning.kind === "loss");
}

type Last = { value: Value; member: number } | null;

/** A given restated (W^1 = …, x = …, η = …): silent when it holds the exercise's own numbers, unread otherwise. */
function givenReading(chain: Chain, m: Extract<Meaning, { kind: "given" } | { kind: "param" }>, last: Last, ex: Exercise): ChainReading {
  const same = last !== null && sameAsGiven(last.value, m.which, m.kind === "param" ? m.layer : 0, ex);
  return { chain, status: same ? "given" : "unread", candidates: [] };
}

/**
 * The chain's own quantity with its last value. A chain that ends in no value (a formula with a ½ in
 * it, a product left unworked) writes nothing: its line is unread unless the quantity is read elsewhere.
 */
function directReading(chain: Chain, path: string, last: Last, factors: Candidate[], loss: boolean): ChainReading {
  if (!last) return { chain, status: "candidate", candidates: factors, unreadUnless: path };
  const direct: Candidate = { path, how: "direct", value: last.value, chain, member: last.member };
  return { chain, status: "candidate", candidates: [direct, ...factors], tookCue: loss && chain.lossAfterCue };
}

/** A member longer than this (top-level pieces; a matrix is one) is no hand equation: it holds no value. */
const MAX_MEMBER_NODES = 2000;

function atomsOfMember(m: { nodes: TexNode[] }): Atom[] {
  return m.nodes.length > 0 && m.nodes.length <= MAX_MEMBER_NODES ? atomsOf(m.nodes) : [];
}

/** A parameter written W^1 = W^1 − η…, W^1 ← …, or marked as new is its updated value. */
function resolvedMeaning(chain: Chain, first: readonly Atom[], ex: Exercise): Meaning {
  const m = leftSideMeaning(chain.lhs.nodes, ex.ctx, { updated: chain.updateCue });
  if (m.kind === "loss") return countNotLoss(chain) ? { kind: "unknown" } : { kind: "loss", after: m.after || chain.lossAfterCue };
  if (m.kind !== "param") return m;
  const updated = m.updated || chain.members[0]?.link === "assign" || startsFrom(first, m, ex);
  if (!updated) return m;
  return { kind: "layer", key: m.which === "W" ? "W_new" : "B_new", layer: m.layer, element: m.element };
}

/** "L = 3" with nothing else names a count (of layers), not a loss: a bare L or E set to a whole number, unless prose announced the loss. */
function countNotLoss(chain: Chain): boolean {
  if (chain.lossAfterCue) return false;
  const [name, ...rest] = chain.lhs.nodes;
  const bare = rest.length === 0 && name?.kind === "tok" && (name.text === "L" || name.text === "E");
  const only = chain.members.length === 1 ? chain.members[0].nodes : [];
  return bare && only.length === 1 && only[0].kind === "tok" && /^\d+$/.test(only[0].text);
}

/** The member opens with the same parameter and a sign: W^1 − η ∂L/∂W^1. */
function startsFrom(atoms: readonly Atom[], param: Extract<Meaning, { kind: "param" }>, ex: Exercise): boolean {
  const [head, op] = atoms;
  if (!head || op?.kind !== "op" || (op.text !== "-" && op.text !== "+")) return false;
  const m = atomMeaning(head, ex.ctx, { updated: false });
  return m.kind === "param" && m.which === param.which && m.layer === param.layer && m.element === null;
}

/** The path of a layer quantity or the loss in the step the cursor places it in. */
function pathOf(m: Extract<Meaning, { kind: "layer" } | { kind: "loss" }>, cursor: StepCursor, ex: Exercise): string | null {
  if (m.kind === "loss") {
    const step = cursor.place("loss", "loss", m.after);
    return step === null ? null : step === "after" ? "loss_after" : `steps[${step}].loss`;
  }
  const step = cursor.place(PHASES[m.key], `${m.key}${m.layer}${m.element ? `[${m.element.join(",")}]` : ""}`);
  if (typeof step !== "number") return null;
  const path = `steps[${step}].layers[${m.layer}].${m.key}`;
  return ex.shapes.has(path) ? path : null;
}

/** The last member that is a value, and its index. */
function lastValue(chain: Chain, atoms: readonly Atom[][]): Last {
  for (let k = chain.members.length - 1; k >= 0; k--) {
    const value = memberValue(chain.members[k].nodes, atoms[k], chain.members[k].frag.tex);
    if (value) return { value, member: k };
  }
  return null;
}

/** Factors of the chain's formulas whose values are written in a later member, in the cursor's current step. */
function factorCandidates(chain: Chain, atoms: readonly Atom[][], ex: Exercise, cursor: StepCursor): Candidate[] {
  // A formula, then its numbers: two members at least.
  if (chain.members.length < 2) return [];
  const members = chain.members.map((m, k) => ({ atoms: atoms[k], tex: m.frag.tex }));
  return factorReadings(members, ex.ctx).flatMap((r) => {
    const path = `steps[${cursor.current()}].layers[${r.meaning.layer}].${r.meaning.key}`;
    return ex.shapes.has(path) ? [{ path, how: "factor" as const, value: r.value, chain, member: r.member }] : [];
  });
}

/** An entry (A^1_{2}, ∂L/∂w^2_{13}) is a candidate for one cell of its quantity; its line is unread unless the quantity is placed. */
function entryReading(chain: Chain, path: string, element: number[], last: Last, ex: Exercise, factors: Candidate[]): ChainReading {
  const at = cellOf(path, element, ex);
  if (!at || !last?.value.scalar) return { chain, status: "unread", candidates: factors };
  const entry: Candidate = { path, how: "entry", value: last.value, chain, member: last.member, at };
  return { chain, status: "candidate", candidates: [entry, ...factors], unreadUnless: path };
}

/**
 * The cell an entry's indices name, in the solution's shape: one index for a single sample's vector
 * or a bias, two in the layout's order ((sample, unit) in row layout, (unit, sample) in column
 * layout; W as the exercise writes it).
 */
function cellOf(path: string, element: number[], ex: Exercise): [number, number] | null {
  const q = ex.shapes.get(path);
  if (!q) return null;
  const [rows, cols] = q.shape;
  let at: [number, number] | null = null;
  if (element.length === 1 && rows === 1) at = [0, element[0] - 1];
  else if (element.length === 2 && q.kind === "weight") at = [element[0] - 1, element[1] - 1];
  else if (element.length === 2 && q.kind === "sample") at = ex.ctx.layout === "row" ? [element[0] - 1, element[1] - 1] : [element[1] - 1, element[0] - 1];
  if (!at || at[0] < 0 || at[1] < 0 || at[0] >= rows || at[1] >= cols) return null;
  return at;
}

/** Whether a restated given (W^1 = …, x = …, η = 0.1) holds the exercise's own numbers. */
function sameAsGiven(value: Value, which: "inputs" | "targets" | "eta" | "W" | "B", layer: number, ex: Exercise): boolean {
  const { net } = ex;
  const [given, kind]: [number[][], Kind] =
    which === "inputs" ? [numbers(net.inputs), "sample"]
    : which === "targets" ? [numbers(net.targets), "sample"]
    : which === "eta" ? [[[toNumber(net.learningRate)]], "scalar"]
    : which === "W" ? [numbers(inLayout(net.layers[layer].W, net.layout)), "weight"]
    : [[(net.layers[layer].B ?? []).map(toNumber)], "flat"];
  if (given[0].length === 0) return false;
  const cells = converted(fitted(value, kind, [given.length, given[0].length], net.layout));
  return !!cells && cells.every((row, i) => row.every((c, j) => close(jsonCell(c), given[i][j])));
}

const numbers = (m: readonly (readonly Num[])[]) => m.map((row) => row.map(toNumber));
const close = (cell: number | string, x: number) => typeof cell === "number" && Math.abs(cell - x) <= 1e-9 * Math.max(1, Math.abs(x));

/** Numbers written outside scripts (the 1 of A^1 is a name, the 1 of = 1 is a number). */
export function hasNumbers(nodes: readonly TexNode[], depth = 0): boolean {
  if (depth > 8) return false;
  let script = false;
  for (const n of nodes) {
    if (n.kind === "tok" && (n.text === "^" || n.text === "_")) {
      script = true;
      continue;
    }
    const inScript = script && !(n.kind === "tok" && /^\s+$/.test(n.text));
    if (inScript) script = false;
    if (inScript) continue;
    if (n.kind === "tok" && /^\.?\d/.test(n.text)) return true;
    if (n.kind !== "tok" && hasNumbers(n.body, depth + 1)) return true;
  }
  return false;
}
