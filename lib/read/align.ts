// Values read off products: a formula member (Δ^3 W^{3T} ⊙ ∂h/∂A^2) and a later member of numbers in the same form give each named factor its value.
import { atomsOf, type Atom } from "./atoms";
import { atomMeaning, type Context, type Meaning } from "./labels";
import type { Value } from "./types";
import { atomValue } from "./values";

/** A chain member read as atoms, with the TeX its nodes point into. */
export interface MemberText {
  atoms: readonly Atom[];
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
  for (let k = 0; k < members.length; k++) {
    const m = members[k];
    const terms = m.atoms.length > 0 ? termsOf(m.atoms) : null;
    if (!terms) continue;
    if (terms.every((t) => t.groups.every((g) => g.every(isSymbolic)))) formula = terms;
    else if (formula && sameForm(formula, terms)) out.push(...paired(formula, terms, m.tex, k, ctx));
  }
  return out;
}

/** The same terms, signs and ⊙-groups, each group with as many factors (or one: their product), every factor written as numbers. */
function sameForm(formula: Term[], terms: Term[]): boolean {
  if (formula.length !== terms.length) return false;
  return formula.every((ft, t) => {
    const written = terms[t];
    if (ft.sign !== written.sign || ft.groups.length !== written.groups.length) return false;
    return ft.groups.every((g, k) => {
      const w = written.groups[k];
      return (w.length === g.length || w.length === 1) && w.every(looksNumeric);
    });
  });
}

/** A factor written as a number or a matrix (its cells are checked only when it is used). */
function looksNumeric(a: Atom): boolean {
  return a.kind === "matrix" || a.kind === "number" || a.kind === "frac" || (a.kind === "bracket" && a.open !== "{");
}

/** Terms split at binary + and −, groups at ⊙; · and × between factors are dropped; a function word keeps its bracket. */
function termsOf(atoms: readonly Atom[]): Term[] | null {
  const terms: Term[] = [];
  let current: Term = { sign: "+", groups: [[]] };
  let group = current.groups[0];
  for (let i = 0; i < atoms.length; i++) {
    const a = atoms[i];
    if (a.kind === "op" && (a.text === "+" || a.text === "-")) {
      if (group.length > 0 || current.groups.length > 1) terms.push(current);
      else if (terms.length > 0) return null;
      current = { sign: a.text, groups: [[]] };
      group = current.groups[0];
      continue;
    }
    if (a.kind === "op" && a.text === "⊙") current.groups.push((group = []));
    else if (a.kind === "op" && a.text === "·") continue;
    else if (a.kind === "op" || a.kind === "other") return null;
    else if (a.kind === "word" && atoms[i + 1]?.kind === "bracket") group.push({ ...a, kind: "call", name: a.text, args: [], nodes: [...a.nodes, ...atoms[++i].nodes] });
    else group.push(a);
  }
  terms.push(current);
  return terms.every((t) => t.groups.every((g) => g.length > 0)) ? terms : null;
}

/** A factor that is a name, not a number. */
function isSymbolic(a: Atom): boolean {
  if (a.kind === "sym" || a.kind === "partial" || a.kind === "call") return a.kind !== "sym" || a.base !== "e";
  return a.kind === "bracket" && a.open !== "{" && atomsOf(a.body, 1).every((x) => x.kind === "sym" || x.kind === "partial");
}

/** The readings of a numeric member laid over a formula of the same form: a value is read only where a quantity is named. */
function paired(formula: Term[], terms: Term[], tex: string, member: number, ctx: Context): FactorReading[] {
  const out: FactorReading[] = [];
  formula.forEach((ft, t) =>
    ft.groups.forEach((names, g) => {
      const written = terms[t].groups[g];
      if (names.length === written.length) names.forEach((name, f) => push(out, meaningOf([name], ctx), written[f], tex, member));
      else push(out, meaningOf(names, ctx), written[0], tex, member);
    }),
  );
  return out;
}

function push(out: FactorReading[], meaning: Meaning, written: Atom, tex: string, member: number): void {
  if (meaning.kind !== "layer" || meaning.element !== null) return;
  const value = atomValue(written, tex);
  if (value) out.push({ meaning, value, member });
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
