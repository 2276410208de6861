// The student's draft of one exercise: saved as they type (PUT, newest cell wins), and read back
// (GET) when the page regains focus, so that two browsers of one student end with the same cells.
import { NextResponse, type NextRequest } from "next/server";
import { draftOf, saveDraft, type DraftView } from "@/lib/course/work";
import { timesProblem, type Times } from "@/lib/course/draft-merge";
import { BODY_LIMITS } from "@/lib/body-limits";
import { prisma } from "@/lib/db/client";
import { bodyError, readJson, withActor } from "@/app/_lib/http.server";

type Params = { params: Promise<{ id: string }> };

/** What the form receives: the merged cells and times, and the server's "now" to set its clock by. */
const answer = (d: DraftView) => NextResponse.json({ answers: d.answers, times: d.times, now: d.now, savedAt: d.updatedAt?.toISOString() ?? null });

export async function GET(req: NextRequest, { params }: Params) {
  return withActor(req, async (actor) => answer(await draftOf(prisma, actor, (await params).id)));
}

export async function PUT(req: NextRequest, { params }: Params) {
  return withActor(req, async (actor) => {
    const { id } = await params;
    const body = (await readJson(req, BODY_LIMITS.answers)) as { answers?: unknown; times?: unknown; now?: unknown } | null;
    // Times are optional (a page loaded before they existed sends none); when sent, they must fit the cells.
    const sent = body && body.times !== undefined;
    const problem = sent ? timesProblem(body.answers, body.times, body.now) : null;
    if (problem) throw bodyError(400, `times: ${problem}`, `form.badTimes.${problem}`);
    const stamp = sent ? { times: body.times as Times, now: body.now as number } : undefined;
    return answer(await saveDraft(prisma, actor, id, body?.answers, stamp));
  });
}
