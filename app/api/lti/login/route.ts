// Third-party-initiated login: the platform names itself and the user; the browser is sent on to the
// platform's authorization endpoint with a state and nonce kept here (lib/lti/login.ts). Platforms
// use GET or POST, as LTI 1.3 Core §5.1.1.1 allows.
import { NextResponse, type NextRequest } from "next/server";
import { prisma } from "@/lib/db/client";
import { readForm } from "@/app/_lib/http.server";
import { beginLogin } from "@/lib/lti/login";
import { answering, fields, urlsOf } from "../_respond";

const toPlatform = async (req: NextRequest, params: Record<string, string>) => NextResponse.redirect(await beginLogin(prisma, params, urlsOf(req).launch), 302);

export async function GET(req: NextRequest): Promise<Response> {
  return answering(req, () => toPlatform(req, Object.fromEntries(req.nextUrl.searchParams)));
}

export async function POST(req: NextRequest): Promise<Response> {
  return answering(req, async () => toPlatform(req, fields(await readForm(req, 16 * 1024))));
}
