import type { NextRequest } from "next/server";
import { withActor } from "@/app/_lib/http.server";
import { prisma } from "@/lib/db/client";
import { gradesCsv } from "@/lib/teach/export";

export async function GET(req: NextRequest, { params }: { params: Promise<{ courseId: string }> }) {
  return withActor(req, async (actor) => {
    const { courseId } = await params;
    const csv = await gradesCsv(prisma, actor, courseId);
    return new Response(csv, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="grades-${courseId}.csv"` } });
  });
}
