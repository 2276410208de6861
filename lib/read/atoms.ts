// The pieces of an expression, in order: symbols with their scripts, ∂/∂ fractions, words, brackets, matrices, numbers, operators.
import { isSpaceTok, type Env, type TexNode } from "./tex";

/** A superscript and subscript as plain text ("(1)T", "13", "CE"), and the primes written after them. */
export interface Scripts {
  sup: string | null;
  sub: string | null;
  primes: number;
}

interface Span {
  /** The nodes the atom was read from. */
  nodes: TexNode[];
}

export type Atom = Span &
  (
    | { kind: "sym"; base: string; scripts: Scripts }
    | { kind: "partial"; of: Atom[]; by: Atom[] }
    | { kind: "frac"; num: TexNode[]; den: TexNode[] }
    | { kind: "word"; text: string; scripts: Scripts }
    | { kind: "call"; name: string; args: TexNode[]; scripts: Scripts }
    | { kind: "bracket"; open: string; body: TexNode[]; scripts: Scripts }
    | { kind: "matrix"; env: Env; scripts: Scripts }
    | { kind: "number"; text: string }
    | { kind: "op"; text: string }
    | { kind: "other"; text: string }
  );

/** Atoms inside atoms (a ∂/∂ fraction, a styled letter) are read this deep at most. */
const MAX_ATOM_DEPTH = 8;

export const MATRIX_ENVS = new Set(["pmatrix", "bmatrix", "Bmatrix", "matrix", "smallmatrix", "array", "vmatrix", "Vmatrix"]);
const GREEK: Record<string, string> = {
  "\\Delta": "Δ",
  "\\delta": "δ",
  "\\eta": "η",
  "\\alpha": "α",
  "\\ell": "ℓ",
  "\\sigma": "σ",
  "\\epsilon": "ε",
  "\\varepsilon": "ε",
  "\\lambda": "λ",
  "\\theta": "θ",
  "\\mu": "μ",
  "\\nabla": "∇",
  "\\top": "⊤",
  "\\intercal": "⊤",
  "\\pi": "π",
};
const OPS: Record<string, string> = {
  "+": "+",
  "-": "-",
  "−": "-",
  "–": "-",
  "\\odot": "⊙",
  "⊙": "⊙",
  "\\circ": "⊙",
  "∘": "⊙",
  "\\otimes": "⊙",
  "\\cdot": "·",
  "·": "·",
  "⋅": "·",
  "\\times": "·",
  "×": "·",
  "*": "·",
  "\\ast": "·",
  "/": "/",
  "\\div": "/",
  "÷": "/",
  "\\partial": "∂",
  "∂": "∂",
};
/** Letters written together that make one word, not a product (XW is X times W). */
const WORDS = new Set(["CE", "MSE", "SSE", "BCE", "ReLU", "relu", "softmax", "max", "min", "exp", "ln", "log", "sigmoid", "tanh", "new", "Loss", "loss", "sum", "Softmax"]);
const FUNCTIONS = new Set(["\\sum", "\\prod", "\\max", "\\min", "\\ln", "\\log", "\\exp", "\\sqrt", "\\sin", "\\cos", "\\tanh", "\\operatorname", "\\sigma"]);
const STYLES = new Set(["\\mathbf", "\\boldsymbol", "\\bm", "\\mathit", "\\mathbb", "\\vec", "\\bar", "\\overline", "\\tilde", "\\mathsf", "\\mathbfit"]);
const TEXTS = new Set(["\\text", "\\mathrm", "\\textrm", "\\mbox", "\\textbf", "\\textit", "\\texttt", "\\textnormal", "\\operatorname"]);
const SPACES = new Set(["\\,", "\\;", "\\:", "\\ ", "\\quad", "\\qquad", "~", "\\enspace", "\\thinspace", "\\hspace"]);
const OPENERS: Record<string, string> = { "(": ")", "[": "]", "\\{": "\\}", "\\lbrace": "\\rbrace" };
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

function noScripts(): Scripts {
  return { sup: null, sub: null, primes: 0 };
}

function tokText(n: TexNode | undefined): string {
  return n && n.kind === "tok" ? n.text : "";
}

/** The atoms of a node list; what lies deeper than MAX_ATOM_DEPTH is one opaque atom. */
export function atomsOf(nodes: readonly TexNode[], depth = 0): Atom[] {
  if (depth > MAX_ATOM_DEPTH) return [{ kind: "other", text: "…", nodes: [...nodes] }];
  const closing = matchBrackets(nodes);
  const out: Atom[] = [];
  for (let i = 0; i < nodes.length; ) {
    if (isSpaceTok(nodes[i]) || SPACES.has(tokText(nodes[i]))) {
      i++;
      continue;
    }
    const [atom, next] = atomAt(nodes, i, closing, depth);
    const [withScripts, after] = scripted(atom, nodes, next);
    out.push(withScripts);
    i = after;
  }
  return out;
}

/** For each opening bracket, the index of its closing one (one pass with a stack); none when there is no bracket. */
function matchBrackets(nodes: readonly TexNode[]): Map<number, number> | null {
  let closing: Map<number, number> | null = null;
  const stack: number[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const t = tokText(nodes[i]);
    if (t.length > 7 || t === "") continue;
    if (Object.hasOwn(OPENERS, t)) stack.push(i);
    else if (t === ")" || t === "]" || t === "\\}" || t === "\\rbrace") {
      const open = stack.pop();
      if (open !== undefined && OPENERS[tokText(nodes[open])] === t) (closing ??= new Map()).set(open, i);
    }
  }
  return closing;
}

function atomAt(nodes: readonly TexNode[], i: number, closing: Map<number, number> | null, depth: number): [Atom, number] {
  const n = nodes[i];
  if (n.kind === "env") {
    const atom: Atom = MATRIX_ENVS.has(n.name) ? { kind: "matrix", env: n, scripts: noScripts(), nodes: [n] } : { kind: "other", text: n.name, nodes: [n] };
    return [atom, i + 1];
  }
  if (n.kind === "group") return [grouped(n.body, [n], depth), i + 1];
  const t = n.text;
  const close = closing?.get(i);
  if (close !== undefined) return [{ kind: "bracket", open: t, body: nodes.slice(i + 1, close), scripts: noScripts(), nodes: nodes.slice(i, close + 1) }, close + 1];
  if (/^[\d.]/.test(t)) return [{ kind: "number", text: t, nodes: [n] }, i + 1];
  if (/^[A-Za-z]$/.test(t)) return letters(nodes, i);
  if (CJK.test(t)) return cjkWord(nodes, i);
  if (Object.hasOwn(OPS, t)) return [{ kind: "op", text: OPS[t], nodes: [n] }, i + 1];
  if (Object.hasOwn(GREEK, t)) return [{ kind: "sym", base: GREEK[t], scripts: noScripts(), nodes: [n] }, i + 1];
  if (t.startsWith("\\")) return command(nodes, i, depth);
  if (/^\p{L}$/u.test(t)) return [{ kind: "sym", base: t, scripts: noScripts(), nodes: [n] }, i + 1];
  return [{ kind: "other", text: t, nodes: [n] }, i + 1];
}

/** A brace group is transparent when it holds one atom ({W}^1); otherwise it is one opaque piece. */
function grouped(body: TexNode[], nodes: TexNode[], depth: number): Atom {
  const inner = atomsOf(body, depth + 1);
  if (inner.length === 1) return { ...inner[0], nodes };
  return { kind: "bracket", open: "{", body, scripts: noScripts(), nodes };
}

/** A single letter, or a known word written as letters (CE, ReLU): XW is two symbols. */
function letters(nodes: readonly TexNode[], i: number): [Atom, number] {
  let j = i;
  let word = "";
  while (j < nodes.length && j - i < 10 && /^[A-Za-z]$/.test(tokText(nodes[j]))) word += tokText(nodes[j++]);
  for (let k = j; k > i + 1; k--) {
    const w = word.slice(0, k - i);
    if (WORDS.has(w)) return [{ kind: "word", text: w, scripts: noScripts(), nodes: nodes.slice(i, k) }, k];
  }
  return [{ kind: "sym", base: word[0], scripts: noScripts(), nodes: [nodes[i]] }, i + 1];
}

function cjkWord(nodes: readonly TexNode[], i: number): [Atom, number] {
  let j = i;
  let text = "";
  while (j < nodes.length && CJK.test(tokText(nodes[j]))) text += tokText(nodes[j++]);
  return [{ kind: "word", text, scripts: noScripts(), nodes: nodes.slice(i, j) }, j];
}

/** The argument of a command at i: a group's body or one token (spaces skipped). */
function argument(nodes: readonly TexNode[], i: number): [TexNode[], number] | null {
  let j = i;
  while (j < nodes.length && isSpaceTok(nodes[j])) j++;
  const n = nodes[j];
  if (!n) return null;
  return [n.kind === "group" ? n.body : [n], j + 1];
}

function command(nodes: readonly TexNode[], i: number, depth: number): [Atom, number] {
  const t = tokText(nodes[i]);
  if (t === "\\frac" || t === "\\dfrac" || t === "\\tfrac" || t === "\\cfrac") return fraction(nodes, i, depth);
  if (FUNCTIONS.has(t)) return [{ kind: "word", text: t.slice(1), scripts: noScripts(), nodes: [nodes[i]] }, i + 1];
  const arg = argument(nodes, i + 1);
  if (!arg) return [{ kind: "other", text: t, nodes: [nodes[i]] }, i + 1];
  const [body, next] = arg;
  const plain = plainText(body);
  if (t === "\\hat" || t === "\\widehat") return [{ kind: "sym", base: plain === "y" ? "ŷ" : `^${plain}`, scripts: noScripts(), nodes: nodes.slice(i, next) }, next];
  if (t === "\\mathcal" || t === "\\mathscr") return [{ kind: "sym", base: plain === "L" ? "𝓛" : `cal${plain}`, scripts: noScripts(), nodes: nodes.slice(i, next) }, next];
  if (t === "\\textcircled") return [{ kind: "word", text: `(${plain})`, scripts: noScripts(), nodes: nodes.slice(i, next) }, next];
  if (STYLES.has(t)) return [{ ...grouped(body, nodes.slice(i, next), depth), nodes: nodes.slice(i, next) }, next];
  if (TEXTS.has(t)) {
    const text = plain.trim();
    if (/^[A-Za-z]$/.test(text)) return [{ kind: "sym", base: text, scripts: noScripts(), nodes: nodes.slice(i, next) }, next];
    return [{ kind: "word", text, scripts: noScripts(), nodes: nodes.slice(i, next) }, next];
  }
  return [{ kind: "other", text: t, nodes: [nodes[i]] }, i + 1];
}

/** \frac{…}{…}: a ∂/∂ derivative when both parts start with ∂ (or d), else a plain fraction. */
function fraction(nodes: readonly TexNode[], i: number, depth: number): [Atom, number] {
  const num = argument(nodes, i + 1);
  const den = num && argument(nodes, num[1]);
  if (!num || !den) return [{ kind: "other", text: "\\frac", nodes: [nodes[i]] }, i + 1];
  const span = nodes.slice(i, den[1]);
  const [top, bottom] = [atomsOf(num[0], depth + 1), atomsOf(den[0], depth + 1)];
  const of = afterPartial(top);
  const by = afterPartial(bottom);
  if (of && by) return [{ kind: "partial", of, by, nodes: span }, den[1]];
  return [{ kind: "frac", num: num[0], den: den[0], nodes: span }, den[1]];
}

/** The atoms after a leading ∂ (or d before a symbol), or null. */
function afterPartial(atoms: Atom[]): Atom[] | null {
  const [first, ...rest] = atoms;
  if (!first || rest.length === 0) return null;
  if (first.kind === "op" && first.text === "∂") return rest;
  if (first.kind === "sym" && first.base === "d" && first.scripts.sup === null && first.scripts.sub === null) return rest;
  return null;
}

/** Scripts and primes written after an atom: ^x, _{…}, ', ^{\prime}. */
function scripted(atom: Atom, nodes: readonly TexNode[], i: number): [Atom, number] {
  if (!("scripts" in atom)) return [atom, i];
  const scripts = { ...atom.scripts };
  let j = i;
  for (;;) {
    let k = j;
    while (k < nodes.length && isSpaceTok(nodes[k])) k++;
    const t = tokText(nodes[k]);
    if (t === "'" || t === "′" || t === "\\prime") {
      scripts.primes++;
      j = k + 1;
      continue;
    }
    if (t !== "^" && t !== "_") break;
    const arg = argument(nodes, k + 1);
    if (!arg) break;
    const text = scriptText(arg[0]);
    if (t === "^") scripts.sup = (scripts.sup ?? "") + text;
    else scripts.sub = (scripts.sub ?? "") + text;
    j = arg[1];
  }
  if (j === i) return [atom, i];
  return [{ ...atom, scripts, nodes: [...atom.nodes, ...nodes.slice(i, j)] }, j];
}

const SCRIPT_COMMANDS: Record<string, string> = { "\\top": "T", "\\intercal": "T", "\\prime": "'", "\\ast": "*", "\\star": "*", "\\dagger": "*" };

/** A script as short plain text: spaces dropped, \top → T, \prime → ', \text{new} → new; "?" when long or deep. */
export function scriptText(nodes: readonly TexNode[], depth = 0): string {
  if (depth > 4) return "?";
  let out = "";
  for (const n of nodes) {
    if (n.kind === "env") return "?";
    if (n.kind === "group") out += scriptText(n.body, depth + 1);
    else if (Object.hasOwn(SCRIPT_COMMANDS, n.text)) out += SCRIPT_COMMANDS[n.text];
    else if (TEXTS.has(n.text) || STYLES.has(n.text)) continue;
    else if (!isSpaceTok(n) && !SPACES.has(n.text)) out += n.text;
    if (out.length > 24) return "?";
  }
  return out;
}

/** The characters of a node list with commands and braces left out (\text{new } → "new "). */
export function plainText(nodes: readonly TexNode[], depth = 0): string {
  if (depth > 4) return "";
  let out = "";
  for (const n of nodes) {
    if (n.kind === "group") out += plainText(n.body, depth + 1);
    else if (n.kind === "tok" && !n.text.startsWith("\\")) out += n.text;
    else if (n.kind === "tok" && n.text === "\\ ") out += " ";
    if (out.length > 60) break;
  }
  return out;
}
