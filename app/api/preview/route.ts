// What the server reads in a cell (or a pasted matrix), for the form's live preview. Never an answer.
import { toHalfWidth } from "@/lib/grading/full-width";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { BODY_LIMITS } from "@/lib/body-limits";
import { AppError } from "@/lib/errors";
import { runTask } from "@/lib/workers/pool";
import { localeOf, readJson, withActor } from "@/app/_lib/http.server";
import { reasonIn } from "@/lib/i18n";
import { parseLatexMatrix } from "@/lib/grading/latex";

const body = z.union([
  z.object({ text: z.string().max(1000) }),
  z.object({ matrix: z.string().max(20_000), rows: z.number().int().min(1).max(100), cols: z.number().int().min(1).max(100) }),
]);

/**
 * Previews per user, in this process. The page asks for one preview at a time, debounced as the
 * student types: a few a second at most. A script sending them as fast as it can must not fill the
 * request thread and the worker threads that grade everyone else's submissions, so each user has a
 * bucket of BURST previews refilled at RATE a second, and at most IN_FLIGHT at once; beyond either,
 * the answer is 429 at once, before any work.
 */
/** `HANDPROP_PREVIEW_LIMIT=off` lifts the limit: for the throughput benchmark alone, which sends previews as one user from ten connections. */
const LIMITED = process.env.HANDPROP_PREVIEW_LIMIT !== "off";
const IN_FLIGHT = 2;
const BURST = 20;
const RATE = 8;
const users = new Map<string, { tokens: number; at: number; inFlight: number }>();

let sweptAt = 0;
/** Forgets users whose bucket is full again, so the map stays small: at most once a minute, never a walk of the map per request. */
function forgetIdle(): void {
  const now = performance.now();
  if (users.size <= 10_000 || now - sweptAt < 60_000) return;
  sweptAt = now;
  for (const [id, v] of users) if (v.inFlight === 0 && v.tokens + ((now - v.at) / 1000) * RATE >= BURST) users.delete(id);
}

async function oneOfFew<T>(userId: string, work: () => Promise<T>): Promise<T> {
  if (!LIMITED) return work();
  const now = performance.now();
  const u = users.get(userId) ?? { tokens: BURST, at: now, inFlight: 0 };
  u.tokens = Math.min(BURST, u.tokens + ((now - u.at) / 1000) * RATE);
  u.at = now;
  users.set(userId, u);
  if (u.inFlight >= IN_FLIGHT || u.tokens < 1) throw new AppError("TOO_MANY_REQUESTS", "too many previews at once", undefined, "errors.tooManyAtOnce");
  u.tokens -= 1;
  u.inFlight++;
  try {
    return await work();
  } finally {
    u.inFlight--;
    forgetIdle();
  }
}

const show = (x: number) => (Number.isInteger(x) ? String(x) : Number(x.toPrecision(7)).toString());

/**
 * The cells of a pasted matrix as the student wrote them ("-1/405" stays a fraction, never
 * -0.002469136), split by the same rules as the reader's (lib/grading/parse.ts). Called only once
 * the reader has read every cell; null when the text gives no grid of texts.
 */
function pastedTexts(text: string): string[][] | null {
  // Split the way the reader splits (full-width spaces, 、 and ； are separators there too).
  const t = toHalfWidth(text).trim();
  try {
    if (t.includes("\\begin")) return parseLatexMatrix(t, () => new Error("no matrix"));
    if (t.startsWith("[")) {
      const json = JSON.parse(t) as unknown[];
      const rows = json.every((r) => Array.isArray(r)) ? (json as unknown[][]) : [json];
      return rows.map((r) => r.map((c) => (typeof c === "string" ? c.trim() : JSON.stringify(c))));
    }
  } catch {
    return null;
  }
  return t
    .split(/\s*[;\n]\s*/)
    .filter((row) => row.trim() !== "")
    .map((row) => (/[,\t]/.test(row) ? row.split(/[,\t]/) : row.trim().split(/\s+/)).map((c) => c.trim()));
}

/** The pasted cells to put in the grid: as written when they split into the shape read, else the values read. */
function cellsToFill(text: string, read: number[][]): string[][] {
  const texts = pastedTexts(text);
  const same = texts && texts.length === read.length && texts.every((r, i) => r.length === read[i].length && r.every((c) => c !== "" && c.length <= 200));
  return same ? texts : read.map((r) => r.map(show));
}

export async function POST(req: NextRequest) {
  return withActor(req, async (actor) => {
    const parsed = body.safeParse(await readJson(req, BODY_LIMITS.preview));
    if (!parsed.success) throw new AppError("INVALID_INPUT", "expected { text } or { matrix, rows, cols }");
    // Read in the worker pool: even a cell at the limits of what is allowed never holds up another request.
    const read = await oneOfFew(actor.id, () => runTask("preview", "text" in parsed.data ? { text: parsed.data.text } : { matrix: parsed.data.matrix }));
    if (!read.ok) return NextResponse.json({ ok: false, message: read.refusal.why ? reasonIn(localeOf(req), read.refusal.why) : read.refusal.detail });
    if (typeof read.value === "number") return NextResponse.json({ ok: true, display: show(read.value) });
    const cells = read.value;
    const { rows, cols } = parsed.data as { rows: number; cols: number };
    if (cells.length !== rows || cells[0].length !== cols) {
      const why = { code: "wrong_shape", params: { expected: `${rows}×${cols}`, got: `${cells.length}×${cells[0].length}` } } as const;
      return NextResponse.json({ ok: false, message: reasonIn(localeOf(req), why) });
    }
    return NextResponse.json({ ok: true, cells: cellsToFill((parsed.data as { matrix: string }).matrix, cells) });
  });
}
