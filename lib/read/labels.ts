// What a left side names, in the exercise's notation: a layer's quantity, a parameter, the loss, a given, or nothing sure.
import type { LayerKey } from "../exercises/quantities";
import type { Layout } from "../nn/types";
import { atomsOf, plainText, type Atom, type Scripts } from "./atoms";
import type { TexNode } from "./tex";

/** What the reader knows of the exercise when it reads a name. */
export interface Context {
  layout: Layout;
  /** Number of layers L. */
  layers: number;
  /** The transcript writes ŷ somewhere (so a bare y is the target, not the output). */
  hats: boolean;
}

/** Words around a left side (in \text{…} or the prose before it) that mark an update or the loss after it. */
export interface Cue {
  updated: boolean;
}

export type Meaning =
  | { kind: "layer"; key: LayerKey; layer: number; element: number[] | null }
  | { kind: "param"; which: "W" | "B"; layer: number; updated: boolean; element: number[] | null }
  | { kind: "loss"; after: boolean }
  | { kind: "given"; which: "inputs" | "targets" | "eta" }
  | { kind: "transposed"; of: Meaning }
  | { kind: "unknown" };

const UNKNOWN: Meaning = { kind: "unknown" };

/** Words that mark an updated parameter or the loss after the update. */
export const UPDATE_WORDS = /new|updated|after|更新後|更新|업데이트|갱신/i;

/** A symbol's role in a layout (before its layer is read). */
type Role = "pre" | "out" | "delta" | "W" | "B" | "targets" | "eta" | "loss" | "output" | "hidden" | "y" | "elementPre" | "elementOut";

const ROW_ROLES: Record<string, Role> = { A: "pre", X: "out", a: "elementPre", x: "elementOut", "Δ": "delta", "δ": "delta", W: "W", w: "W", B: "B", b: "B", T: "targets", "ŷ": "output" };
const COLUMN_ROLES: Record<string, Role> = { z: "pre", Z: "pre", x: "out", X: "out", h: "hidden", "ŷ": "output", y: "y", "δ": "delta", "Δ": "delta", W: "W", w: "W", b: "B", B: "B", t: "targets", T: "targets" };
const SHARED_ROLES: Record<string, Role> = { "η": "eta", "α": "eta", L: "loss", E: "loss", "𝓛": "loss", "ℒ": "loss" };
const LOSS_WORDS = new Set(["CE", "MSE", "SSE", "BCE", "Loss", "loss"]);

function roleOf(base: string, layout: Layout): Role | null {
  const table = layout === "row" ? ROW_ROLES : COLUMN_ROLES;
  if (Object.hasOwn(table, base)) return table[base];
  return Object.hasOwn(SHARED_ROLES, base) ? SHARED_ROLES[base] : null;
}

/** A script read as a number (the layer or the indices) and marks: T, ', *, +, new, after, loss names. */
interface ScriptParts {
  digits: string | null;
  transposed: boolean;
  updated: boolean;
  named: boolean;
  bad: boolean;
}

const MARKS: [string, keyof Pick<ScriptParts, "transposed" | "updated" | "named"> | null][] = [
  ["(new)", "updated"],
  ["(after)", "updated"],
  ["updated", "updated"],
  ["after", "updated"],
  ["new", "updated"],
  ["更新後", "updated"],
  ["'", "updated"],
  ["*", "updated"],
  ["+", "updated"],
  ["T", "transposed"],
  ["⊤", "transposed"],
  ["CE", "named"],
  ["MSE", "named"],
  ["SSE", "named"],
  ["BCE", "named"],
  ["total", "named"],
  ["loss", "named"],
  ["(", null],
  [")", null],
  [",", null],
];

function scriptParts(text: string | null): ScriptParts {
  const parts: ScriptParts = { digits: null, transposed: false, updated: false, named: false, bad: false };
  if (text === null) return parts;
  const m = /^[([]?(\d{1,3}(?:,\d{1,2})?)[)\]]?/.exec(text);
  let rest = text;
  if (m) {
    parts.digits = m[1];
    rest = text.slice(m[0].length);
  }
  while (rest !== "") {
    const mark = MARKS.find(([s]) => rest.startsWith(s));
    if (!mark) return { ...parts, bad: true };
    if (mark[1]) parts[mark[1]] = true;
    rest = rest.slice(mark[0].length);
  }
  return parts;
}

/** The layer and the entry indices a symbol's scripts give (layer from the superscript when both are written). */
interface Index {
  layer: number | null;
  fromSub: boolean;
  element: number[] | null;
  transposed: boolean;
  updated: boolean;
  named: boolean;
  bad: boolean;
}

function indexOf(s: Scripts): Index {
  const [sup, sub] = [scriptParts(s.sup), scriptParts(s.sub)];
  const flags = {
    transposed: sup.transposed || sub.transposed,
    updated: sup.updated || sub.updated || s.primes > 0,
    named: sup.named || sub.named,
    bad: sup.bad || sub.bad,
  };
  const none = { layer: null, fromSub: false, element: null, ...flags };
  if (sup.digits !== null && sub.digits !== null) {
    if (sup.digits.includes(",")) return { ...none, bad: true };
    return { ...none, layer: Number(sup.digits), element: indices(sub.digits) };
  }
  if (sup.digits !== null) return sup.digits.includes(",") ? { ...none, bad: true } : { ...none, layer: Number(sup.digits) };
  if (sub.digits !== null) {
    // One digit below is a layer (Z_2, W_1); more is an entry without a layer: not sure which.
    if (/^\d$/.test(sub.digits)) return { ...none, layer: Number(sub.digits), fromSub: true };
    return { ...none, element: indices(sub.digits), bad: true };
  }
  return none;
}

/** "13" → [1, 3]; "1,12" → [1, 12]; "2" → [2]. */
function indices(digits: string): number[] {
  return digits.includes(",") ? digits.split(",").map(Number) : [...digits].map(Number);
}

/** What a symbol names in the context. */
export function symbolMeaning(base: string, scripts: Scripts, ctx: Context, cue: Cue): Meaning {
  const role = roleOf(base, ctx.layout);
  if (!role) return UNKNOWN;
  const ix = indexOf(scripts);
  if (ix.bad) return UNKNOWN;
  if (ix.transposed) {
    const of = roleMeaning(role, { ...ix, transposed: false }, ctx, cue);
    return of.kind === "unknown" ? of : { kind: "transposed", of };
  }
  return roleMeaning(role, ix, ctx, cue);
}

function roleMeaning(role: Role, ix: Index, ctx: Context, cue: Cue): Meaning {
  switch (role) {
    case "loss":
      return ix.layer === null && ix.element === null && !ix.transposed ? { kind: "loss", after: ix.updated || cue.updated } : UNKNOWN;
    case "eta":
      return ix.layer === null && ix.element === null ? { kind: "given", which: "eta" } : UNKNOWN;
    case "targets":
      return ix.layer === null && ix.element === null && !ix.updated ? { kind: "given", which: "targets" } : UNKNOWN;
    case "W":
    case "B":
      return paramMeaning(role, ix, ctx, cue);
    default:
      return layerMeaning(role, ix, ctx);
  }
}

function paramMeaning(which: "W" | "B", ix: Index, ctx: Context, cue: Cue): Meaning {
  const layer = ix.layer ?? (ctx.layers === 1 ? 1 : null);
  if (layer === null || layer < 1 || layer > ctx.layers || ix.named) return UNKNOWN;
  return { kind: "param", which, layer: layer - 1, updated: ix.updated || cue.updated, element: ix.element };
}

/** Per-sample quantities: A/z, X/x/h/ŷ/y, Δ/δ. */
function layerMeaning(role: Role, ix: Index, ctx: Context): Meaning {
  if (ix.updated || ix.named) return UNKNOWN;
  const L = ctx.layers;
  switch (role) {
    case "pre":
      return layerAt("A", ix.layer, ix.element, L);
    case "delta":
      return layerAt("delta", ix.layer, ix.element, L);
    case "elementPre":
      return ix.element ? layerAt("A", ix.layer, ix.element, L) : UNKNOWN;
    case "elementOut":
      return ix.element ? outMeaning(ix, ctx) : UNKNOWN;
    case "out":
      return outMeaning(ix, ctx);
    case "hidden":
      if (ix.layer === null) return L === 2 && !ix.element ? layerAt("X", 1, null, L) : UNKNOWN;
      return ix.layer < L ? layerAt("X", ix.layer, ix.element, L) : UNKNOWN;
    case "output":
      return ix.layer === null || ix.layer === L ? outputEntry(ix, L) : UNKNOWN;
    case "y":
      if (ctx.hats) return ix.layer === null && !ix.element ? { kind: "given", which: "targets" } : UNKNOWN;
      return ix.layer === null || ix.layer === L ? outputEntry(ix, L) : UNKNOWN;
    default:
      return UNKNOWN;
  }
}

/** Layer `layer` (as written, 1-based) of L, or nothing sure. */
function layerAt(key: LayerKey, layer: number | null, element: number[] | null, L: number): Meaning {
  return layer !== null && layer >= 1 && layer <= L ? { kind: "layer", key, layer: layer - 1, element } : UNKNOWN;
}

/** ŷ_k names entry k of the output (a subscript digit is an entry, never a layer: ŷ has none). */
function outputEntry(ix: Index, L: number): Meaning {
  const element = ix.fromSub && ix.layer !== null ? [ix.layer] : ix.element;
  return { kind: "layer", key: "X", layer: L - 1, element };
}

/** X^l (x^l in column layout; x_1 there is not sure: an input entry or layer 1). X^0 and a bare X are the inputs. */
function outMeaning(ix: Index, ctx: Context): Meaning {
  if (ctx.layout === "column" && ix.fromSub) return UNKNOWN;
  if (ix.layer === null || ix.layer === 0) return ix.element ? UNKNOWN : { kind: "given", which: "inputs" };
  return ix.layer <= ctx.layers ? { kind: "layer", key: "X", layer: ix.layer - 1, element: ix.element } : UNKNOWN;
}

/** ∂L/∂(something): Δ for a pre-activation, ∂L/∂X for an output, ∂L/∂W, ∂L/∂B. */
export function derivativeMeaning(of: Atom[], by: Atom[], ctx: Context): Meaning {
  if (of.length !== 1 || by.length !== 1) return UNKNOWN;
  const [loss, wrt] = [of[0], by[0]];
  if (!isLossAtom(loss, ctx) || wrt.kind !== "sym") return UNKNOWN;
  const m = symbolMeaning(wrt.base, wrt.scripts, ctx, { updated: false });
  if (m.kind === "param") return m.updated ? UNKNOWN : { kind: "layer", key: m.which === "W" ? "dW" : "dB", layer: m.layer, element: m.element };
  if (m.kind !== "layer") return UNKNOWN;
  if (m.key === "A") return { ...m, key: "delta" };
  if (m.key === "X") return { ...m, key: "dX" };
  return UNKNOWN;
}

/** L, E, 𝓛 (with a name below such as CE, never a layer or a prime) or the word CE. */
function isLossAtom(a: Atom, ctx: Context): boolean {
  if (a.kind === "word") return LOSS_WORDS.has(a.text) && a.scripts.sup === null && a.scripts.primes === 0;
  if (a.kind !== "sym") return false;
  const m = symbolMeaning(a.base, a.scripts, ctx, { updated: false });
  return m.kind === "loss" && !m.after;
}

/** What an atom names on its own (a symbol, ∂L/∂·, a loss written as a call). */
export function atomMeaning(a: Atom, ctx: Context, cue: Cue): Meaning {
  if (a.kind === "sym") return symbolMeaning(a.base, a.scripts, ctx, cue);
  if (a.kind === "partial") return derivativeMeaning(a.of, a.by, ctx);
  if (a.kind === "bracket" && a.open !== "{") return bracketed(a, ctx, cue);
  return UNKNOWN;
}

/** (∂L/∂z_2) or \{x^T\}: a bracket around one atom names what the atom names (a ^T after it transposes). */
function bracketed(a: Extract<Atom, { kind: "bracket" }>, ctx: Context, cue: Cue): Meaning {
  const inner = atomsOf(a.body, 1);
  if (inner.length !== 1) return UNKNOWN;
  const of = atomMeaning(inner[0], ctx, cue);
  if (a.scripts.sup === "T" || a.scripts.sup === "⊤") return of.kind === "unknown" ? of : { kind: "transposed", of };
  if (a.scripts.sup !== null || a.scripts.sub !== null) return UNKNOWN;
  return of;
}

const MAX_LEFT_SIDE = 80;

/** A left side: numbering and words stripped, then one name (or ∂L/∂X written inline, or a loss as CE(X^3, T)). */
export function leftSideMeaning(lhs: readonly TexNode[], ctx: Context, cue: Cue): Meaning {
  // A name is short; a long left side is an expression.
  if (lhs.length > MAX_LEFT_SIDE) return UNKNOWN;
  const atoms = atomsOf(lhs);
  const { rest, words } = withoutLead(atoms);
  const marked: Cue = { updated: cue.updated || UPDATE_WORDS.test(words) };
  const core = withoutTrailingWords(rest, marked);
  if (core.length === 1) return atomMeaning(core[0], ctx, marked);
  if (core.length === 2 && core[1].kind === "bracket" && core[1].open === "(") return lossCall(core[0], core[1], ctx, marked);
  if (core.length === 5) return inlineDerivative(core, ctx);
  return UNKNOWN;
}

/** Leading numbering ((1), ①, Q1b), 1.) and words (\text{new}, 更新後の) before the name. */
function withoutLead(atoms: Atom[]): { rest: Atom[]; words: string } {
  let words = "";
  let i = 0;
  const closer = atoms.slice(0, 5).findIndex((a) => a.kind === "other" && (a.text === ")" || a.text === ":"));
  if (closer > 0 && atoms.slice(0, closer).every((a) => a.kind === "sym" || a.kind === "number" || a.kind === "word")) i = closer + 1;
  for (; i < atoms.length; i++) {
    const a = atoms[i];
    if (a.kind === "word" && !LOSS_WORDS.has(a.text) && !isFunctionWord(a.text)) words += ` ${a.text}`;
    else if (a.kind === "bracket" && a.open === "(" && /^\s*[\dA-Za-z]{1,4}\s*$/.test(plainText(a.body)) && atoms.length > i + 1) continue;
    else if (a.kind === "other" && /^[\u2460-\u2473]$/.test(a.text)) continue;
    else if (a.kind === "number" && atoms[i + 1] && otherText(atoms[i + 1]) === ".") i++;
    else break;
  }
  return { rest: atoms.slice(i), words };
}

const otherText = (a: Atom) => (a.kind === "other" ? a.text : "");
const isFunctionWord = (w: string) => /^(ReLU|relu|softmax|Softmax|max|min|exp|ln|log|sigmoid|tanh|sum|prod|sqrt|sin|cos|operatorname|sigma)$/.test(w);

/** "W^1 (new)" or "W^1 \text{updated}": trailing update words mark the name. */
function withoutTrailingWords(atoms: Atom[], cue: Cue): Atom[] {
  const last = atoms[atoms.length - 1];
  if (atoms.length < 2 || !last) return atoms;
  const text = last.kind === "word" ? last.text : last.kind === "bracket" ? plainText(last.body) : "";
  if (!UPDATE_WORDS.test(text) || !/^[\s\p{L}]*$/u.test(text)) return atoms;
  cue.updated = true;
  return atoms.slice(0, -1);
}

/** CE(X^3, T), L(ŷ, y), E(…): a loss named with the output and the targets only. */
function lossCall(name: Atom, args: Extract<Atom, { kind: "bracket" }>, ctx: Context, cue: Cue): Meaning {
  const isName = (name.kind === "word" && LOSS_WORDS.has(name.text)) || (name.kind === "sym" && roleOf(name.base, ctx.layout) === "loss");
  if (!isName) return UNKNOWN;
  const parts = splitArgs(atomsOf(args.body, 1));
  const fits = parts.length >= 1 && parts.length <= 2 && parts.every((p) => p.length === 1 && isOutputOrTarget(p[0], ctx));
  if (!fits) return UNKNOWN;
  const after = "scripts" in name && (name.scripts.primes > 0 || scriptParts(name.scripts.sub).updated || scriptParts(name.scripts.sup).updated);
  return { kind: "loss", after: after || cue.updated };
}

function splitArgs(atoms: Atom[]): Atom[][] {
  const out: Atom[][] = [[]];
  for (const a of atoms) {
    if (a.kind === "other" && a.text === ",") out.push([]);
    else out[out.length - 1].push(a);
  }
  return out;
}

function isOutputOrTarget(a: Atom, ctx: Context): boolean {
  const m = atomMeaning(a, ctx, { updated: false });
  return (m.kind === "given" && m.which === "targets") || (m.kind === "layer" && m.key === "X" && m.layer === ctx.layers - 1 && m.element === null);
}

/** ∂L / ∂X^2 written on one line. */
function inlineDerivative(core: Atom[], ctx: Context): Meaning {
  const [d1, of, slash, d2, by] = core;
  const isOp = (a: Atom, t: string) => a.kind === "op" && a.text === t;
  if (!isOp(d1, "∂") || !isOp(slash, "/") || !isOp(d2, "∂")) return UNKNOWN;
  return derivativeMeaning([of], [by], ctx);
}
