// Request bodies are refused by size before they are read: a declared Content-Length over the
// limit is refused without touching the stream, a body without one (chunked) is read counting
// bytes and cancelled as soon as the count passes the limit, and what fits is parsed.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { BODY_LIMITS, PROXY_BODY_LIMIT } from "../lib/body-limits";
import type { AppError } from "../lib/errors";
import { isBodyError, bodyRefusal, readBody, readForm, readJson, withBodyLimit } from "../app/_lib/http.server";

const CHUNK = 64 * 1024;

/** An endless body (or one of `total` bytes) that records how much of it was read, and whether it was cancelled. */
function source(total = Infinity, fill = 0x20) {
  const seen = { bytes: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const n = Math.min(CHUNK, total - seen.bytes);
        if (n <= 0) return controller.close();
        seen.bytes += n;
        controller.enqueue(new Uint8Array(n).fill(fill));
      },
      cancel() {
        seen.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, seen };
}

function request(body: BodyInit | ReadableStream<Uint8Array>, headers: Record<string, string> = {}, method = "POST"): NextRequest {
  return new NextRequest("http://localhost/api/x", { method, headers: { "content-type": "application/json", ...headers }, body, duplex: "half" } as ConstructorParameters<typeof NextRequest>[1]);
}

async function refusal(p: Promise<unknown>): Promise<AppError & { say: string }> {
  try {
    await p;
  } catch (e) {
    if (isBodyError(e)) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}

describe("readBody", () => {
  it("refuses a declared Content-Length over the limit without reading a byte", async () => {
    const { stream, seen } = source();
    const t0 = performance.now();
    const e = await refusal(readBody(request(stream, { "content-length": String(50 * 1024 * 1024) }), 256 * 1024));
    expect(e.status).toBe(413);
    expect(seen.bytes).toBe(0);
    expect(performance.now() - t0).toBeLessThan(100);
  });

  it("stops reading a chunked body as soon as it passes the limit, and cancels the upload", async () => {
    const { stream, seen } = source();
    const e = await refusal(readBody(request(stream), 256 * 1024));
    expect(e.status).toBe(413);
    expect(seen.bytes).toBeLessThanOrEqual(256 * 1024 + CHUNK);
    expect(seen.cancelled).toBe(true);
  });

  it("counts the bytes actually sent, whatever length is declared", async () => {
    const { stream, seen } = source();
    const e = await refusal(readBody(request(stream, { "content-length": "10" }), 100 * 1024));
    expect(e.status).toBe(413);
    expect(seen.bytes).toBeLessThanOrEqual(100 * 1024 + CHUNK);
  });

  it("reads a body within the limit, exactly up to it, in several chunks", async () => {
    const { stream } = source(3 * CHUNK + 5, 0x31);
    const bytes = await readBody(request(stream), 3 * CHUNK + 5);
    expect(bytes.byteLength).toBe(3 * CHUNK + 5);
    expect(bytes.every((b) => b === 0x31)).toBe(true);
    expect((await readBody(request("x".repeat(1000)), 1000)).byteLength).toBe(1000);
    expect((await refusal(readBody(request("x".repeat(1001)), 1000))).status).toBe(413);
  });

  it("reads an empty body as no bytes", async () => {
    expect((await readBody(new NextRequest("http://localhost/api/x", { method: "POST" }), 10)).byteLength).toBe(0);
  });
});

describe("readJson", () => {
  it("parses JSON within the limit, multi-byte text included", async () => {
    expect(await readJson(request(JSON.stringify({ text: "−½ 日本語" })), 1024)).toEqual({ text: "−½ 日本語" });
  });

  it("answers invalid JSON with 400 and a clear message", async () => {
    const e = await refusal(readJson(request("{not json"), 1024));
    expect(e.status).toBe(400);
    expect(e.message).toBe("request body is not valid JSON");
    expect((await refusal(readJson(request(new Uint8Array([0x7b, 0xff, 0x7d])), 1024))).status).toBe(400);
  });

  it("refuses a body not sent as JSON (415) and one too large (413)", async () => {
    expect((await refusal(readJson(request("{}", { "content-type": "text/plain" }), 1024))).status).toBe(415);
    expect((await refusal(readJson(request(JSON.stringify({ t: "x".repeat(2000) })), 1024))).status).toBe(413);
  });

  it("says why in the asker's language, closing the connection on a 413", async () => {
    const e = await refusal(readJson(request(source().stream, { "content-length": "99999999" }), 1024));
    const res = bodyRefusal(request("", { cookie: "locale=ja" }), e);
    expect(res.status).toBe(413);
    expect(res.headers.get("connection")).toBe("close");
    expect(await res.json()).toEqual({ error: "request body larger than 1024 bytes", code: "PAYLOAD_TOO_LARGE", message: "1 回のリクエストで受け付けられる量を超えています。何も読み込まず、保存もしていません。" });
    const bad = bodyRefusal(request("", { "accept-language": "ko-KR" }), await refusal(readJson(request("{"), 10)));
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toBe("요청을 읽을 수 없습니다 (올바른 JSON이 아닙니다). 아무것도 저장하지 않았습니다.");
  });
});

describe("forms and handlers that read the body themselves", () => {
  it("reads a form within the limit and refuses a larger one", async () => {
    const form = await readForm(request("locale=ja&x=1", { "content-type": "application/x-www-form-urlencoded" }), 100);
    expect(form.get("locale")).toBe("ja");
    const { stream, seen } = source();
    expect((await refusal(readForm(request(stream, { "content-type": "application/x-www-form-urlencoded" }), 4096))).status).toBe(413);
    expect(seen.bytes).toBeLessThanOrEqual(4096 + CHUNK);
  });

  it("hands next-auth the same request with its body read within the limit", async () => {
    const body = "csrfToken=abc&email=alice%40handprop.test&password=x&json=true";
    const bounded = await withBodyLimit(request(body, { "content-type": "application/x-www-form-urlencoded", cookie: "a=b" }), 1024);
    expect(await bounded.text()).toBe(body);
    expect(bounded.headers.get("cookie")).toBe("a=b");
    expect(bounded.nextUrl.pathname).toBe("/api/x");
    const { stream, seen } = source();
    expect((await refusal(withBodyLimit(request(stream), 1024))).status).toBe(413);
    expect(seen.bytes).toBeLessThanOrEqual(1024 + CHUNK);
  });
});

describe("the limits", () => {
  it("fit the largest legitimate body of each kind, and the proxy lets a server action meet its own limit", () => {
    // A roster CSV of 200,000 characters, 3 bytes each in UTF-8, in a multipart form.
    expect(BODY_LIMITS.serverAction).toBeGreaterThan(3 * 200_000 + 10_000);
    // A pasted matrix of 20,000 characters, every one a JSON-escaped backslash or a 3-byte character.
    expect(BODY_LIMITS.preview).toBeGreaterThan(3 * 20_000 + 1000);
    expect(PROXY_BODY_LIMIT).toBeGreaterThan(BODY_LIMITS.serverAction + CHUNK);
  });
});
