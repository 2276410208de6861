// A student's written solution (a transcript: Markdown with LaTeX) read into their own exercise's
// grids: the cells, the line each came from, and the lines that fit nowhere. Nothing is saved or
// submitted here; the form fills its grids and the student submits as usual.
import { NextResponse, type NextRequest } from "next/server";
import { readWrittenSolution } from "@/lib/course/work";
import { BODY_LIMITS } from "@/lib/body-limits";
import { prisma } from "@/lib/db/client";
import { readJson, withActor } from "@/app/_lib/http.server";

type Params = { params: Promise<{ id: string }> };

export async function POST(req: NextRequest, { params }: Params) {
  return withActor(req, async (actor) => {
    const body = (await readJson(req, BODY_LIMITS.transcript)) as { transcript?: unknown } | null;
    return NextResponse.json(await readWrittenSolution(prisma, actor, (await params).id, body?.transcript));
  });
}
