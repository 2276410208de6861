import { NextResponse, type NextRequest } from "next/server";
import { submitAnswers } from "@/lib/course/work";
import { BODY_LIMITS } from "@/lib/body-limits";
import { prisma } from "@/lib/db/client";
import { readJson, withActor } from "@/app/_lib/http.server";

export async function POST(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  return withActor(req, async (actor) => {
    const { id } = await params;
    const body = (await readJson(req, BODY_LIMITS.answers)) as { answers?: unknown; idempotencyKey?: unknown } | null;
    const submission = await submitAnswers(prisma, actor, id, body?.answers, String(body?.idempotencyKey ?? ""));
    return NextResponse.json({ submissionId: submission.id, url: `/submissions/${submission.id}` }, { status: 201 });
  });
}
