// The one-time passwords of this instructor session (an import's initial passwords, resets) as ONE
// CSV, served once: the sheet is deleted as it is read, so a second download says it is gone.
import type { NextRequest } from "next/server";
import { prisma } from "@/lib/db/client";
import { localeOf, withActor } from "@/app/_lib/http.server";
import { translator } from "@/lib/i18n";
import { passwordSheetCsv, takePasswordSheet } from "@/lib/teach/roster-passwords";

/** Nothing here may be kept by a browser or a proxy. */
const PRIVATE = { "cache-control": "no-store", "x-content-type-options": "nosniff" };

export async function GET(req: NextRequest, { params }: { params: Promise<{ courseId: string }> }) {
  return withActor(req, async (actor) => {
    const t = translator(localeOf(req));
    // A link on another site must not spend the download (a top-level GET carries the session cookie).
    if (req.headers.get("sec-fetch-site") === "cross-site") return new Response(t("errors.forbidden"), { status: 403, headers: { "content-type": "text/plain; charset=utf-8", ...PRIVATE } });
    const { courseId } = await params;
    const rows = await takePasswordSheet(prisma, actor, courseId);
    if (!rows) return new Response(t("teach.course.passwordsGone"), { status: 410, headers: { "content-type": "text/plain; charset=utf-8", ...PRIVATE } });
    const csv = passwordSheetCsv(rows, [t("teach.course.sheetName"), t("teach.course.sheetEmail"), t("teach.course.sheetPassword")]);
    return new Response(csv, {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="passwords-${courseId}.csv"`, ...PRIVATE },
    });
  });
}
