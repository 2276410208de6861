// What the server reads in a cell (or a pasted matrix), for the form's live preview. Never an answer.
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { BODY_LIMITS } from "@/lib/body-limits";
import { AppError } from "@/lib/errors";
import { runTask } from "@/lib/workers/pool";
import { localeOf, readJson, withActor } from "@/lib/http";
import { reasonIn } from "@/lib/i18n";

const body = z.union([
  z.object({ text: z.string().max(1000) }),
  z.object({ matrix: z.string().max(20_000), rows: z.number().int().min(1).max(100), cols: z.number().int().min(1).max(100) }),
]);

const show = (x: number) => (Number.isInteger(x) ? String(x) : Number(x.toPrecision(7)).toString());

export async function POST(req: NextRequest) {
  return withActor(req, async () => {
    const parsed = body.safeParse(await readJson(req, BODY_LIMITS.preview));
    if (!parsed.success) throw new AppError("INVALID_INPUT", "expected { text } or { matrix, rows, cols }");
    // Read in the worker pool: even a cell at the limits of what is allowed never holds up another request.
    const read = await runTask("preview", "text" in parsed.data ? { text: parsed.data.text } : { matrix: parsed.data.matrix });
    if (!read.ok) return NextResponse.json({ ok: false, message: read.refusal.why ? reasonIn(localeOf(req), read.refusal.why) : read.refusal.detail });
    if (typeof read.value === "number") return NextResponse.json({ ok: true, display: show(read.value) });
    const cells = read.value;
    const { rows, cols } = parsed.data as { rows: number; cols: number };
    if (cells.length !== rows || cells[0].length !== cols) {
      const why = { code: "wrong_shape", params: { expected: `${rows}×${cols}`, got: `${cells.length}×${cells[0].length}` } } as const;
      return NextResponse.json({ ok: false, message: reasonIn(localeOf(req), why) });
    }
    return NextResponse.json({ ok: true, cells: cells.map((r) => r.map(show)) });
  });
}
