// How the LTI endpoints answer a browser: a refusal as a short page in the reader's language with
// the refusal's status (never the check's own words, which go to the server's log), and the
// public origin the tool's addresses are built from.
import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { isBodyError, bodyRefusal, localeOf } from "@/app/_lib/http.server";
import { translator } from "@/lib/i18n";
import type { AppError } from "@/lib/errors";
import { ltiReason } from "@/lib/lti/errors";
import { publicOrigin, toolUrls } from "@/lib/lti/urls";

/** The largest form a platform posts (an id_token with its claims is a few KB; Canvas's are the largest). */
export const LTI_FORM_LIMIT = 64 * 1024;

export const originOf = (req: NextRequest) => publicOrigin(req.url, env().NEXTAUTH_URL);
export const urlsOf = (req: NextRequest) => toolUrls(originOf(req));

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A small HTML page (no scripts) saying why, in the reader's language. */
export function refusalPage(req: NextRequest, code: string, status: number): Response {
  const t = translator(localeOf(req));
  const html = `<!doctype html><html lang="${localeOf(req)}"><meta charset="utf-8"><title>${escape(t("lti.refused"))}</title><main><h1>${escape(t("lti.refused"))}</h1><p id="lti-error" data-code="${escape(code)}">${escape(t(`lti.error.${code}`))}</p></main></html>`;
  return new NextResponse(html, { status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}

/** Runs an LTI endpoint: its refusals as pages, anything unexpected logged and answered without detail. */
export async function answering(req: NextRequest, work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (e) {
    if (isBodyError(e)) return bodyRefusal(req, e);
    const reason = ltiReason(e);
    if (reason) {
      console.warn(`[lti] refused (${reason}): ${(e as Error).message}`);
      return refusalPage(req, reason, (e as AppError).status);
    }
    console.error("[lti]", e);
    return refusalPage(req, "unexpected", 500);
  }
}

/** The form's text fields (a platform posts urlencoded forms). */
export function fields(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string") out[k] = v;
  return out;
}
