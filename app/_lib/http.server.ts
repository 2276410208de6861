// Route handlers: who is asking (401 when nobody), typed errors to statuses, request bodies
// refused by size before they are read (lib/body-limits.ts).
import "server-only";
import { NextRequest, NextResponse } from "next/server";
import { actorOf, type Actor } from "./session.server";
import { AppError, codeOfStatus, STATUS } from "@/lib/errors";
import { BODY_LIMITS } from "@/lib/body-limits";
import { localeFrom, reasonIn, translator, type Locale } from "@/lib/i18n";

/** The language the asker reads. */
export const localeOf = (req: NextRequest): Locale => localeFrom(req.cookies.get("locale")?.value, req.headers.get("accept-language"));

/** Field errors as the asker reads them: a cell's reason is translated, other messages pass as they are. */
function fieldErrors(req: NextRequest, details: NonNullable<AppError["details"]>): Record<string, string> {
  const locale = localeOf(req);
  return Object.fromEntries(Object.entries(details).map(([k, v]) => [k, typeof v === "string" ? v : reasonIn(locale, v)]));
}

/** The default limit of a JSON body (a draft or a submission). */
export const MAX_BODY = BODY_LIMITS.answers;

/** A request body refused before any handler sees it: 413 too large, 400 unreadable, 415 not JSON; `say` is what the asker is told. */
export const bodyError = (status: 400 | 413 | 415, message: string, say: string) => new AppError(codeOfStatus(status), message, undefined, say);

const BODY_CODES: ReadonlySet<string> = new Set(["BAD_REQUEST", "PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE"]);

/** Whether an error is a refused body (bodyError): answered by bodyRefusal. */
export const isBodyError = (e: unknown): e is AppError & { say: string } => e instanceof AppError && BODY_CODES.has(e.code) && !e.details && !!e.say && !e.say.startsWith("lti.error.");

const tooLarge = (limit: number) => bodyError(413, `request body larger than ${limit} bytes`, "errors.bodyTooLarge");

/**
 * The body's bytes, never more than `limit`: a declared Content-Length over the limit is refused
 * before anything is read; otherwise the stream is read counting bytes and cancelled as soon as
 * the count passes the limit (a chunked body declares no length). Memory held: at most `limit`.
 */
export async function readBody(req: Request, limit: number): Promise<Uint8Array> {
  const declared = req.headers.get("content-length");
  if (declared !== null && /^\s*\d+\s*$/.test(declared) && Number(declared) > limit) throw tooLarge(limit);
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Stop the upload: nothing more is read or kept.
      void reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0];
  const body = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  return body;
}

/** A JSON body of at most `limit` bytes (415 when it is not sent as JSON, 413 too large, 400 not JSON). */
export async function readJson(req: Request, limit: number = MAX_BODY): Promise<unknown> {
  // Only JSON: a cross-site HTML form can post text/plain, never application/json.
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) throw bodyError(415, "send the body as application/json", "errors.badJson");
  const bytes = await readBody(req, limit);
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw bodyError(400, "request body is not valid JSON", "errors.badJson");
  }
}

/** A form body (urlencoded or multipart) of at most `limit` bytes (413 too large, 400 unreadable). */
export async function readForm(req: Request, limit: number): Promise<FormData> {
  const bytes = await readBody(req, limit);
  try {
    return await new Response(bytes as BodyInit, { headers: { "content-type": req.headers.get("content-type") ?? "" } }).formData();
  } catch {
    throw bodyError(400, "request body is not a form", "errors.badForm");
  }
}

/** The same request with its body read within `limit` bytes, for a handler that reads the body itself (next-auth). */
export async function withBodyLimit(req: NextRequest, limit: number): Promise<NextRequest> {
  if (req.method === "GET" || req.method === "HEAD") return req;
  const body = await readBody(req, limit);
  return new NextRequest(req.url, { method: req.method, headers: req.headers, body: body as BodyInit });
}

/** The language of a plain Request (its cookie header), for answers outside withActor. */
function localeOfRequest(req: Request): Locale {
  const cookie = /(?:^|;\s*)locale=([^;]*)/.exec(req.headers.get("cookie") ?? "")?.[1];
  return localeFrom(cookie, req.headers.get("accept-language"));
}

/** A refused body as a JSON answer in the asker's language; a 413 also closes the connection, so the rest of the upload is not waited for. */
export function bodyRefusal(req: Request, e: AppError & { say: string }): Response {
  const body = { error: e.message, code: e.code, message: translator(localeOfRequest(req))(e.say) };
  return NextResponse.json(body, { status: e.status, headers: e.status === 413 ? { connection: "close" } : {} });
}

/** Runs a handler for a signed-in user and maps domain errors to JSON responses. */
export async function withActor(req: NextRequest, fn: (actor: Actor) => Promise<Response>): Promise<Response> {
  try {
    const actor = await actorOf(req);
    if (!actor) throw new AppError("UNAUTHENTICATED", "sign in first");
    if (actor.mustChoosePassword) throw new AppError("FORBIDDEN", "choose your own password first (Account)", undefined, "errors.choosePasswordFirst");
    return await fn(actor);
  } catch (e) {
    if (isBodyError(e)) return bodyRefusal(req, e);
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
