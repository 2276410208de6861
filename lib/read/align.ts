// Values read off products: a formula member (Δ^3 W^{3T} ⊙ ∂h/∂A^2) and a later member of numbers in the same form give each named factor its value.
import { atomsOf, type Atom } from "./atoms";
import { atomMeaning, type Context, type Meaning } from "./labels";
import type { TexNode } from "./tex";
import type { Value } from "./types";
import { atomValue } from "./values";

/** A chain member with the TeX its nodes point into. */
export interface MemberText {
  nodes: readonly TexNode[];
  tex: string;
}

/** A layer quantity named as a factor of a formula, with the value written in its place. */
export interface FactorReading {
  meaning: Extract<Meaning, { kind: "layer" }>;
  value: Value;
  /** The member the value was read from. */
  member: number;
}

/** A member as a sum of terms, each a ⊙-product of groups, each group a product of factors. */
interface Term {
  sign: "+" | "-";
  groups: Atom[][];
}

/** Every factor reading of a chain: each member of numbers is read against the last formula member before it. */
export function factorReadings(members: readonly MemberText[], ctx: Context): FactorReading[] {
  const out: FactorReading[] = [];
  let formula: Term[] | null = null;
  members.forEach((m, k) => {
    const terms = termsOf(atomsOf(m.nodes));
    if (!terms) return;
    if (terms.every((t) => t.groups.every((g) => g.every(isSymbolic)))) {
      formula = terms;
      return;
    }
    const values = terms.map((t) => t.groups.map((g) => g.map((a) => atomValue(a, m.tex))));
    if (formula && values.every((t) => t.every((g) => g.every((v) => v !== null)))) out.push(...paired(formula, terms, values, k, ctx));
  });
  return out;
}

/** Terms split at binary + and −, groups at ⊙; · and × between factors are dropped; a function word keeps its bracket. */
function termsOf(atoms: Atom[]): Term[] | null {
  const terms: Term[] = [];
  let current: Term = { sign: "+", groups: [[]] };
  const group = () => current.groups[current.groups.length - 1];
  for (let i = 0; i < atoms.length; i++) {
    const a = atoms[i];
    if (a.kind === "op" && (a.text === "+" || a.text === "-")) {
      if (group().length > 0 || current.groups.length > 1) terms.push(current);
      else if (terms.length > 0) return null;
      current = { sign: a.text, groups: [[]] };
      continue;
    }
    if (a.kind === "op" && a.text === "⊙") current.groups.push([]);
    else if (a.kind === "op" && a.text === "·") continue;
    else if (a.kind === "op" || a.kind === "other") return null;
    else if (a.kind === "word" && atoms[i + 1]?.kind === "bracket") group().push({ ...a, kind: "call", name: a.text, args: [], nodes: [...a.nodes, ...atoms[++i].nodes] });
    else group().push(a);
  }
  terms.push(current);
  return terms.every((t) => t.groups.every((g) => g.length > 0)) ? terms : null;
}

/** A factor that is a name, not a number. */
function isSymbolic(a: Atom): boolean {
  if (a.kind === "sym" || a.kind === "partial" || a.kind === "call") return a.kind !== "sym" || a.base !== "e";
  return a.kind === "bracket" && a.open !== "{" && atomsOf(a.body, 1).every((x) => x.kind === "sym" || x.kind === "partial");
}

/** The readings of a numeric member laid over a formula of the same form. */
function paired(formula: Term[], terms: Term[], values: (Value | null)[][][], member: number, ctx: Context): FactorReading[] {
  if (formula.length !== terms.length) return [];
  const out: FactorReading[] = [];
  formula.forEach((ft, t) => {
    if (ft.sign !== terms[t].sign || ft.groups.length !== terms[t].groups.length) return;
    ft.groups.forEach((names, g) => {
      const written = values[t][g];
      if (names.length === written.length) names.forEach((name, f) => push(out, meaningOf([name], ctx), written[f], member));
      else if (written.length === 1) push(out, meaningOf(names, ctx), written[0], member);
    });
  });
  return out;
}

function push(out: FactorReading[], meaning: Meaning, value: Value | null, member: number): void {
  if (meaning.kind === "layer" && meaning.element === null && value) out.push({ meaning, value, member });
}

/**
 * What a group of factors names: one factor names itself; Δ^{l+1} W^{(l+1)T} (row layout) or
 * W^T_{l+1} δ_{l+1} (column layout) is ∂L/∂X^l.
 */
function meaningOf(names: Atom[], ctx: Context): Meaning {
  const meanings = names.map((a) => atomMeaning(a, ctx, { updated: false }));
  if (meanings.length === 1) return meanings[0];
  if (meanings.length !== 2) return { kind: "unknown" };
  const [delta, weights] = ctx.layout === "row" ? meanings : [meanings[1], meanings[0]];
  const back = weights.kind === "transposed" ? weights.of : null;
  if (delta.kind !== "layer" || delta.key !== "delta" || delta.element !== null) return { kind: "unknown" };
  if (back?.kind !== "param" || back.which !== "W" || back.updated || back.layer !== delta.layer || delta.layer < 1) return { kind: "unknown" };
  return { kind: "layer", key: "dX", layer: delta.layer - 1, element: null };
}
