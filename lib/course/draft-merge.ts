// Drafts merged cell by cell, the newest entry winning. A student may type in two browsers (a
// laptop and a phone, or two tabs); each cell remembers when it was typed, and whichever copy of a
// cell is newer is kept, wherever it comes from: the server's draft, a save arriving, the copy in a
// browser's local storage. Pure and safe in the browser: the form merges with the same rules.
//
// Times are milliseconds since 1970. A client's clock may be off; the server shifts the times a
// client sends by (server now − client now) and never lets one lie in its future.

/** Cell texts by quantity path, in the contract's shape (one row per sample). */
export type Cells = Record<string, string[][]>;
/** When each cell was typed, the same shape as the cells (ms since 1970; 0 = never typed). */
export type Times = Record<string, number[][]>;

export interface TimedDraft {
  answers: Cells;
  times: Times;
}

/** The latest time a client may name (year 2200): later ones are not clocks but mistakes. */
export const MAX_TIME = 7_258_118_400_000;

/**
 * Whether the cell `a` typed at `ta` wins over `b` typed at `tb`: the newer one, and on a tie
 * the larger text, so that the merge gives the same draft whichever side is named first.
 */
export function wins(ta: number, a: string, tb: number, b: string): boolean {
  return ta > tb || (ta === tb && a > b);
}

/** Both drafts cell by cell, each cell the newer of the two; a cell only one side has is kept as it is. */
export function mergeDrafts(x: TimedDraft, y: TimedDraft): TimedDraft {
  const answers: Cells = {};
  const times: Times = {};
  const paths = [...new Set([...Object.keys(x.answers), ...Object.keys(y.answers)])].sort();
  for (const path of paths) {
    const [gx, gy] = [x.answers[path] ?? [], y.answers[path] ?? []];
    const rows = Math.max(gx.length, gy.length);
    answers[path] = [];
    times[path] = [];
    for (let i = 0; i < rows; i++) {
      const [rx, ry] = [gx[i] ?? [], gy[i] ?? []];
      const row: string[] = [];
      const at: number[] = [];
      for (let j = 0; j < Math.max(rx.length, ry.length); j++) {
        const tx = timeOf(x, path, i, j);
        const ty = timeOf(y, path, i, j);
        const fromX = j >= ry.length || (j < rx.length && wins(tx, rx[j], ty, ry[j]));
        row.push(fromX ? rx[j] : ry[j]);
        at.push(fromX ? tx : ty);
      }
      answers[path].push(row);
      times[path].push(at);
    }
  }
  return { answers, times };
}

/** When a cell was typed (0 when the draft does not say). */
export function timeOf(d: TimedDraft, path: string, i: number, j: number): number {
  return d.times[path]?.[i]?.[j] ?? 0;
}

/** Every time moved by `by` ms and capped at `latest` (never below 0). */
export function shiftTimes(times: Times, by: number, latest = Infinity): Times {
  const out: Times = {};
  for (const [path, grid] of Object.entries(times)) out[path] = grid.map((row) => row.map((t) => Math.max(0, Math.min(latest, t + by))));
  return out;
}

/**
 * Times a client sent, on the server's clock: moved by the difference of the two clocks' "now",
 * and none after the server's now (a clock ahead cannot make old work win later).
 */
export function onServerClock(times: Times, clientNow: number, serverNow: number): Times {
  return shiftTimes(times, serverNow - clientNow, serverNow);
}

/** Times of the same shape as the cells, each cell typed at `at`: the times of a draft saved without any. */
export function stampedAt(answers: Cells, at: number): Times {
  const out: Times = {};
  for (const [path, grid] of Object.entries(answers)) out[path] = grid.map((row) => row.map(() => at));
  return out;
}

/**
 * A stored draft's times, complete: a cell the stored times do not cover (a draft saved before
 * cells had times) counts as typed when the draft was last saved.
 */
export function storedTimes(answers: Cells, stored: unknown, savedAt: number): Times {
  const known = (stored && typeof stored === "object" ? stored : {}) as Record<string, unknown>;
  const out: Times = {};
  for (const [path, grid] of Object.entries(answers)) {
    const g = Array.isArray(known[path]) ? (known[path] as unknown[]) : [];
    out[path] = grid.map((row, i) =>
      row.map((_, j) => {
        const t = Array.isArray(g[i]) ? (g[i] as unknown[])[j] : undefined;
        return typeof t === "number" && Number.isFinite(t) ? t : savedAt;
      }),
    );
  }
  return out;
}

/** What is wrong with the times a client sent with its cells, or null: a problem is named for the message. */
export type TimesProblem = "now" | "times" | "shape";

/**
 * Checks a save's `times` and `now` against its cells: `now` a time, `times` one time per cell
 * (milliseconds from 0 to MAX_TIME), the same paths and shape as the cells. Cells that are not
 * a grid of texts are left for the answers' own check.
 */
export function timesProblem(answers: unknown, times: unknown, now: unknown): TimesProblem | null {
  if (!isTime(now)) return "now";
  if (!times || typeof times !== "object" || Array.isArray(times)) return "times";
  const t = times as Record<string, unknown>;
  if (!Object.values(t).every((g) => Array.isArray(g) && g.every((row) => Array.isArray(row) && row.every(isTime)))) return "times";
  if (!answers || typeof answers !== "object" || Array.isArray(answers)) return null;
  const a = answers as Record<string, unknown>;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(t).length || !keys.every((k) => Object.hasOwn(t, k))) return "shape";
  for (const k of keys) {
    const [ga, gt] = [a[k], t[k] as number[][]];
    if (!Array.isArray(ga)) return null;
    if (ga.length !== gt.length || ga.some((row, i) => !Array.isArray(row) || row.length !== gt[i].length)) return "shape";
  }
  return null;
}

const isTime = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x) && x >= 0 && x <= MAX_TIME;
