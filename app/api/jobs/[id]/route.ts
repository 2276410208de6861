// A job's progress (GET /api/jobs/:id → {status, done, total, error}), for its course's instructors:
// the set and course pages poll it while a regrade or an import runs.
import { NextResponse, type NextRequest } from "next/server";
import { prisma } from "@/lib/db/client";
import { startJobRunner } from "@/lib/run/app";
import { jobView } from "@/lib/jobs/view";
import { withActor } from "@/app/_lib/http.server";

export const dynamic = "force-dynamic";

export async function GET(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  return withActor(req, async (actor) => {
    const { id } = await params;
    const view = await jobView(prisma, actor, id);
    // Someone is waiting on it: make sure this process is working on the queue too.
    if (view.status === "queued" || view.status === "running") startJobRunner();
    return NextResponse.json(view, { headers: { "cache-control": "no-store" } });
  });
}
