// The instructor's pick on the deep-linking page: the signed answer (lib/lti/deep-link.ts), posted
// back to the platform by a page that submits itself. That page's policy allows exactly one script
// (by nonce) and form posts to the platform's return address only.
import { randomBytes } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { actorOf } from "@/app/_lib/session.server";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { ltiReason } from "@/lib/lti/errors";
import { localeOf, readForm } from "@/app/_lib/http.server";
import { translator } from "@/lib/i18n";
import { answerDeepLink } from "@/lib/lti/deep-link";
import { answering, fields, originOf, refusalPage, urlsOf } from "../_respond";

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function autoPost(req: NextRequest, returnUrl: string, jwt: string): Response {
  const t = translator(localeOf(req));
  const nonce = randomBytes(16).toString("base64");
  const html = `<!doctype html><html lang="${localeOf(req)}"><meta charset="utf-8"><title>${escape(t("lti.deepLink.returning"))}</title>
<form method="post" action="${escape(returnUrl)}"><input type="hidden" name="JWT" value="${escape(jwt)}"><p>${escape(t("lti.deepLink.returning"))}</p><button type="submit">${escape(t("lti.deepLink.continue"))}</button></form>
<script nonce="${nonce}">document.forms[0].submit();</script></html>`;
  const policy = [`default-src 'none'`, `script-src 'nonce-${nonce}'`, `form-action ${new URL(returnUrl).origin}`, `base-uri 'none'`, `frame-ancestors 'none'`].join("; ");
  return new NextResponse(html, { headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "content-security-policy": policy } });
}

export async function POST(req: NextRequest): Promise<Response> {
  return answering(req, async () => {
    // A form of this site only: the request id is a secret of its instructor, and the origin is checked too.
    const from = req.headers.get("origin");
    if (from && from !== originOf(req)) return refusalPage(req, "bad_request", 403);
    const actor = await actorOf(req);
    if (!actor) return refusalPage(req, "signed_out", 401);
    const form = fields(await readForm(req, 4 * 1024));
    try {
      const { returnUrl, jwt } = await answerDeepLink(prisma, actor, form.request ?? "", form.set ?? "", urlsOf(req).launch);
      return autoPost(req, returnUrl, jwt);
    } catch (e) {
      if (e instanceof AppError && !ltiReason(e)) return refusalPage(req, "set_not_found", 404);
      throw e;
    }
  });
}
