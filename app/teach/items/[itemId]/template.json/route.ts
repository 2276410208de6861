import type { NextRequest } from "next/server";
import { withActor } from "@/app/_lib/http.server";
import { prisma } from "@/lib/db/client";
import { exportTemplate } from "@/lib/teach/sets";

export async function GET(req: NextRequest, { params }: { params: Promise<{ itemId: string }> }) {
  return withActor(req, async (actor) => {
    const { itemId } = await params;
    const { filename, json } = await exportTemplate(prisma, actor, itemId);
    return new Response(json, { headers: { "content-type": "application/json; charset=utf-8", "content-disposition": `attachment; filename="${filename}"` } });
  });
}
