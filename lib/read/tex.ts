// A TeX fragment as a tree of tokens, brace groups and environments: one linear pass, bounded in depth.

/** A command (\frac, \\, \,), a number (digits and one point), a run of spaces, or one character. */
export interface Tok {
  kind: "tok";
  text: string;
  start: number;
  end: number;
}

export interface Group {
  kind: "group";
  body: TexNode[];
  start: number;
  end: number;
}

/** \begin{name} … \end{name} */
export interface Env {
  kind: "env";
  name: string;
  body: TexNode[];
  start: number;
  end: number;
}

export type TexNode = Tok | Group | Env;

/** Deeper nesting than this is no hand calculation: the fragment is not read. */
export const MAX_TEX_DEPTH = 40;

/** Sizing commands that carry no meaning for the reader (\left( is just "("). */
const DROPPED = new Set(["\\left", "\\right", "\\big", "\\Big", "\\bigg", "\\Bigg", "\\bigl", "\\bigr", "\\Bigl", "\\Bigr", "\\biggl", "\\biggr", "\\displaystyle", "\\textstyle", "\\limits", "\\!", "\\nonumber", "\\notag"]);

interface Frame {
  node: Group | Env | null;
  body: TexNode[];
}

/** The tree of `tex` (offsets relative to it), or null when it nests deeper than MAX_TEX_DEPTH. */
export function texTree(tex: string): TexNode[] | null {
  const stack: Frame[] = [{ node: null, body: [] }];
  for (let i = 0; i < tex.length; ) {
    const top = stack[stack.length - 1];
    const c = tex.charCodeAt(i);
    if (c === 123) {
      // {
      const group: Group = { kind: "group", body: [], start: i, end: i + 1 };
      top.body.push(group);
      stack.push({ node: group, body: group.body });
      if (stack.length > MAX_TEX_DEPTH) return null;
      i++;
      continue;
    }
    if (c === 125) {
      // }
      closeGroup(stack, i + 1);
      i++;
      continue;
    }
    const env = c === 92 ? envAt(tex, i) : null;
    if (env) {
      i = env.end;
      if (env.begin) {
        const node: Env = { kind: "env", name: env.name, body: [], start: env.start, end: env.end };
        top.body.push(node);
        stack.push({ node, body: node.body });
        if (stack.length > MAX_TEX_DEPTH) return null;
      } else closeEnv(stack, env.name, env.end);
      continue;
    }
    const tok = tokenAt(tex, i);
    i = tok.end;
    if (c !== 92) top.body.push(tok);
    else if (!DROPPED.has(tok.text)) top.body.push(tok);
    else if (tok.text === "\\left" || tok.text === "\\right") i = skipDelimiterDot(tex, i);
  }
  // Unclosed groups and environments end with the fragment.
  for (const frame of stack) if (frame.node) frame.node.end = tex.length;
  return stack[0].body;
}

/** `}` closes the innermost group; a stray one (or one inside an open environment) is ignored. */
function closeGroup(stack: Frame[], end: number): void {
  const frame = stack[stack.length - 1];
  if (frame.node?.kind !== "group") return;
  frame.node.end = end;
  stack.pop();
}

/** \end{name} closes the innermost environment of that name and whatever is open inside it. */
function closeEnv(stack: Frame[], name: string, end: number): void {
  for (let k = stack.length - 1; k > 0; k--) {
    const node = stack[k].node;
    if (node?.kind === "env" && node.name === name) {
      for (let j = k; j < stack.length; j++) stack[j].node!.end = end;
      stack.length = k;
      return;
    }
  }
}

/** \begin{name} or \end{name} at i. */
function envAt(tex: string, i: number): { begin: boolean; name: string; start: number; end: number } | null {
  if (tex[i] !== "\\") return null;
  const begin = tex.startsWith("\\begin", i);
  if (!begin && !tex.startsWith("\\end", i)) return null;
  let j = i + (begin ? 6 : 4);
  while (tex[j] === " ") j++;
  if (tex[j] !== "{") return null;
  // A name is short: look no further than 24 characters for its closing brace.
  const close = tex.slice(j, j + 24).indexOf("}") + j;
  if (close < j) return null;
  const name = tex.slice(j + 1, close).trim();
  if (!/^[a-zA-Z]+\*?$/.test(name)) return null;
  return { begin, name, start: i, end: close + 1 };
}

/** One token at i. */
function tokenAt(tex: string, i: number): Tok {
  const end = tokenEnd(tex, i);
  return { kind: "tok", text: tex.slice(i, end), start: i, end };
}

function tokenEnd(tex: string, i: number): number {
  const c = tex.charCodeAt(i);
  if (c === 92) {
    // a backslash: a command's letters, or one character after it
    let j = i + 1;
    while (j < tex.length && isLetter(tex.charCodeAt(j))) j++;
    return j === i + 1 ? Math.min(i + 2, tex.length) : j;
  }
  if (isSpace(c)) {
    let j = i + 1;
    while (j < tex.length && isSpace(tex.charCodeAt(j))) j++;
    return j;
  }
  if (isDigitCode(c) || (c === 46 && isDigitCode(tex.charCodeAt(i + 1)))) return numberEnd(tex, i);
  return i + (c >= 0xd800 && c < 0xdc00 ? 2 : 1);
}

/** The end of a number: digits, at most one decimal point, and joiners of a number split across lines. */
function numberEnd(tex: string, i: number): number {
  let j = i;
  let point = false;
  for (; j < tex.length; j++) {
    const c = tex.charCodeAt(j);
    if (isDigitCode(c) || c === 0x200b) continue;
    if (c === 46 && !point && isDigitCode(tex.charCodeAt(j + 1))) {
      point = true;
      continue;
    }
    break;
  }
  // A joiner at the end belongs to no number.
  while (j > i + 1 && tex.charCodeAt(j - 1) === 0x200b) j--;
  return j;
}

/** \left. and \right. mark a missing delimiter: the dot goes with them. */
function skipDelimiterDot(tex: string, i: number): number {
  let j = i;
  while (tex[j] === " ") j++;
  return tex[j] === "." ? j + 1 : i;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Space, no-break space, ideographic space, and the joiner left by a line break. */
function isSpace(c: number): boolean {
  return c === 32 || c === 0xa0 || c === 0x3000 || c === 0x200b;
}

/** The source text of a node list (its first node's start to its last node's end). */
export function sliceOf(tex: string, nodes: readonly TexNode[]): string {
  if (nodes.length === 0) return "";
  return tex.slice(nodes[0].start, nodes[nodes.length - 1].end);
}

/** A run of spaces (or a joiner). */
export function isSpaceTok(n: TexNode): boolean {
  if (n.kind !== "tok") return false;
  const c = n.text.charCodeAt(0);
  return isSpace(c) || c === 9 || c === 10 || c === 13;
}

/** The nodes without spaces at either end. */
export function trimmed(nodes: readonly TexNode[]): TexNode[] {
  let [a, b] = [0, nodes.length];
  while (a < b && isSpaceTok(nodes[a])) a++;
  while (b > a && isSpaceTok(nodes[b - 1])) b--;
  return nodes.slice(a, b);
}
