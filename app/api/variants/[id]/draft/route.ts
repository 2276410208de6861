import { NextResponse, type NextRequest } from "next/server";
import { saveDraft } from "@/lib/course/work";
import { BODY_LIMITS } from "@/lib/body-limits";
import { prisma } from "@/lib/db/client";
import { readJson, withActor } from "@/lib/http";

export async function PUT(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  return withActor(req, async (actor) => {
    const { id } = await params;
    const body = (await readJson(req, BODY_LIMITS.answers)) as { answers?: unknown } | null;
    const draft = await saveDraft(prisma, actor, id, body?.answers);
    return NextResponse.json({ savedAt: draft.updatedAt.toISOString() });
  });
}
