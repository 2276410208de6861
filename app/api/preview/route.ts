// What the server reads in a cell (or a pasted matrix), for the form's live preview. Never an answer.
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { BODY_LIMITS } from "@/lib/body-limits";
import { AppError } from "@/lib/errors";
import { InputError, parseMatrix, parseScalar, toNumber } from "@/lib/grading/parse";
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
    try {
      if ("text" in parsed.data) return NextResponse.json({ ok: true, display: show(toNumber(parseScalar(parsed.data.text, "cell"))) });
      const { matrix, rows, cols } = parsed.data;
      const cells = parseMatrix(matrix, "matrix");
      if (cells.length !== rows || cells[0].length !== cols) {
        const why = { code: "wrong_shape", params: { expected: `${rows}×${cols}`, got: `${cells.length}×${cells[0].length}` } } as const;
        return NextResponse.json({ ok: false, message: reasonIn(localeOf(req), why) });
      }
      return NextResponse.json({ ok: true, cells: cells.map((r) => r.map((x) => show(toNumber(x)))) });
    } catch (e) {
      if (e instanceof InputError) return NextResponse.json({ ok: false, message: reasonIn(localeOf(req), e.why) });
      throw e;
    }
  });
}
