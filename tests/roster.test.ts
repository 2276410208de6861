// Rosters as instructors have them: Excel's Shift_JIS (CP932) and UTF-8 files decoded exactly,
// line numbers that are the file's own, malformed rows (an open quote, a formula, too many cells)
// reported alone without swallowing the next row, re-imports that add nobody twice, and 300
// students imported at the real hashing cost in under 5 s.
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { needsRehash, ONE_TIME_SCRYPT, OWASP_SCRYPT, paramsOf, verifyPassword } from "../lib/auth/password";
import { seedDemo } from "../lib/course/demo";
import { addStudentsCsv, createCourse, removeStudent, ROSTER_PAGE_SIZE, rosterPage } from "../lib/teach/courses";
import { decodeRoster, readRosterCsv, readRosterInput, splitLine } from "../lib/teach/roster-csv";
import { freshDb } from "./db";
import { actorsOf, errorCode } from "./helpers";
import { japanesePeople, registrarCsv, rosterCsv, studentNumberOf } from "./roster-fixture";

const utf8 = (s: string) => new TextEncoder().encode(s);
const withBom = (s: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(s)]);
const cp932 = (s: string) => new Uint8Array(iconv.encode(s, "cp932"));
const reasons = (csv: string) => readRosterCsv(csv).rejected.map((r) => [r.line, r.reason]);

describe("decoding a roster file", () => {
  const people = japanesePeople(300, "dec");
  const csv = rosterCsv(people);

  it("reads 300 Japanese names from Shift_JIS (CP932) bytes exactly as written", () => {
    const bytes = cp932(csv);
    expect(utf8OrNull(bytes)).toBeNull(); // really not UTF-8: the decoder had to tell
    const { text, encoding } = decodeRoster(bytes);
    expect(encoding).toBe("cp932");
    const { rows, rejected } = readRosterCsv(text);
    expect(rejected).toEqual([]);
    expect(rows.map((r) => r.name)).toEqual(people.map((p) => p.name));
    expect(rows.some((r) => r.name.includes("髙") || r.name.includes("﨑"))).toBe(true);
    expect(rows.every((r) => !r.name.includes("\uFFFD"))).toBe(true);
    expect(rows[0].line).toBe(2); // line 1 is the Japanese header
  });

  it("reads the same names from UTF-8 with and without a byte-order mark", () => {
    for (const bytes of [utf8(csv), withBom(csv)]) {
      const { text, encoding } = decodeRoster(bytes);
      expect(encoding).toBe("utf-8");
      expect(readRosterCsv(text).rows.map((r) => r.name)).toEqual(people.map((p) => p.name));
    }
  });

  it("refuses bytes that are neither UTF-8 nor CP932, UTF-16, and a BOM on bytes that are not UTF-8, saying how to save as CSV UTF-8", async () => {
    const notCp932 = new Uint8Array([0x41, 0x2c, 0x85, 0x40, 0x0a]); // 0x85 0x40 is unassigned in CP932
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from("名前,email\n", "utf16le")]);
    const lyingBom = new Uint8Array([0xef, 0xbb, 0xbf, ...cp932("佐藤,a@b.jp\n")]);
    for (const bytes of [notCp932, utf16, lyingBom]) {
      expect(await errorCode(Promise.resolve().then(() => decodeRoster(bytes)))).toBe("INVALID_INPUT");
    }
    let said = "";
    try {
      decodeRoster(notCp932);
    } catch (e) {
      said = (e as { say?: string }).say ?? "";
    }
    expect(said).toBe("errors.csvEncoding");
    const { translator } = await import("../lib/i18n");
    expect(translator("ja")(said)).toContain("CSV UTF-8");
    expect(translator("en")(said)).toContain("CSV UTF-8");
  });

  it("refuses text that a decoder already spoilt (U+FFFD), so mojibake is never stored", async () => {
    expect(await errorCode(Promise.resolve().then(() => readRosterInput("\uFFFD\uFFFD \uFFFD\uFFFD\uFFFDY,a@b.jp")))).toBe("INVALID_INPUT");
  });

  it("refuses a file over 200 KB before decoding it", async () => {
    expect(await errorCode(Promise.resolve().then(() => decodeRoster(new Uint8Array(200_001).fill(0x41))))).toBe("INVALID_INPUT");
  });
});

function utf8OrNull(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

describe("reading rows", () => {
  it("numbers rows by the file's own lines: blank lines (and Excel's empty rows) are skipped but counted", () => {
    const csv = "name,email\r\n\r\nA,a@x.jp\r\n,\r\n   \r\nB,not-an-email\r\n\r\nC,c@x.jp\r\n";
    const { rows, rejected } = readRosterCsv(csv);
    expect(rows.map((r) => [r.line, r.name])).toEqual([
      [3, "A"],
      [8, "C"],
    ]);
    expect(rejected.map((r) => [r.line, r.reason])).toEqual([[6, "not_email"]]);
    // LF and lone CR end lines too.
    expect(readRosterCsv("A,a@x.jp\n\nB,b@x.jp").rows.map((r) => r.line)).toEqual([1, 3]);
    expect(readRosterCsv("A,a@x.jp\r\rB,b@x.jp").rows.map((r) => r.line)).toEqual([1, 3]);
  });

  it("refuses an unquoted =HYPERLINK(…) as a formula, and still reads the next student", () => {
    const csv = 'A,a@x.jp\n=HYPERLINK("http://evil.example/?q=1","click"),h@x.jp\nB,b@x.jp\n';
    const { rows, rejected } = readRosterCsv(csv);
    expect(rows.map((r) => [r.line, r.email])).toEqual([
      [1, "a@x.jp"],
      [3, "b@x.jp"],
    ]);
    expect(rejected).toEqual([{ line: 2, text: '=HYPERLINK("http://evil.example/?q=1","click"),h@x.jp', reason: "formula" }]);
  });

  it("refuses cells a spreadsheet would run (=, +, -, @), quoted or not, with leading spaces or not", () => {
    expect(reasons('=1+2,a@x.jp\n"=cmd|\' /C calc\'!A0",b@x.jp\n+SUM(A1),c@x.jp\n-2+3,d@x.jp\n@SUM(A1),e@x.jp\n  =1,f@x.jp\nOK,@evil.jp\nFine,g@x.jp')).toEqual([
      [1, "formula"],
      [2, "formula"],
      [3, "formula"],
      [4, "formula"],
      [5, "formula"],
      [6, "formula"],
      [7, "formula"],
    ]);
  });

  it("ends a row at its line when a quote is left open: that row alone is malformed", () => {
    const csv = 'A,a@x.jp\n"Smith, Jo,jo@x.jp\nB,b@x.jp\nO"Brien,ob@x.jp\n"Sato" Jr,s@x.jp\n';
    const { rows, rejected } = readRosterCsv(csv);
    expect(rows.map((r) => r.line)).toEqual([1, 3]);
    expect(rejected.map((r) => [r.line, r.reason])).toEqual([
      [2, "quote"],
      [4, "quote"],
      [5, "quote"],
    ]);
  });

  it("reads quoted cells with commas and doubled quotes, and refuses too many cells", () => {
    const { rows, rejected } = readRosterCsv('"Smith, Jo",jo@x.jp\n"Say ""Hi""", hi@x.jp \nA,a@x.jp,extra\nB,b@x.jp,\n');
    expect(rows.map((r) => [r.line, r.name, r.email])).toEqual([
      [1, "Smith, Jo", "jo@x.jp"],
      [2, 'Say "Hi"', "hi@x.jp"],
      [4, "B", "b@x.jp"],
    ]);
    expect(rejected.map((r) => [r.line, r.reason])).toEqual([[3, "columns"]]);
    expect(splitLine('a,"b""c",d')).toEqual({ cells: ["a", 'b"c', "d"] });
  });

  it("refuses control characters and reports duplicates and bad emails by line", () => {
    expect(reasons("A\u0007,a@x.jp\nB,b@x.jp\nB2,B@X.JP\n,c@x.jp\nD,d")).toEqual([
      [1, "control"],
      [3, "duplicate"],
      [4, "no_name"],
      [5, "not_email"],
    ]);
  });

  it("knows a header in English or Japanese only on the first row", () => {
    expect(readRosterCsv("Name,E-mail\nA,a@x.jp").rows.map((r) => r.line)).toEqual([2]);
    expect(readRosterCsv("\n氏名,メールアドレス\nA,a@x.jp").rows.map((r) => r.line)).toEqual([3]);
    expect(reasons("A,a@x.jp\nname,email")).toEqual([[2, "not_email"]]);
  });
});

describe("registrar rosters", () => {
  it("reads 学籍番号,氏名,メールアドレス and the same columns in any order, in English or Korean, ignoring nothing it knows", () => {
    const people = japanesePeople(3, "reg");
    const expected = people.map((p, i) => [p.name, p.email, studentNumberOf(i)]);
    const read = (csv: string) => readRosterCsv(csv).rows.map((r) => [r.name, r.email, r.studentNumber]);
    expect(read(registrarCsv(people))).toEqual(expected);
    const reordered = ["メールアドレス,学籍番号,氏名", ...people.map((p, i) => `${p.email},${studentNumberOf(i)},${p.name}`)].join("\n");
    expect(read(reordered)).toEqual(expected);
    expect(read(registrarCsv(people, "Student number,Name,Email"))).toEqual(expected);
    expect(read(registrarCsv(people, "학번,이름,이메일"))).toEqual(expected);
    // Without a number column, rows carry none.
    expect(readRosterCsv(rosterCsv(people)).rows.every((r) => r.studentNumber === undefined)).toBe(true);
  });

  it("ignores the columns a registrar adds that a roster does not need (学部, 学年), wherever they stand", () => {
    const csv = "学部,学籍番号,学年,氏名,メールアドレス,備考\n工学部,2027A0001,1,佐藤 花子,sato@x.jp,\n理学部,2027A0002,2,鈴木 太郎,suzuki@x.jp,再履修";
    expect(readRosterCsv(csv).rows.map((r) => [r.studentNumber, r.name, r.email])).toEqual([
      ["2027A0001", "佐藤 花子", "sato@x.jp"],
      ["2027A0002", "鈴木 太郎", "suzuki@x.jp"],
    ]);
  });

  it("refuses a file of the wrong shape whole, with one message saying what it found and what it expects", () => {
    for (const csv of ["学籍番号,氏名\n2027A0001,佐藤 花子", "番号,クラス,備考\n1,A,x\n2,B,y", "name,name,email\nA,B,a@x.jp"]) {
      const refusal = (() => {
        try {
          readRosterCsv(csv);
          return null;
        } catch (e) {
          return e as { code: string; message: string; say?: string; details?: Record<string, unknown> };
        }
      })();
      expect(refusal, csv).not.toBeNull();
      expect(refusal!.code).toBe("INVALID_INPUT");
      expect(refusal!.say).toBe("errors.rosterShape");
      expect(refusal!.details?.CSV).toMatchObject({ code: "rosterFound" });
      expect(refusal!.message).toContain(csv.split("\n")[0].split(",")[0]);
      expect(refusal!.message).toMatch(/expected name and email/);
    }
  });

  it("refuses a malformed or repeated student number by line, keeping the other rows", () => {
    const csv = "学籍番号,氏名,メールアドレス\n2027A0001,A,a@x.jp\n2027 0002,B,b@x.jp\n2027A0001,C,c@x.jp\n,D,d@x.jp";
    const { rows, rejected } = readRosterCsv(csv);
    expect(rejected.map((r) => [r.line, r.reason])).toEqual([
      [3, "bad_number"],
      [4, "duplicate_number"],
    ]);
    // An empty number is allowed: that student simply has none yet.
    expect(rows.map((r) => [r.email, r.studentNumber])).toEqual([
      ["a@x.jp", "2027A0001"],
      ["d@x.jp", undefined],
    ]);
  });
});

const db = await freshDb("roster");

describe("importing", () => {
  type Actor = { id: string; role: "student" | "instructor" };
  let teacher: Actor;
  let alice: Actor;
  let courseId = "";

  beforeAll(async () => {
    ({ courseId } = await seedDemo(db));
    [teacher, alice] = await actorsOf(db, "teacher@handprop.test", "alice@handprop.test");
  });
  afterAll(() => db.$disconnect());

  it("stores 300 Shift_JIS names exactly, and a re-import says they are enrolled and adds nobody", async () => {
    const people = japanesePeople(300, "imp");
    const bytes = cp932(rosterCsv(people));
    const first = await addStudentsCsv(db, teacher, courseId, bytes);
    expect(first.added).toHaveLength(300);
    expect(first.added.every((a) => (a.initialPassword ?? "").length >= 16)).toBe(true);
    const stored = await db.user.findMany({ where: { email: { in: people.map((p) => p.email) } }, select: { name: true, email: true } });
    expect(new Map(stored.map((u) => [u.email, u.name]))).toEqual(new Map(people.map((p) => [p.email, p.name])));

    const again = await addStudentsCsv(db, teacher, courseId, bytes);
    expect(again.added).toEqual([]);
    expect(again.already).toHaveLength(300);
    expect(again.already![0]).toEqual({ line: 2, name: people[0].name, email: people[0].email });
    expect(await db.membership.count({ where: { courseId, user: { email: { in: people.map((p) => p.email) } } } })).toBe(300);
  });

  it("counts an enrolled student as enrolled and a removed one as added back, with no new password for either", async () => {
    const [bob] = japanesePeople(2, "back").slice(1);
    await addStudentsCsv(db, teacher, courseId, `${bob.name},${bob.email}`);
    const user = await db.user.findUniqueOrThrow({ where: { email: bob.email } });
    await removeStudent(db, teacher, courseId, user.id);
    const report = await addStudentsCsv(db, teacher, courseId, `Alice,alice@handprop.test\n${bob.name},${bob.email}`);
    expect(report.already?.map((a) => a.email)).toEqual(["alice@handprop.test"]);
    expect(report.added.map((a) => [a.email, a.initialPassword])).toEqual([[bob.email, undefined]]);
    expect((await db.membership.findUniqueOrThrow({ where: { userId_courseId: { userId: user.id, courseId } } })).removedAt).toBeNull();
  });

  it("never changes a teaching assistant's role, present or removed: their row is refused as staff", async () => {
    const ta = await db.user.create({ data: { email: "ta@x.jp", name: "TA", role: "student", passwordHash: "x" } });
    const gone = await db.user.create({ data: { email: "gone.ta@x.jp", name: "Gone TA", role: "student", passwordHash: "x" } });
    await db.membership.createMany({ data: [{ userId: ta.id, courseId, role: "ta" }, { userId: gone.id, courseId, role: "ta", removedAt: new Date() }] });
    const report = await addStudentsCsv(db, teacher, courseId, "TA,ta@x.jp\nGone TA,gone.ta@x.jp");
    expect(report.rejected.map((r) => [r.line, r.reason])).toEqual([
      [1, "staff"],
      [2, "staff"],
    ]);
    const ms = await db.membership.findMany({ where: { courseId, userId: { in: [ta.id, gone.id] } }, orderBy: { userId: "asc" } });
    expect(ms.map((m) => [m.role, !!m.removedAt]).sort()).toEqual([
      ["ta", false],
      ["ta", true],
    ]);
  });

  it("stores a registrar's 300 student numbers from Shift_JIS, one per student of the course, and a re-import with new numbers updates them", async () => {
    const people = japanesePeople(300, "regimp");
    const report = await addStudentsCsv(db, teacher, courseId, cp932(registrarCsv(people)));
    expect(report.rejected).toEqual([]);
    expect(report.added.map((a) => a.studentNumber)).toEqual(people.map((_, i) => studentNumberOf(i)));
    const stored = await db.membership.findMany({ where: { courseId, user: { email: { in: people.map((p) => p.email) } } }, select: { studentNumber: true, user: { select: { email: true } } } });
    expect(new Map(stored.map((m) => [m.user.email, m.studentNumber]))).toEqual(new Map(people.map((p, i) => [p.email, studentNumberOf(i)])));
    // The registrar renumbered the first student: the same file again moves the number, adds nobody.
    const renumbered = registrarCsv(people.slice(0, 1), undefined, "2027B");
    const again = await addStudentsCsv(db, teacher, courseId, renumbered);
    expect(again.added).toEqual([]);
    expect(again.already?.map((a) => a.email)).toEqual([people[0].email]);
    const first = await db.membership.findFirstOrThrow({ where: { courseId, user: { email: people[0].email } } });
    expect(first.studentNumber).toBe(studentNumberOf(0, "2027B"));
  });

  it("pages the course's roster by 50 and finds a student by name, email or number, typed in full width too", async () => {
    const all = await rosterPage(db, teacher, courseId, undefined, 1);
    expect(all.rows).toHaveLength(ROSTER_PAGE_SIZE);
    expect(all.pages).toBe(Math.ceil(all.total / ROSTER_PAGE_SIZE));
    expect((await rosterPage(db, teacher, courseId, undefined, 9999)).page).toBe(all.pages);
    expect((await rosterPage(db, teacher, courseId, undefined, "x")).page).toBe(1);
    const byNumber = await rosterPage(db, teacher, courseId, "２０２７Ａ０１２３", 1);
    expect(byNumber.rows.map((r) => [r.studentNumber, r.label])).toEqual([["2027A0123", `${japanesePeople(300, "regimp")[122].name} (2027A0123)`]]);
    expect((await rosterPage(db, teacher, courseId, "REGIMP-007", 1)).rows.map((r) => r.email)).toEqual(["regimp-007@example.ac.jp"]);
    expect((await rosterPage(db, teacher, courseId, "no such person", 1)).matched).toBe(0);
    expect(await errorCode(rosterPage(db, alice, courseId, "", 1))).toBe("FORBIDDEN");
  });

  it("refuses a number another student of the course holds, adding that row's student nobody, and keeps the other rows", async () => {
    const [a, b, c] = japanesePeople(3, "taken");
    await addStudentsCsv(db, teacher, courseId, `学籍番号,氏名,メールアドレス\nT-0001,${a.name},${a.email}`);
    const report = await addStudentsCsv(db, teacher, courseId, `学籍番号,氏名,メールアドレス\nT-0001,${b.name},${b.email}\nT-0003,${c.name},${c.email}`);
    expect(report.rejected.map((r) => [r.line, r.reason])).toEqual([[2, "number_taken"]]);
    expect(report.added.map((x) => [x.email, x.studentNumber])).toEqual([[c.email, "T-0003"]]);
    expect(await db.membership.count({ where: { courseId, user: { email: b.email } } })).toBe(0);
    // The same number in another course is another student's business.
    const other = await createCourse(db, teacher, { title: "Other" });
    const elsewhere = await addStudentsCsv(db, teacher, other.id, `学籍番号,氏名,メールアドレス\nT-0001,${b.name},${b.email}`);
    expect(elsewhere.added.map((x) => x.studentNumber)).toEqual(["T-0001"]);
  });

  it("is refused to a student and to a stranger", async () => {
    expect(await errorCode(addStudentsCsv(db, alice, courseId, "a,b@c.de"))).toBe("FORBIDDEN");
    const stranger = await db.user.create({ data: { email: "stranger@x.jp", name: "Stranger", role: "instructor", passwordHash: "x" } });
    expect(await errorCode(addStudentsCsv(db, { id: stranger.id, role: "instructor" }, courseId, "a,b@c.de"))).toBe("NOT_FOUND");
    expect(await db.user.count({ where: { email: "b@c.de" } })).toBe(0);
  });

  it("imports 300 new students at the real hashing cost in under 5 s; their one-time hashes are marked as such, kept at sign-in", async () => {
    const people = japanesePeople(300, "timed");
    const bytes = cp932(rosterCsv(people));
    const saved = process.env.HANDPROP_INSECURE_TEST_HASHING;
    delete process.env.HANDPROP_INSECURE_TEST_HASHING; // the path the app takes
    try {
      const started = performance.now();
      let hashed = 0;
      const report = await addStudentsCsv(db, teacher, courseId, bytes, {
        onPrepared: async (done, total) => {
          if (done === total) hashed = performance.now() - started;
        },
      });
      const ms = performance.now() - started;
      console.log(`[roster] 300 students imported (Shift_JIS, one-time scrypt N=2^10) in ${ms.toFixed(0)} ms: ${hashed.toFixed(0)} ms to the last hash, then one transaction`);
      expect(report.added).toHaveLength(300);
      expect(ms).toBeLessThan(5_000);
      const first = report.added[0];
      const { passwordHash } = await db.user.findUniqueOrThrow({ where: { email: first.email } });
      expect(paramsOf(passwordHash)).toEqual(ONE_TIME_SCRYPT);
      expect(await verifyPassword(first.initialPassword!, passwordHash)).toBe(true);
      // Marked as a random one-time password's: sign-in keeps it (tests/auth-doors.test.ts).
      expect(passwordHash).toMatch(/^scrypt-random\$/);
      expect(needsRehash(passwordHash, OWASP_SCRYPT)).toBe(false);
    } finally {
      process.env.HANDPROP_INSECURE_TEST_HASHING = saved;
    }
  });
});
