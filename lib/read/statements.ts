// A math fragment cut into statements: a left side and a chain of members joined by =, ← or ∴.
import { trimmed, type Env, type TexNode, type Tok } from "./tex";

/** How a member joins the chain: =, an assignment (←, :=), or a consequence (∴, ⇒). */
export type Link = "eq" | "assign" | "then";

export interface Member {
  nodes: TexNode[];
  link: Link;
}

export interface Statement {
  /** The left side (empty for a fragment that opens with "=": it continues an earlier chain). */
  lhs: TexNode[];
  members: Member[];
  /** Offset (in the fragment) where the statement starts. */
  start: number;
  /** Started after \quad: a side note next to a chain. */
  aside: boolean;
}

/** Environments whose rows are statements of their own (their & are alignment marks). */
const LAYOUT_ENVS = new Set(["cases", "aligned", "align", "align*", "alignat", "alignat*", "gathered", "gather", "gather*", "split", "eqnarray", "eqnarray*", "multline", "multline*", "equation", "equation*", "rcases", "dcases"]);

const LINKS: Record<string, Link> = {
  "=": "eq",
  "≈": "eq",
  "≃": "eq",
  "≒": "eq",
  "\\approx": "eq",
  "\\simeq": "eq",
  "\\fallingdotseq": "eq",
  "\\doteq": "eq",
  "←": "assign",
  "⟵": "assign",
  "\\leftarrow": "assign",
  "\\gets": "assign",
  "\\longleftarrow": "assign",
  "\\Leftarrow": "assign",
  "⇒": "then",
  "⟹": "then",
  "→": "then",
  "∴": "then",
  "\\Rightarrow": "then",
  "\\Longrightarrow": "then",
  "\\implies": "then",
  "\\therefore": "then",
  "\\to": "then",
  "\\rightarrow": "then",
  "\\longrightarrow": "then",
};

/** Marks that end a statement: commas, line breaks, wide spaces, "because". */
const BREAKS = new Set([",", ";", "，", "、", "；", "\\\\", "\\because", "∵", "|", "\\mid", "\\quad", "\\qquad", "\\newline", "\\hfill"]);
const WIDE = new Set(["\\quad", "\\qquad", "\\hfill"]);
const OPENERS = new Set(["(", "[", "\\{", "\\lbrace", "\\langle"]);
const CLOSERS = new Set([")", "]", "\\}", "\\rbrace", "\\rangle"]);

type Sep = { kind: "link"; link: Link } | { kind: "break"; wide: boolean };
type Item = { kind: "node"; node: TexNode } | { kind: "sep"; sep: Sep };

/** More =, commas and line breaks than this in one fragment is no hand calculation: it is not read. */
export const MAX_SEPARATORS = 5000;

/** The statements of a fragment's tree, in order; null for a fragment with more than MAX_SEPARATORS separators. */
export function statementsOf(tree: readonly TexNode[]): Statement[] | null {
  const items: Item[] = [];
  if (!flatten(tree, items, { left: MAX_SEPARATORS })) return null;
  return chains(pieces(items));
}

/** The separators a fragment may still hold. */
interface Budget {
  left: number;
}

/** The nodes with layout environments opened up and top-level separators marked; false once over budget. */
function flatten(nodes: readonly TexNode[], out: Item[], budget: Budget): boolean {
  let depth = 0;
  for (const node of nodes) {
    if (node.kind === "env" && LAYOUT_ENVS.has(node.name)) {
      out.push(BREAK);
      if (!flattenRows(node, out, budget)) return false;
      out.push(BREAK);
      continue;
    }
    if (node.kind !== "tok") {
      out.push({ kind: "node", node });
      continue;
    }
    if (OPENERS.has(node.text)) depth++;
    if (CLOSERS.has(node.text)) depth = Math.max(0, depth - 1);
    const sep = depth === 0 ? separator(node, out) : null;
    if (sep && --budget.left < 0) return false;
    out.push(sep ? { kind: "sep", sep } : { kind: "node", node });
  }
  return true;
}

/** A layout environment's rows: each row break ends a statement, & marks are dropped. */
function flattenRows(env: Env, out: Item[], budget: Budget): boolean {
  let row: TexNode[] = [];
  for (const node of env.body) {
    if (node.kind === "tok" && node.text === "\\\\") {
      if (!flatten(row, out, budget) || --budget.left < 0) return false;
      out.push(BREAK);
      row = [];
    } else if (!(node.kind === "tok" && node.text === "&")) row.push(node);
  }
  if (!flatten(row, out, budget)) return false;
  out.push(BREAK);
  return true;
}

const BREAK: Item = { kind: "sep", sep: { kind: "break", wide: false } };
// One object per kind of separator: a page may hold a great many of them.
const LINK_SEPS: Record<Link, Sep> = { eq: { kind: "link", link: "eq" }, assign: { kind: "link", link: "assign" }, then: { kind: "link", link: "then" } };
const NARROW: Sep = { kind: "break", wide: false };
const WIDE_BREAK: Sep = { kind: "break", wide: true };

/** The separator a top-level token is, if any (":" before "=" makes an assignment). */
function separator(tok: Tok, before: Item[]): Sep | null {
  const link = Object.hasOwn(LINKS, tok.text) ? LINKS[tok.text] : undefined;
  if (link) {
    const prev = lastNode(before);
    if (link === "eq" && prev && prev.kind === "node" && prev.node.kind === "tok" && prev.node.text === ":") {
      before.splice(before.lastIndexOf(prev), 1);
      return LINK_SEPS.assign;
    }
    return LINK_SEPS[link];
  }
  return BREAKS.has(tok.text) ? (WIDE.has(tok.text) ? WIDE_BREAK : NARROW) : null;
}

/** The last item that is not a space. */
function lastNode(items: Item[]): Item | undefined {
  for (let k = items.length - 1; k >= 0 && k >= items.length - 4; k--) {
    const it = items[k];
    if (!(it.kind === "node" && it.node.kind === "tok" && it.node.text.trim() === "")) return it;
  }
  return undefined;
}

interface PieceOf {
  nodes: TexNode[];
  /** The separator before it (null at the start). */
  sep: Sep | null;
}

function pieces(items: Item[]): PieceOf[] {
  const out: PieceOf[] = [{ nodes: [], sep: null }];
  for (const item of items) {
    if (item.kind === "sep") out.push({ nodes: [], sep: item.sep });
    else out[out.length - 1].nodes.push(item.node);
  }
  return out.map((p) => ({ nodes: trimmed(p.nodes), sep: p.sep }));
}

/** Pieces joined into chains: a link adds a member; a break, or ∴ before a new equation, starts a statement. */
function chains(list: PieceOf[]): Statement[] {
  const out: Statement[] = [];
  let current: Statement | null = null;
  let wide = false;
  list.forEach((piece, k) => {
    const sep = piece.sep;
    if (sep === null || sep.kind === "break") {
      if (sep?.kind === "break") wide = sep.wide || (wide && piece.nodes.length === 0);
      if (piece.nodes.length === 0) return;
      current = open(piece.nodes, wide);
      out.push(current);
      return;
    }
    const startsEquation = sep.link === "then" && list[k + 1]?.sep?.kind === "link";
    if (startsEquation && piece.nodes.length > 0) {
      current = open(piece.nodes, false);
      out.push(current);
      return;
    }
    if (sep.link === "then" && piece.nodes.length === 0) return;
    if (!current) {
      current = { ...open([], false), start: piece.nodes[0]?.start ?? 0 };
      out.push(current);
    }
    current.members.push({ nodes: piece.nodes, link: sep.link });
  });
  return out;
}

function open(lhs: TexNode[], aside: boolean): Statement {
  return { lhs, members: [], start: lhs[0]?.start ?? 0, aside };
}
