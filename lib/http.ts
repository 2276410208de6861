// Route handlers: who is asking (401 when nobody), typed errors to statuses, JSON bodies bounded.
import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { actorOf, type Actor } from "./auth/session";
import { AppError, STATUS } from "./errors";
import { localeFrom, reasonIn, translator, type Locale } from "./i18n";

/** The language the asker reads. */
export const localeOf = (req: NextRequest): Locale => localeFrom(req.cookies.get("locale")?.value, req.headers.get("accept-language"));

/** Field errors as the asker reads them: a cell's reason is translated, other messages pass as they are. */
function fieldErrors(req: NextRequest, details: NonNullable<AppError["details"]>): Record<string, string> {
  const locale = localeOf(req);
  return Object.fromEntries(Object.entries(details).map(([k, v]) => [k, typeof v === "string" ? v : reasonIn(locale, v)]));
}

export const MAX_BODY = 256 * 1024;

export async function readJson(req: Request): Promise<unknown> {
  // Only JSON: a cross-site HTML form can post text/plain, never application/json.
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) throw new AppError("UNSUPPORTED_MEDIA_TYPE", "send the body as application/json");
  const text = await req.text();
  if (text.length > MAX_BODY) throw new AppError("INVALID_INPUT", "request body too large");
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("INVALID_INPUT", "request body is not JSON");
  }
}

/** Runs a handler for a signed-in user and maps domain errors to JSON responses. */
export async function withActor(req: NextRequest, fn: (actor: Actor) => Promise<Response>): Promise<Response> {
  try {
    const actor = await actorOf(req);
    if (!actor) throw new AppError("UNAUTHENTICATED", "sign in first");
    return await fn(actor);
  } catch (e) {
    if (e instanceof AppError) {
      const body = {
        error: e.message,
        code: e.code,
        ...(e.say ? { message: translator(localeOf(req))(e.say) } : {}),
        ...(e.details ? { errors: fieldErrors(req, e.details) } : {}),
      };
      return NextResponse.json(body, { status: STATUS[e.code] });
    }
    console.error(e);
    return NextResponse.json({ error: "internal error" }, { status: 500 });
  }
}
