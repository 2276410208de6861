// A course lives in its own time zone (lib/time.ts): dates typed in it become the right instants
// (daylight saving included), are shown back in it with the zone named, and a set due at 23:59 in
// Tokyo takes work at 23:58 there and refuses it at 00:01, whatever the server's own zone.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../lib/course/demo";
import { openItem, submitAnswers } from "../lib/course/work";
import { copyCourse, createCourse, zoneOfCourse } from "../lib/teach/courses";
import { createSet } from "../lib/teach/sets";
import type { AppError } from "../lib/errors";
import { translator } from "../lib/i18n";
import { DEFAULT_ZONES, formatInZone, instantOfLocal, isoInZone, isTimeZone, localOfInstant, timeZones } from "../lib/time";
import { rulesFromForm } from "../app/teach/_rules-fields";
import { dateIn } from "../app/teach/_guard";
import { freshDb } from "./db";

describe("wall-clock times in a zone", () => {
  it("reads 23:59 in Tokyo as 14:59 UTC, and in Seoul and UTC as theirs", () => {
    expect(instantOfLocal("2027-01-15T23:59", "Asia/Tokyo")).toBe("2027-01-15T14:59:00.000Z");
    expect(instantOfLocal("2027-01-15T23:59", "Asia/Seoul")).toBe("2027-01-15T14:59:00.000Z");
    expect(instantOfLocal("2027-01-15T23:59", "UTC")).toBe("2027-01-15T23:59:00.000Z");
    expect(instantOfLocal("", "Asia/Tokyo")).toBe("");
    // Not a wall-clock time: handed on as it is, for the rules' schema to refuse with its field named.
    expect(instantOfLocal("tomorrow", "Asia/Tokyo")).toBe("tomorrow");
  });

  it("follows daylight saving: New York is UTC−5 in January and UTC−4 in July; a skipped hour takes the later offset, a repeated one its first", () => {
    expect(instantOfLocal("2027-01-15T09:00", "America/New_York")).toBe("2027-01-15T14:00:00.000Z");
    expect(instantOfLocal("2027-07-15T09:00", "America/New_York")).toBe("2027-07-15T13:00:00.000Z");
    // 2026-03-08 02:30 does not exist in New York (clocks jump from 02:00 to 03:00).
    expect(instantOfLocal("2026-03-08T02:30", "America/New_York")).toBe("2026-03-08T06:30:00.000Z");
    // 2026-11-01 01:30 happens twice (EDT, then EST): the first.
    expect(instantOfLocal("2026-11-01T01:30", "America/New_York")).toBe("2026-11-01T05:30:00.000Z");
  });

  it("shows an instant back as the same wall-clock time it was typed as, in any zone (property)", () => {
    const zones = ["UTC", "Asia/Tokyo", "Asia/Seoul", "Europe/Berlin", "America/New_York", "Australia/Adelaide", "Asia/Kolkata"];
    fc.assert(
      fc.property(fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true }), fc.constantFrom(...zones), (d, zone) => {
        const minute = new Date(Math.floor(d.getTime() / 60_000) * 60_000);
        const local = localOfInstant(minute, zone);
        // Typed back in, it is the same instant, except in the repeated hour of a fall-back change (read as its first occurrence).
        const again = new Date(instantOfLocal(local, zone));
        expect(localOfInstant(again, zone)).toBe(local);
        expect([0, 3_600_000]).toContain(minute.getTime() - again.getTime());
      }),
      { seed: 21, numRuns: 400 },
    );
  });

  it("names the zone when showing a date, and writes exports with the zone's offset", () => {
    const d = new Date("2027-01-15T14:59:00Z");
    expect(formatInZone(d, "ja", "Asia/Tokyo")).toBe("2027/01/15 23:59 (Asia/Tokyo, GMT+9)");
    expect(formatInZone(d, "en", "UTC")).toBe("15 Jan 2027, 14:59 UTC");
    expect(isoInZone(d, "Asia/Tokyo")).toBe("2027-01-15T23:59:00+09:00");
    expect(isoInZone(d, "UTC")).toBe("2027-01-15T14:59:00Z");
    // A course in UTC reads as before zones existed.
    expect(dateIn("en", "UTC")(d)).toBe("2027-01-15 14:59 UTC");
    expect(dateIn("ja", "Asia/Tokyo")(d)).toBe("2027/01/15 23:59 (Asia/Tokyo, GMT+9)");
  });

  it("knows the zones it offers, and the default of each language", () => {
    expect(timeZones()[0]).toBe("UTC");
    for (const z of Object.values(DEFAULT_ZONES)) expect(timeZones()).toContain(z);
    expect(DEFAULT_ZONES).toEqual({ en: "UTC", ja: "Asia/Tokyo", ko: "Asia/Seoul" });
    expect(isTimeZone("Asia/Tokyo")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("x".repeat(65))).toBe(false);
  });
});

const db = await freshDb("time");

describe("a course in Asia/Tokyo", () => {
  type Actor = { id: string; role: "student" | "instructor" };
  let teacher: Actor, alice: Actor;
  const tiny = JSON.stringify({ id: "tiny-tokyo", title: "Tiny", fixed: { loss: "half_sse", learning_rate: 0.5, data: { inputs: [[2]], targets: [[1]] }, layers: [{ activation: "identity", weights: [[1]], bias: [0] }] } });

  beforeAll(async () => {
    await seedDemo(db);
    const user = async (email: string) => {
      const u = await db.user.findUniqueOrThrow({ where: { email } });
      return { id: u.id, role: u.role as Actor["role"] };
    };
    [teacher, alice] = await Promise.all(["teacher@handprop.test", "alice@handprop.test"].map(user));
  });
  afterAll(() => db.$disconnect());

  it("takes a submission at 23:58 JST on the due date typed as 23:59, and refuses one at 00:01 JST", async () => {
    const course = await createCourse(db, teacher, { title: "Tokyo", timeZone: "Asia/Tokyo" });
    expect(await zoneOfCourse(db, course.id)).toBe("Asia/Tokyo");
    await db.membership.create({ data: { userId: alice.id, courseId: course.id, role: "student" } });
    // The rules form as posted: the date as the instructor typed it, read in the course's zone.
    const form = new FormData();
    form.set("dueAt", "2027-01-15T23:59");
    form.set("attemptsAllowed", "3");
    form.set("revealPolicy", "after_last_attempt_or_due");
    form.set("carriedCredit", "1");
    form.set("latePolicy", "refuse");
    const set = await createSet(db, teacher, course.id, { title: "Due at midnight, Tokyo", templatesJson: [tiny], ...rulesFromForm(form, "Asia/Tokyo") });
    expect(set.dueAt?.toISOString()).toBe("2027-01-15T14:59:00.000Z");
    const item = await db.problemSetItem.findFirstOrThrow({ where: { problemSetId: set.id } });
    const variant = await openItem(db, alice, item.id, new Date("2027-01-10T00:00:00Z"));
    const answers = { "steps[0].loss": [["0.5"]] };
    const onTime = await submitAnswers(db, alice, variant.id, answers, "tokyo-2358-attempt", new Date(instantOfLocal("2027-01-15T23:58", "Asia/Tokyo")));
    expect(onTime.late).toBe(false);
    const e = await submitAnswers(db, alice, variant.id, answers, "tokyo-0001-attempt", new Date(instantOfLocal("2027-01-16T00:01", "Asia/Tokyo"))).then(() => null, (x: unknown) => x as AppError);
    expect(e?.say).toBe("errors.pastDue");
  });

  it("refuses a zone it does not know, in every language, and keeps the zone in a copy", async () => {
    const e = await createCourse(db, teacher, { title: "Nowhere", timeZone: "Mars/Olympus" }).then(() => null, (x: unknown) => x as AppError);
    expect(e?.code).toBe("INVALID_INPUT");
    expect(Object.keys(e?.details ?? {})).toEqual(["timeZone"]);
    for (const l of ["en", "ja", "ko"] as const) expect(translator(l)(e!.say!)).not.toBe(e!.say);
    const seoul = await createCourse(db, teacher, { title: "Seoul", timeZone: "Asia/Seoul" });
    const copy = await copyCourse(db, teacher, seoul.id, { title: "Seoul, next year", offsetDays: 364 });
    expect(await zoneOfCourse(db, copy.id)).toBe("Asia/Seoul");
    // No zone given: UTC, as every course made before zones existed.
    expect((await createCourse(db, teacher, { title: "Plain" })).timeZone).toBe("UTC");
  });
});
