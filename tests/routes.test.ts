// The API route handlers, called as Next calls them, against a real SQLite database made by the
// migrations. Who is asking comes from a session cookie signed like next-auth signs it.
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDbUrl, useForApp } from "./db-file";

// The route modules use the app's shared client, which reads its URL when first imported.
useForApp(await freshDbUrl("routes"));
const { prisma: db } = await import("../lib/db/client");
const { sessionSecret } = await import("../lib/env");
const { seedDemo } = await import("../lib/course/demo");
const { openItem } = await import("../lib/course/work");
const preview = await import("../app/api/preview/route");
const draft = await import("../app/api/variants/[id]/draft/route");
const submissions = await import("../app/api/variants/[id]/submissions/route");
const locale = await import("../app/api/locale/route");
const nextauth = await import("../app/api/auth/[...nextauth]/route");
const health = await import("../app/api/health/route");
const { authOptions } = await import("../app/_lib/auth-options.server");
const { TOO_MANY_ATTEMPTS } = await import("../lib/auth/codes");
const templateJson = await import("../app/teach/items/[itemId]/template.json/route");
const gradesCsv = await import("../app/teach/courses/[courseId]/grades.csv/route");

type Who = "nobody" | "alice" | "taro" | "teacher" | "otherTeacher" | "expired" | "forged" | "lazy" | "fresh" | "freshViaLms";
const ids: Record<string, string> = {};
let courseId = "";
let itemId = "";
let aliceVariant = "";

beforeAll(async () => {
  ({ courseId } = await seedDemo(db));
  for (const email of ["alice", "taro", "teacher"]) ids[email] = (await db.user.findUniqueOrThrow({ where: { email: `${email}@handprop.test` } })).id;
  ids.otherTeacher = (await db.user.create({ data: { email: "other@handprop.test", name: "Other Teacher", role: "instructor", passwordHash: "x" } })).id;
  itemId = (await db.problemSetItem.findFirstOrThrow({ where: { problemSet: { courseId }, position: 0 } })).id;
  aliceVariant = (await openItem(db, { id: ids.alice, role: "student" }, itemId)).id;
});
afterAll(() => db.$disconnect());

/** The session cookie a browser of `who` would send (none for nobody). */
async function cookieOf(who: Who): Promise<string | undefined> {
  if (who === "nobody") return undefined;
  const sub = ids[who === "freshViaLms" ? "fresh" : who] ?? ids.alice;
  const secret = who === "forged" ? "an-attacker-guessing-the-secret-wrongly-000" : sessionSecret();
  // "fresh" signed in with the one-time password from the instructor's sheet (the token says so:
  // app/_lib/auth-options.server.ts); "freshViaLms" is the same account, launched from an LMS.
  const token = await encode({ token: { sub, ...(who === "fresh" ? { otp: true } : {}) }, secret, maxAge: who === "expired" ? -60 : 3600 });
  return `next-auth.session-token=${token}`;
}

async function call<P extends Record<string, string>>(
  handler: (req: NextRequest, ctx: { params: Promise<P> }) => Promise<Response>,
  who: Who,
  { method = "POST", body, params = {} as P, type = "application/json", url = "http://localhost/api/x", locale }: { method?: string; body?: unknown; params?: P; type?: string; url?: string; locale?: string } = {},
): Promise<Response> {
  const cookie = [await cookieOf(who), locale && `locale=${locale}`].filter(Boolean).join("; ");
  const headers: Record<string, string> = { "content-type": type, ...(cookie ? { cookie } : {}) };
  const init = { method, headers, ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }) };
  return handler(new NextRequest(url, init), { params: Promise.resolve(params) });
}

describe("who may call each route", () => {
  it("answers 401 to nobody, to an expired session and to a token signed with another secret", async () => {
    for (const who of ["nobody", "expired", "forged"] as const) {
      expect((await call(preview.POST, who, { body: { text: "1/2" } })).status).toBe(401);
      expect((await call(draft.PUT, who, { method: "PUT", body: { answers: {} }, params: { id: aliceVariant } })).status).toBe(401);
      expect((await call(submissions.POST, who, { body: { answers: {}, idempotencyKey: "nobody-key-0001" }, params: { id: aliceVariant } })).status).toBe(401);
      expect((await call(templateJson.GET, who, { method: "GET", params: { itemId } })).status).toBe(401);
      expect((await call(gradesCsv.GET, who, { method: "GET", params: { courseId } })).status).toBe(401);
    }
    expect(await db.submission.count()).toBe(0);
  });

  it("keeps a student's variant, drafts and submissions to that student", async () => {
    for (const who of ["taro", "teacher", "otherTeacher"] as const) {
      const put = await call(draft.PUT, who, { method: "PUT", body: { answers: { "steps[0].loss": [["1"]] } }, params: { id: aliceVariant } });
      expect(put.status).toBe(404);
      const post = await call(submissions.POST, who, { body: { answers: { "steps[0].loss": [["1"]] }, idempotencyKey: `intruder-${who}` }, params: { id: aliceVariant } });
      expect(post.status).toBe(404);
    }
    expect(await db.draft.count({ where: { variantId: aliceVariant } })).toBe(0);
    expect(await db.submission.count()).toBe(0);
  });

  it("keeps instructor downloads to the course's own instructor", async () => {
    for (const who of ["alice", "otherTeacher"] as const) {
      expect([403, 404]).toContain((await call(templateJson.GET, who, { method: "GET", params: { itemId } })).status);
      expect([403, 404]).toContain((await call(gradesCsv.GET, who, { method: "GET", params: { courseId } })).status);
    }
  });

  it("needs no session for the health probe", async () => {
    expect(await health.GET().json()).toEqual({ ok: true });
  });
});

describe("the preview route", () => {
  it("shows what the server reads in a cell or a pasted matrix", async () => {
    expect(await (await call(preview.POST, "alice", { body: { text: "-5/3" } })).json()).toEqual({ ok: true, display: "-1.666667" });
    const m = await (await call(preview.POST, "alice", { body: { matrix: "\\begin{pmatrix} 1 & 1/2 \\\\ 0.1*8 & -2 \\end{pmatrix}", rows: 2, cols: 2 } })).json();
    // Cells come back as they were written (the student's fraction stays a fraction), once every one of them was read.
    expect(m).toEqual({ ok: true, cells: [["1", "1/2"], ["0.1*8", "-2"]] });
    expect(await (await call(preview.POST, "alice", { body: { matrix: "-1/405  2/3", rows: 1, cols: 2 } })).json()).toEqual({ ok: true, cells: [["-1/405", "2/3"]] });
    // Typed with a Japanese input method: full-width digits, 、 between cells; fractions still kept as written.
    expect(await (await call(preview.POST, "alice", { body: { matrix: "－１／４０５、２／３", rows: 1, cols: 2 } })).json()).toEqual({ ok: true, cells: [["-1/405", "2/3"]] });
    expect(await (await call(preview.POST, "alice", { body: { matrix: "[[0.25], [\"1/3\"]]", rows: 2, cols: 1 } })).json()).toEqual({ ok: true, cells: [["0.25"], ["1/3"]] });
    // A column as a column-layout grid takes it: one number per row.
    expect(await (await call(preview.POST, "alice", { body: { matrix: "1; 2; 3; 4", rows: 4, cols: 1 } })).json()).toEqual({ ok: true, cells: [["1"], ["2"], ["3"], ["4"]] });
    const shape = await (await call(preview.POST, "alice", { body: { matrix: "1 2; 3 4", rows: 1, cols: 2 } })).json();
    expect(shape).toEqual({ ok: false, message: "expected 1×2, got 2×2" });
  });

  it("refuses hostile input with a message, quickly", async () => {
    const t0 = performance.now();
    const r = await (await call(preview.POST, "alice", { body: { text: "9^9^9^9" } })).json();
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/large|magnitude|too/i);
    const fn = await (await call(preview.POST, "alice", { body: { text: "import({}, {})" } })).json();
    expect(fn.ok).toBe(false);
    // Bounded result, unbounded work (29 s before): refused from the sizes of its operands.
    const power = await (await call(preview.POST, "alice", { body: { text: "1.0001^30000" }, locale: "ja" })).json();
    expect(power).toEqual({ ok: false, message: "「1.0001^30000」は正確に計算すると長すぎます（600 桁を超えます）。数を丸めるか、結果を小数で書いてください" });
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it("says why a cell cannot be read in the student's language", async () => {
    const comma = (locale?: string) => call(preview.POST, "alice", { body: { text: "1,5" }, locale });
    expect(await (await comma()).json()).toEqual({ ok: false, message: "'1,5': write the decimal point as a dot (1.5)" });
    expect(await (await comma("ja")).json()).toEqual({ ok: false, message: "「1,5」：小数点はピリオドで書いてください（1.5）" });
    expect(await (await comma("ko")).json()).toEqual({ ok: false, message: "'1,5': 소수점은 마침표로 쓰세요 (1.5)" });
    const shape = await (await call(preview.POST, "alice", { body: { matrix: "1 2; 3 4", rows: 1, cols: 2 }, locale: "ja" })).json();
    expect(shape).toEqual({ ok: false, message: "1×2 の行列が必要ですが、2×2 でした" });
    // Without the cookie, the browser's Accept-Language decides.
    const req = new NextRequest("http://localhost/api/preview", {
      method: "POST",
      headers: { "content-type": "application/json", "accept-language": "ja-JP,ja;q=0.9", cookie: (await cookieOf("alice"))! },
      body: JSON.stringify({ text: "x" }),
    });
    expect((await (await preview.POST(req)).json()).message).toBe("「x」は使えない名前です（使えるのは数、+ − * / ^、e、pi、exp、ln、sqrt だけです）");
  });

  it("refuses bodies that are not JSON, too large, of another type, or of the wrong shape", async () => {
    const bad = await call(preview.POST, "alice", { body: "{not json" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: "request body is not valid JSON", code: "BAD_REQUEST", message: "The request could not be read (it is not valid JSON); nothing was saved." });
    expect((await call(preview.POST, "alice", { body: "x".repeat(300_000) })).status).toBe(413);
    const form = await call(preview.POST, "alice", { body: JSON.stringify({ text: "1" }), type: "text/plain" });
    expect(form.status).toBe(415);
    expect((await call(preview.POST, "alice", { body: { text: 42 } })).status).toBe(422);
  });

  it("answers a script flooding previews with 429 before any work, and another student is served", async () => {
    // 40 at once from one account: at most two run at a time, and the bucket holds 20.
    const flood = await Promise.all(Array.from({ length: 40 }, () => call(preview.POST, "teacher", { body: { text: "1/3" } })));
    const statuses = flood.map((r) => r.status);
    const refused = flood.filter((r) => r.status === 429);
    expect(statuses.every((s) => s === 200 || s === 429), String(statuses)).toBe(true);
    expect(refused.length).toBeGreaterThanOrEqual(20);
    expect((await refused[0].json()).message).toBe("Too many previews at once: wait for the ones on their way.");
    // Someone else is not affected.
    expect(await (await call(preview.POST, "taro", { body: { text: "1/4" } })).json()).toEqual({ ok: true, display: "0.25" });
    // At the page's pace (one after another), the flooder is served again once the bucket refills a little.
    await new Promise((r) => setTimeout(r, 300));
    expect((await call(preview.POST, "teacher", { body: { text: "1/3" } })).status).toBe(200);
  });
});

describe("drafts and submissions through the routes", () => {
  it("saves a draft that the next visit reads back, and refuses a malformed one without losing the saved one", async () => {
    const answers = { "steps[0].loss": [["1/2"]] };
    const ok = await call(draft.PUT, "alice", { method: "PUT", body: { answers }, params: { id: aliceVariant } });
    expect(ok.status).toBe(200);
    expect(Date.parse((await ok.json()).savedAt)).not.toBeNaN();
    const bad = await call(draft.PUT, "alice", { method: "PUT", body: { answers: { "steps[0].loss": "not a matrix" } }, params: { id: aliceVariant } });
    expect(bad.status).toBe(422);
    // Larger than a draft may be: refused before it is read.
    const huge = await call(draft.PUT, "alice", { method: "PUT", body: { answers: { "steps[0].loss": "not a matrix".repeat(100_000) } }, params: { id: aliceVariant } });
    expect(huge.status).toBe(413);
    const kept = await db.draft.findUniqueOrThrow({ where: { variantId: aliceVariant } });
    expect(JSON.parse(kept.answersJson)).toEqual(answers);
  });

  it("reads a draft back only to its owner, with the time each cell was typed, and refuses bad times with a 400 in the reader's language", async () => {
    const now = Date.now();
    const body = { answers: { "steps[0].loss": [["-1/405"]] }, times: { "steps[0].loss": [[now + 1]] }, now };
    const put = await call(draft.PUT, "alice", { method: "PUT", body, params: { id: aliceVariant } });
    expect(put.status).toBe(200);
    const got = await call(draft.GET, "alice", { method: "GET", params: { id: aliceVariant } });
    expect(got.status).toBe(200);
    const read = await got.json();
    expect(read.answers["steps[0].loss"]).toEqual([["-1/405"]]);
    expect(read.times["steps[0].loss"][0][0]).toBeGreaterThanOrEqual(now);
    expect(read.now).toBeGreaterThanOrEqual(read.times["steps[0].loss"][0][0]);
    expect((await call(draft.GET, "taro", { method: "GET", params: { id: aliceVariant } })).status).toBe(404);
    expect((await call(draft.GET, "nobody", { method: "GET", params: { id: aliceVariant } })).status).toBe(401);
    for (const [times, now2] of [[{ "steps[0].loss": [[-5]] }, now], [{ "steps[0].loss": [[1, 2]] }, now], [{ "steps[0].loss": [[1]] }, "later"]] as const) {
      const bad = await call(draft.PUT, "alice", { method: "PUT", body: { answers: { "steps[0].loss": [["9"]] }, times, now: now2 }, params: { id: aliceVariant }, locale: "ja" });
      expect(bad.status).toBe(400);
      expect((await bad.json()).message).toMatch(/再読み込み/);
    }
    const kept = await db.draft.findUniqueOrThrow({ where: { variantId: aliceVariant } });
    expect(JSON.parse(kept.answersJson)["steps[0].loss"]).toEqual([["-1/405"]]);
  });

  it("grades a submission once however often it is sent, and never returns an answer", async () => {
    const body = { answers: { "steps[0].loss": [["1"]] }, idempotencyKey: "alice-double-click-1" };
    const [a, b] = await Promise.all([0, 1].map(() => call(submissions.POST, "alice", { body, params: { id: aliceVariant } })));
    expect([a.status, b.status]).toEqual([201, 201]);
    const [ja, jb] = [await a.json(), await b.json()];
    expect(ja.submissionId).toBe(jb.submissionId);
    expect(Object.keys(ja).sort()).toEqual(["submissionId", "url"]);
    expect(ja.url).toBe(`/submissions/${ja.submissionId}`);
    expect(await db.submission.count({ where: { variantId: aliceVariant } })).toBe(1);
  });

  it("names the cell of an unreadable answer and counts no attempt", async () => {
    const r = await call(submissions.POST, "alice", { body: { answers: { "steps[0].loss": [["9^9^9^9"]] }, idempotencyKey: "alice-hostile-0001" }, params: { id: aliceVariant } });
    expect(r.status).toBe(422);
    const j = await r.json();
    expect(Object.keys(j.errors ?? {}).join(" ")).toMatch(/steps\[0\]\.loss/);
    expect(Object.values(j.errors).join(" ")).toBe("'9^9^9^9' is too large (more than 1e15)");
    const ja = await call(submissions.POST, "alice", { body: { answers: { "steps[0].loss": [["2/0"]], "steps[0].layers[0].A": [["1", ""]] }, idempotencyKey: "alice-hostile-0002" }, params: { id: aliceVariant }, locale: "ja" });
    expect(ja.status).toBe(422);
    expect(Object.values((await ja.json()).errors)).toEqual(["空欄です"]);
    const ja2 = await call(submissions.POST, "alice", { body: { answers: { "steps[0].loss": [["2/0"]] }, idempotencyKey: "alice-hostile-0003" }, params: { id: aliceVariant }, locale: "ja" });
    expect(Object.values((await ja2.json()).errors)).toEqual(["「2/0」は 0 で割っています"]);
    expect(await db.submission.count({ where: { variantId: aliceVariant } })).toBe(1);
  });
});

describe("an empty form", () => {
  it("is refused before it uses an attempt, saying so in the student's language; one filled cell is an attempt", async () => {
    const before = await db.submission.count({ where: { variantId: aliceVariant } });
    const empty = (answers: unknown, key: string, locale?: string) => call(submissions.POST, "alice", { body: { answers, idempotencyKey: key }, params: { id: aliceVariant }, locale });
    const en = await empty({}, "alice-empty-0001");
    expect(en.status).toBe(422);
    expect((await en.json()).message).toBe("Nothing was entered: fill in at least one quantity before you submit. No attempt was used.");
    const blanks = await empty({ "steps[0].loss": [[" "]], "steps[0].layers[0].A": [["", "", ""]] }, "alice-empty-0002", "ja");
    expect(blanks.status).toBe(422);
    expect((await blanks.json()).message).toBe("何も入力されていません。提出する前に少なくとも1つの量を入力してください。提出回数は使われていません。");
    expect(await db.submission.count({ where: { variantId: aliceVariant } })).toBe(before);
    const one = await empty({ "steps[0].loss": [["2"]] }, "alice-empty-0003");
    expect(one.status).toBe(201);
    expect(await db.submission.count({ where: { variantId: aliceVariant } })).toBe(before + 1);
  });
});

describe("submissions the grader once choked on", () => {
  it("grades a copied old loss, a probability written as 0 and the lazy student's zeros: 201 and a grade, never 500", async () => {
    ids.lazy = (await db.user.create({ data: { email: "lazy@handprop.test", name: "Lazy Student", role: "student", passwordHash: "x" } })).id;
    await db.membership.create({ data: { userId: ids.lazy, courseId, role: "student" } });
    const variant = await openItem(db, { id: ids.lazy, role: "student" }, itemId);
    const { networkOf } = await import("../lib/course/work");
    const { solve } = await import("../lib/nn/network");
    const { toSolution } = await import("../lib/exercises/solution");
    const { net } = networkOf(variant.exerciseJson);
    const exact = toSolution(solve(net), net.layout).steps[0];
    const text = (m: number[][]) => m.map((row) => row.map(String));
    const zeros = (m: number[][]) => m.map((row) => row.map(() => "0"));
    const answers: Record<string, string[][]> = { "steps[0].loss": [[String(exact.loss)]], loss_after: [[String(exact.loss)]] };
    exact.layers.forEach((layer, l) => {
      answers[`steps[0].layers[${l}].A`] = text(layer.A);
      // The output probability of the target class written as 0 (0.0003 rounded): log 0 is undefined.
      const target = (n: number, k: number) => Number(net.targets[n][k]) !== 0;
      answers[`steps[0].layers[${l}].X`] = l === exact.layers.length - 1 ? layer.X.map((row, n) => row.map((x, k) => (target(n, k) ? "0" : String(x)))) : text(layer.X);
      for (const key of ["dX", "delta", "dW"] as const) answers[`steps[0].layers[${l}].${key}`] = zeros(layer[key]);
    });
    const r = await call(submissions.POST, "lazy", { body: { answers, idempotencyKey: "lazy-student-00001" }, params: { id: variant.id } });
    expect(r.status).toBe(201);
    const stored = await db.grade.findFirstOrThrow({ where: { submission: { variantId: variant.id } } });
    const grade = JSON.parse(stored.gradeJson) as { items: { path: string; verdict: string; points: number; reason?: string }[] };
    const backward = grade.items.filter((i) => /\.(dX|delta|dW)$/.test(i.path) || i.path === "loss_after");
    expect(backward.every((i) => i.points === 0)).toBe(true);
    expect(backward.filter((i) => i.reason === "trivial_carry").length).toBeGreaterThan(0);
  });
});

describe("a refused attempt", () => {
  it("says why in the student's language once no attempts are left, and records nothing", async () => {
    const variant = (await openItem(db, { id: ids.taro, role: "student" }, itemId)).id;
    const { attemptsAllowed } = await db.problemSet.findFirstOrThrow({ where: { items: { some: { id: itemId } } } });
    for (let n = 1; n <= attemptsAllowed; n++) {
      const r = await call(submissions.POST, "taro", { body: { answers: { "steps[0].loss": [["1"]] }, idempotencyKey: `taro-attempt-${n}` }, params: { id: variant } });
      expect(r.status).toBe(201);
    }
    const extra = (locale?: string) => call(submissions.POST, "taro", { body: { answers: { "steps[0].loss": [["1"]] }, idempotencyKey: `taro-extra-${locale}` }, params: { id: variant }, locale });
    const en = await extra();
    expect(en.status).toBe(409);
    expect((await en.json()).message).toBe("No attempts left for this exercise.");
    expect((await (await extra("ja")).json()).message).toBe("この演習の提出回数は残っていません。");
    expect(await db.submission.count({ where: { variantId: variant } })).toBe(attemptsAllowed);
  });
});

describe("instructor downloads", () => {
  it("gives the course's instructor the grades as CSV with a BOM, and an item's template as JSON", async () => {
    const csv = await call(gradesCsv.GET, "teacher", { method: "GET", params: { courseId } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await csv.arrayBuffer());
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(text).toContain("山田 太郎");
    expect(text).toContain("Alice Example");
    const tpl = await call(templateJson.GET, "teacher", { method: "GET", params: { itemId } });
    expect(tpl.status).toBe(200);
    expect(tpl.headers.get("content-disposition")).toMatch(/attachment; filename=".+\.json"/);
    expect((await tpl.json()).id).toBe("lecture-2-3-3-2-random");
  });
});

describe("the language switch", () => {
  it("remembers a known language and returns to the page it was used on, same origin only", async () => {
    const form = (l: string, referer: string) =>
      locale.POST(new NextRequest("http://localhost:3000/api/locale", { method: "POST", headers: { host: "localhost:3000", referer, "content-type": "application/x-www-form-urlencoded" }, body: `locale=${l}` }));
    const ja = await form("ja", "http://localhost:3000/dashboard?x=1");
    expect(ja.status).toBe(303);
    expect(ja.headers.get("location")).toBe("/dashboard?x=1");
    expect(ja.headers.get("set-cookie")).toMatch(/locale=ja/);
    const evil = await form("xx", "https://evil.example/phish");
    expect(evil.headers.get("location")).toBe("/");
    expect(evil.headers.get("set-cookie")).toBeNull();
  });
});

describe("signing in", () => {
  // The credentials provider's own authorize(), as next-auth's callback route calls it.
  const authorize = (email: string, password: string) =>
    (authOptions.providers[0] as unknown as { options: { authorize: (c: Record<string, string>) => Promise<{ id: string } | null> } }).options.authorize({ email, password });

  it("accepts the right password, refuses a wrong one or an unknown email alike", async () => {
    expect((await authorize("alice@handprop.test", "handprop-demo"))?.id).toBe(ids.alice);
    expect(await authorize("Alice@Handprop.test", "wrong")).toBeNull();
    expect(await authorize("nobody@handprop.test", "handprop-demo")).toBeNull();
    expect(await authorize("not an email", "x")).toBeNull();
  });

  it("locks an email after ten wrong passwords, even for the right one, and no other email", async () => {
    for (let i = 0; i < 9; i++) expect(await authorize("taro@handprop.test", `guess-${i}`)).toBeNull();
    await expect(authorize("taro@handprop.test", "guess-9")).rejects.toThrow(TOO_MANY_ATTEMPTS);
    await expect(authorize("taro@handprop.test", "handprop-demo")).rejects.toThrow(TOO_MANY_ATTEMPTS);
    expect((await authorize("alice@handprop.test", "handprop-demo"))?.id).toBe(ids.alice);
  });
});

describe("request bodies refused by size before they are read", () => {
  const MB = 1024 * 1024;
  /** An endless upload that records how much of it was read. */
  function upload() {
    const seen = { bytes: 0 };
    const stream = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          seen.bytes += 65_536;
          controller.enqueue(new Uint8Array(65_536).fill(0x20));
        },
      },
      { highWaterMark: 0 },
    );
    return { stream, seen };
  }
  async function post(who: Who, url: string, stream: ReadableStream<Uint8Array>, headers: Record<string, string> = {}, method = "POST") {
    const cookie = await cookieOf(who);
    return new NextRequest(url, { method, headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}), ...headers }, body: stream, duplex: "half" } as ConstructorParameters<typeof NextRequest>[1]);
  }
  const declared50MB = { "content-length": String(50 * MB) };

  it("answers 413 at once to a declared 50 MB body on every JSON route, reading none of it", async () => {
    const ctx = { params: Promise.resolve({ id: aliceVariant }) };
    const routes: [string, (req: NextRequest) => Promise<Response>][] = [
      ["preview", (req) => preview.POST(req)],
      ["draft", (req) => draft.PUT(req, ctx)],
      ["submissions", (req) => submissions.POST(req, ctx)],
    ];
    for (const [name, handler] of routes) {
      const { stream, seen } = upload();
      const t0 = performance.now();
      const res = await handler(await post("alice", `http://localhost/api/${name}`, stream, declared50MB, name === "draft" ? "PUT" : "POST"));
      expect(res.status, name).toBe(413);
      expect(res.headers.get("connection")).toBe("close");
      expect((await res.json()).code).toBe("PAYLOAD_TOO_LARGE");
      expect(seen.bytes, name).toBe(0);
      expect(performance.now() - t0).toBeLessThan(1000);
    }
  });

  it("stops reading a chunked body past the route's limit, and stores nothing", async () => {
    const before = await db.submission.count();
    const { stream, seen } = upload();
    const res = await submissions.POST(await post("alice", "http://localhost/api/submissions", stream), { params: Promise.resolve({ id: aliceVariant }) });
    expect(res.status).toBe(413);
    expect(seen.bytes).toBeLessThanOrEqual(256 * 1024 + 2 * 65_536);
    expect(await db.submission.count()).toBe(before);
    const p = upload();
    expect((await preview.POST(await post("alice", "http://localhost/api/preview", p.stream))).status).toBe(413);
    expect(p.seen.bytes).toBeLessThanOrEqual(128 * 1024 + 2 * 65_536);
  });

  it("never reads the body of a request from nobody", async () => {
    const { stream, seen } = upload();
    expect((await preview.POST(await post("nobody", "http://localhost/api/preview", stream, declared50MB))).status).toBe(401);
    expect(seen.bytes).toBe(0);
  });

  it("bounds the language switch and the sign-in posts too", async () => {
    const form = { "content-type": "application/x-www-form-urlencoded" };
    const l = upload();
    const switched = await locale.POST(await post("nobody", "http://localhost/api/locale", l.stream, form));
    expect(switched.status).toBe(413);
    expect(l.seen.bytes).toBeLessThanOrEqual(4096 + 2 * 65_536);
    const ctx = { params: Promise.resolve({ nextauth: ["callback", "credentials"] }) };
    const declared = upload();
    expect((await nextauth.POST(await post("nobody", "http://localhost/api/auth/callback/credentials", declared.stream, { ...form, ...declared50MB }), ctx)).status).toBe(413);
    expect(declared.seen.bytes).toBe(0);
    const chunked = upload();
    const signIn = await nextauth.POST(await post("nobody", "http://localhost/api/auth/callback/credentials", chunked.stream, { ...form, cookie: "locale=ko" }), ctx);
    expect(signIn.status).toBe(413);
    expect((await signIn.json()).message).toBe("한 번의 요청으로 받을 수 있는 양을 넘었습니다. 아무것도 읽거나 저장하지 않았습니다.");
    expect(chunked.seen.bytes).toBeLessThanOrEqual(16 * 1024 + 2 * 65_536);
  });
});

describe("next-auth's own endpoints", () => {
  const ctx = (...nextauth: string[]) => ({ params: Promise.resolve({ nextauth }) });
  const get = async (path: string[], who: Who) => {
    const cookie = await cookieOf(who);
    return nextauth.GET(new NextRequest(`http://localhost/api/auth/${path.join("/")}`, { headers: cookie ? { cookie } : {} }), ctx(...path));
  };

  it("answers a revoked session as signed out, with no name, email or fresh cookie, and clears the one sent", async () => {
    // (A live session goes on to next-auth, which needs a request scope: tried in the browser tests, e2e/signin.spec.ts.)
    await db.user.update({ where: { id: ids.alice }, data: { sessionVersion: { increment: 1 } } });
    try {
      const revoked = await get(["session"], "alice");
      expect(revoked.status).toBe(200);
      expect(await revoked.json()).toEqual({});
      const cookies = revoked.headers.getSetCookie();
      expect(cookies.join("\n")).not.toMatch(/next-auth\.session-token=[^;]+\./);
      expect(cookies).toEqual(["next-auth.session-token=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax"]);
      // The same over https (the cookie's __Secure- name) and for a token next-auth split in chunks.
      const token = (await cookieOf("alice"))!.split("=")[1];
      const chunked = await nextauth.GET(
        new NextRequest("https://handprop.test/api/auth/session", { headers: { cookie: `__Secure-next-auth.session-token.0=${token.slice(0, 40)}; __Secure-next-auth.session-token.1=${token.slice(40)}` } }),
        ctx("session"),
      );
      expect(await chunked.json()).toEqual({});
      expect(chunked.headers.getSetCookie()).toEqual([
        "__Secure-next-auth.session-token.0=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Secure",
        "__Secure-next-auth.session-token.1=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Secure",
      ]);
    } finally {
      await db.user.update({ where: { id: ids.alice }, data: { sessionVersion: { decrement: 1 } } });
    }
  });

  it("sends next-auth's stock pages to the app's sign-in page, and answers a GET of the password callback with 405", async () => {
    for (const page of [["signin"], ["signout"], ["verify-request"], ["error"], ["new-user"], ["signin", "credentials"], ["signin", "oidc"]]) {
      const res = await get(page, "nobody");
      expect(res.status, page.join("/")).toBe(303);
      // A path of this site: the browser stays on the host it asked.
      expect(res.headers.get("location"), page.join("/")).toBe("/signin");
    }
    // What next-auth's page was given goes on to the app's (which checks it: tests/form-doors.test.ts).
    const withQuery = await nextauth.GET(new NextRequest("http://localhost/api/auth/error?error=OAuthCallback&callbackUrl=%2Fwork%2Fabc&x=1"), ctx("error"));
    expect(withQuery.headers.get("location")).toBe("/signin?callbackUrl=%2Fwork%2Fabc&error=OAuthCallback");
    const callback = await get(["callback", "credentials"], "nobody");
    expect(callback.status).toBe(405);
    expect(callback.headers.get("allow")).toBe("POST");
  });
});

describe("the proxy", () => {
  it("refuses a server action posted from another site with 403, and lets this site's through", async () => {
    const { proxy } = await import("../proxy");
    const action = (origin: string | null) =>
      proxy(new NextRequest("http://handprop.test/teach", { method: "POST", headers: { host: "handprop.test", "next-action": "abc123", ...(origin ? { origin } : {}) } }));
    expect(action("https://evil.example").status).toBe(403);
    expect(action("null").status).toBe(403);
    expect(action("http://handprop.test").status).not.toBe(403);
    expect(action(null).status).not.toBe(403);
    // A form posted without script (multipart, its action id among the fields) is checked the same way.
    const form = (origin: string | null, type = "multipart/form-data; boundary=x") =>
      proxy(new NextRequest("http://handprop.test/account", { method: "POST", headers: { host: "handprop.test", "content-type": type, ...(origin ? { origin } : {}) } }));
    expect(form("https://evil.example").status).toBe(403);
    expect(form("null").status).toBe(403);
    expect(form("http://handprop.test").status).not.toBe(403);
    // Behind the proxy: the host the browser reached is the forwarded one.
    const forwarded = (origin: string) =>
      proxy(new NextRequest("http://127.0.0.1:3000/account", { method: "POST", headers: { host: "127.0.0.1:3000", "x-forwarded-host": "handprop.example", "content-type": "multipart/form-data; boundary=x", origin } }));
    expect(forwarded("https://handprop.example").status).not.toBe(403);
    expect(forwarded("http://127.0.0.1:3000").status).toBe(403);
    // An urlencoded post is never run as an action, and a GET is no post.
    expect(form("https://evil.example", "application/x-www-form-urlencoded").status).not.toBe(403);
    expect(proxy(new NextRequest("http://handprop.test/dashboard", { headers: { host: "handprop.test", origin: "https://evil.example" } })).status).not.toBe(403);
  });
});

describe("a one-time password", () => {
  it("opens no API route to the session that signed in with it until the student chooses their own: 403 with why; the same account launched from an LMS is not asked", async () => {
    const { hashOneTimePassword } = await import("../lib/auth/password");
    const { actorOfClaims } = await import("../lib/auth/session");
    const { NO_PASSWORD } = await import("../lib/auth/external");
    const fresh = await db.user.create({ data: { email: "fresh@handprop.test", name: "Fresh Student", role: "student", passwordHash: await hashOneTimePassword("AbcdefghJKLMNPQRS") } });
    const lms = await db.user.create({ data: { email: "lms@lms.invalid", name: "LMS Student", role: "student", passwordHash: NO_PASSWORD } });
    expect(await actorOfClaims(db, { sub: fresh.id, otp: true })).toMatchObject({ password: "oneTime", mustChoosePassword: true });
    expect(await actorOfClaims(db, { sub: fresh.id })).toMatchObject({ password: "oneTime", mustChoosePassword: false });
    expect(await actorOfClaims(db, { sub: lms.id, otp: true })).toMatchObject({ password: "none", mustChoosePassword: false });
    // A claim left from a one-time sign-in asks nothing of an account whose password is its own.
    expect(await actorOfClaims(db, { sub: ids.alice, otp: true })).toMatchObject({ password: "own", mustChoosePassword: false });
    ids.fresh = fresh.id;
    const res = await call(preview.POST, "fresh", { body: { text: "1/2" }, locale: "ja" });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { message: string }).message).toContain("自分のパスワード");
    const draftPut = await call(draft.PUT, "fresh", { method: "PUT", body: { answers: {} }, params: { id: aliceVariant } });
    expect(draftPut.status).toBe(403);
    expect(((await draftPut.json()) as { code: string }).code).toBe("FORBIDDEN");
    expect((await call(preview.POST, "freshViaLms", { body: { text: "1/2" } })).status).toBe(200);
  });
});

describe("reading a written solution into the grids", () => {
  it("reads the student's own transcript into cells by path with their source lines; nobody else's variant, nothing empty", async () => {
    const { readFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const read = await import("../app/api/variants/[id]/read/route");
    const seed = readFileSync(join(__dirname, "..", "..", "shared", "seeds", "000_2532c57b72747445.txt"), "utf8");
    const before = await db.draft.count();
    const res = await call(read.POST, "alice", { body: { transcript: seed }, params: { id: aliceVariant } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { answers: Record<string, string[][]>; sources: { path: string; line: number }[]; unread: unknown[] };
    expect(body.answers["steps[0].layers[0].A"]).toEqual([["-2", "4", "-6"]]);
    expect(body.sources.find((s) => s.path === "steps[0].layers[0].A")?.line).toBeGreaterThan(0);
    expect(await db.draft.count()).toBe(before); // nothing saved
    expect((await call(read.POST, "taro", { body: { transcript: seed }, params: { id: aliceVariant } })).status).toBe(404);
    expect((await call(read.POST, "nobody", { body: { transcript: seed }, params: { id: aliceVariant } })).status).toBe(401);
    expect((await call(read.POST, "alice", { body: { transcript: "  " }, params: { id: aliceVariant } })).status).toBe(422);
    expect((await call(read.POST, "alice", { body: { transcript: "x".repeat(300 * 1024) }, params: { id: aliceVariant } })).status).toBe(422);
  });
});
