import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/app/_lib/auth-options.server";
import { BODY_LIMITS } from "@/lib/body-limits";
import { isBodyError, bodyRefusal, withBodyLimit } from "@/app/_lib/http.server";

const handler = NextAuth(authOptions);

/** Sign-in and sign-out posts: the body is read within its limit (413 beyond it) before next-auth sees it. */
async function POST(req: NextRequest, context: { params: Promise<{ nextauth: string[] }> }): Promise<Response> {
  let bounded: NextRequest;
  try {
    bounded = await withBodyLimit(req, BODY_LIMITS.auth);
  } catch (e) {
    if (isBodyError(e)) return bodyRefusal(req, e);
    throw e;
  }
  return handler(bounded, context);
}

export { handler as GET, POST };
