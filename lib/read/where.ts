// Where a reading comes from: the line a chain starts on, and a short text of it for people.
import type { Chain, Part } from "./chains";
import type { Lines } from "./markdown";
import { sliceOf } from "./tex";

/** Source and unread texts are cut to this many characters. */
export const MAX_TEXT = 200;

/** The line a part starts on (1-based). */
export function lineOfPart(part: Part, lines: Lines): number {
  return lines.lineOf(part.frag.start + (part.nodes[0]?.start ?? 0));
}

/** The line a chain starts on: its left side's, or its first member's when it has none. */
export function chainLine(chain: Chain, lines: Lines): number {
  return lineOfPart(chain.lhs.nodes.length > 0 ? chain.lhs : (chain.members[0] ?? chain.lhs), lines);
}

/** A line as people read it: trimmed, without the $$ around it, and bounded. */
export function lineText(line: number, lines: Lines): string {
  const text = lines.textOf(line).trim();
  return bounded(text.length > 4 * MAX_TEXT ? text.slice(0, 4 * MAX_TEXT) : stripDelimiters(text));
}

function stripDelimiters(s: string): string {
  const m = /^(\$\$|\$|\\\[)([\s\S]*?)(\$\$|\$|\\\])$/.exec(s);
  return m && !m[2].includes("$") ? m[2].trim() : s;
}

export function bounded(s: string): string {
  const flat = s.replace(/\s+/g, " ").replace(/\u200b/g, "");
  return flat.length <= MAX_TEXT ? flat : `${flat.slice(0, MAX_TEXT - 1)}…`;
}

/**
 * The text of a reading: the whole line when the chain and its value are on it and it is short,
 * else "left side = first step = … = value" (the contract's example).
 */
export function sourceText(chain: Chain, member: number, lines: Lines): string {
  const start = chainLine(chain, lines);
  const holder = chain.members[member];
  if (!holder) return lineText(start, lines);
  const valueLine = lineOfPart(holder, lines);
  const whole = lines.textOf(start).trim();
  if (valueLine === start && whole.length <= MAX_TEXT) return lineText(start, lines);
  const raw = (p: Part) => sliceOf(p.frag.tex, p.nodes).trim();
  const head = chain.lhs.nodes.length > 0 ? raw(chain.lhs) : "";
  const first = member > 0 ? raw(chain.members[0]) : "";
  const steps = [head, first.length > 0 && first.length <= 40 ? first : "", member > 1 || (member === 1 && first.length > 40) ? "…" : "", raw(holder)];
  return bounded(steps.filter((s) => s !== "").join(" = "));
}
