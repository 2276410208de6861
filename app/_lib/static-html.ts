// Server-only markup rendered once and kept: a tree of plain server components (no hooks, no
// client components, nothing async), such as an exercise's givens or its network diagram, written
// to an HTML string. A page then sends that string as one element's inner HTML, instead of
// React building, serializing and streaming the same few hundred nodes at every request.
// Only what those components use is supported; anything else throws, so a component that starts
// using something new fails loudly in tests rather than rendering wrongly.
import "server-only";
import { LRUCache } from "lru-cache";
import { Fragment, isValidElement, type ReactElement, type ReactNode } from "react";

const VOID = new Set(["area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);
/** React prop names that differ from their HTML/SVG attribute. */
const ATTRIBUTE: Record<string, string> = { className: "class", htmlFor: "for", tabIndex: "tabindex", textAnchor: "text-anchor", strokeWidth: "stroke-width", dominantBaseline: "dominant-baseline" };
const SKIP = new Set(["children", "key", "ref", "dangerouslySetInnerHTML", "suppressHydrationWarning"]);
/** Number-valued style properties React writes without a unit. */
const UNITLESS = new Set(["opacity", "zIndex", "fontWeight", "lineHeight", "flexGrow", "flexShrink", "order"]);

const escapeText = (s: string) => s.replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"));
const escapeAttr = (s: string) => s.replace(/[&<>"]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;"));
const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function styleText(style: Record<string, unknown>): string {
  return Object.entries(style)
    .filter(([, v]) => v !== null && v !== undefined && v !== "")
    .map(([k, v]) => `${kebab(k)}:${typeof v === "number" && v !== 0 && !UNITLESS.has(k) ? `${v}px` : String(v)}`)
    .join(";");
}

function attributes(props: Record<string, unknown>): string {
  let out = "";
  for (const [name, value] of Object.entries(props)) {
    if (SKIP.has(name) || value === undefined || value === null || value === false) continue;
    if (typeof value === "function") throw new Error(`static markup cannot carry the handler ${name}`);
    if (name === "style") {
      const css = styleText(value as Record<string, unknown>);
      if (css) out += ` style="${escapeAttr(css)}"`;
      continue;
    }
    const attr = ATTRIBUTE[name] ?? name;
    out += value === true ? ` ${attr}=""` : ` ${attr}="${escapeAttr(String(value))}"`;
  }
  return out;
}

/** The HTML of `node`, function components called, as React's server renderer would write it (without hydration markers). */
export function staticMarkup(node: ReactNode): string {
  if (node === null || node === undefined || typeof node === "boolean") return "";
  if (typeof node === "string") return escapeText(node);
  if (typeof node === "number" || typeof node === "bigint") return String(node);
  if (Array.isArray(node)) return node.map(staticMarkup).join("");
  if (!isValidElement(node)) throw new Error("static markup: unsupported node");
  const el = node as ReactElement<Record<string, unknown>>;
  if (el.type === Fragment) return staticMarkup(el.props.children as ReactNode);
  if (typeof el.type === "function") {
    const rendered = (el.type as (props: unknown) => unknown)(el.props);
    if (rendered instanceof Promise) throw new Error("static markup: async components are not supported");
    return staticMarkup(rendered as ReactNode);
  }
  if (typeof el.type !== "string") throw new Error("static markup: unsupported element type");
  const tag = el.type;
  const open = `<${tag}${attributes(el.props)}>`;
  if (VOID.has(tag)) return open;
  const inner = el.props.dangerouslySetInnerHTML as { __html?: string } | undefined;
  return `${open}${inner ? (inner.__html ?? "") : staticMarkup(el.props.children as ReactNode)}</${tag}>`;
}


// Kept markup, keyed by what it is made of (the exercise's JSON and the reader's language): about
// 50 KB for a 2-3-3-2 exercise's givens, so this holds a thousand or so.
const kept = new LRUCache<string, string>({ max: 5000, maxSize: 64 * 1024 * 1024, sizeCalculation: (html, key) => html.length + key.length });

/** The markup `make` renders, made once per key while it stays in the cache. */
export function keptMarkup(key: string, make: () => ReactNode): string {
  let html = kept.get(key);
  if (html === undefined) {
    html = staticMarkup(make());
    kept.set(key, html);
  }
  return html;
}
