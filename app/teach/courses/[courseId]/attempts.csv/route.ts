// Results per attempt as CSV, for the course's instructors and teaching assistants (lib/teach/attempts-csv.ts).
import type { NextRequest } from "next/server";
import { withActor } from "@/app/_lib/http.server";
import { prisma } from "@/lib/db/client";
import { attemptsCsv } from "@/lib/teach/attempts-csv";

export async function GET(req: NextRequest, { params }: { params: Promise<{ courseId: string }> }) {
  return withActor(req, async (actor) => {
    const { courseId } = await params;
    // ?sets=all adds the drafts and hidden sets; anything else exports the published ones.
    const which = req.nextUrl.searchParams.get("sets") === "all" ? "all" : "published";
    const csv = await attemptsCsv(prisma, actor, courseId, which);
    return new Response(csv, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="attempts-${courseId}.csv"` } });
  });
}
