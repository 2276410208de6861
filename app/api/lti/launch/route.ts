// The launch: the platform's form post with the signed id_token. Verified and acted on by
// lib/lti/accept.ts; the user is then signed in (app/_lib/session.server.ts) and sent where the launch leads.
import { NextResponse, type NextRequest } from "next/server";
import { authOptions } from "@/app/_lib/auth-options.server";
import { prisma } from "@/lib/db/client";
import { sessionSecret } from "@/lib/env";
import { readForm } from "@/app/_lib/http.server";
import { acceptLaunch } from "@/lib/lti/accept";
import { sessionCookieFor } from "@/app/_lib/session.server";
import { answering, fields, LTI_FORM_LIMIT, originOf } from "../_respond";

export async function POST(req: NextRequest): Promise<Response> {
  return answering(req, async () => {
    const form = fields(await readForm(req, LTI_FORM_LIMIT));
    const launch = await acceptLaunch(prisma, { idToken: form.id_token ?? "", state: form.state ?? "" });
    const origin = originOf(req);
    const cookie = await sessionCookieFor(launch.user, { secret: sessionSecret(), secure: origin.startsWith("https://"), maxAge: authOptions.session?.maxAge ?? 7 * 24 * 3600 });
    // 303: the browser follows with a GET, whatever the platform posted.
    const res = NextResponse.redirect(new URL(launch.to, origin), 303);
    res.cookies.set(cookie.name, cookie.value, cookie.options);
    return res;
  });
}
