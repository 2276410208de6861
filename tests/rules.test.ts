// A set's rules have one home (lib/course/rules.ts): the list agrees with the Prisma model, the form
// reads every rule, and the time rules (due date, late end date, an extension) agree with each other.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Prisma } from "../lib/db/generated/client";
import { closesAt, NEW_SET_RULES, personalRules, pickRules, RULE_FIELDS, RULE_NAMES, rulesSchema, shiftedRules, stillTakesWork, type Rules } from "../lib/course/rules";
import { rulesFromForm } from "../app/teach/_rules-fields";
import { FORM_FIELDS } from "../app/_lib/form";
import { ENGLISH } from "../lib/i18n";

const HOUR = 3600_000;

describe("the rules' one list", () => {
  it("names exactly the rule columns of the ProblemSet model", () => {
    const model = Object.keys(Prisma.ProblemSetScalarFieldEnum);
    const notRules = ["id", "courseId", "title", "createdAt", "status"];
    expect(model.filter((f) => !notRules.includes(f)).sort()).toEqual([...RULE_NAMES].sort());
    expect(Object.keys(rulesSchema.shape).sort()).toEqual([...RULE_NAMES].sort());
  });

  it("gives every rule a label the forms and their refusals use, in English at least", () => {
    const rules = (ENGLISH as { teach: { rules: Record<string, unknown> } }).teach.rules;
    for (const f of RULE_NAMES) {
      expect(typeof rules[f]).toBe("string");
      expect(FORM_FIELDS[f]).toBe(`teach.rules.${f}`);
    }
  });

  it("reads every rule from a posted form, dates in the course's zone", () => {
    const form = new FormData();
    for (const f of RULE_NAMES) form.set(f, RULE_FIELDS[f] === "date" ? "2030-01-02T09:30" : "x");
    const read = rulesFromForm(form, "UTC");
    expect(Object.keys(read).sort()).toEqual([...RULE_NAMES].sort());
    expect(read.lateUntil).toBe("2030-01-02T09:30:00.000Z");
    expect(rulesFromForm(form, "Asia/Tokyo").lateUntil).toBe("2030-01-02T00:30:00.000Z");
    expect(read.attemptsAllowed).toBe("x");
  });

  it("picks the rules out of a raw SQL row (dates as text, counts as bigint) and leaves the rest", () => {
    const row = { id: "s1", title: "T", ...NEW_SET_RULES, dueAt: "2030-01-01T00:00:00.000Z", attemptsAllowed: 3n, lateUntil: null };
    const r = pickRules(row);
    expect(r).toEqual({ ...NEW_SET_RULES, dueAt: new Date("2030-01-01T00:00:00Z"), attemptsAllowed: 3 });
    expect("title" in r).toBe(false);
  });

  it("moves every date of a copied set and nothing else", () => {
    const r: Rules = { ...NEW_SET_RULES, opensAt: new Date("2030-01-01T09:00:00Z"), dueAt: new Date("2030-01-08T09:00:00Z"), latePolicy: "accept", lateUntil: new Date("2030-01-09T09:00:00Z") };
    const s = shiftedRules(r, 7);
    expect([s.opensAt, s.dueAt, s.lateUntil].map((d) => d!.toISOString())).toEqual(["2030-01-08T09:00:00.000Z", "2030-01-15T09:00:00.000Z", "2030-01-16T09:00:00.000Z"]);
    expect({ ...s, opensAt: null, dueAt: null, lateUntil: null }).toEqual({ ...r, opensAt: null, dueAt: null, lateUntil: null });
  });
});

describe("when a set takes work", () => {
  const arb = fc.record({
    due: fc.integer({ min: 0, max: 1000 }),
    lateFor: fc.option(fc.integer({ min: 1, max: 100 }), { nil: null }),
    accept: fc.boolean(),
    at: fc.integer({ min: -10, max: 1200 }),
    extension: fc.option(fc.integer({ min: -50, max: 300 }), { nil: null }),
  });
  const T0 = Date.UTC(2030, 0, 1);
  const at = (h: number) => new Date(T0 + h * HOUR);

  it("takes work exactly until closesAt (late end date, or due date when late work is refused), for a student with or without an extension", () => {
    fc.assert(
      fc.property(arb, ({ due, lateFor, accept, at: now, extension }) => {
        const set = { dueAt: at(due), attemptsAllowed: 1, latePolicy: accept ? "accept" : "refuse", lateUntil: accept && lateFor ? at(due + lateFor) : null };
        const own = personalRules(set, extension === null ? null : { dueAt: at(due + extension), extraAttempts: 0 });
        // An extension never shortens anything, and keeps the late window's length.
        expect(own.dueAt!.getTime()).toBeGreaterThanOrEqual(set.dueAt.getTime());
        if (own.lateUntil && set.lateUntil) expect(own.lateUntil.getTime() - own.dueAt!.getTime()).toBe(set.lateUntil.getTime() - set.dueAt.getTime());
        const end = closesAt(own);
        expect(stillTakesWork(own, at(now))).toBe(end === null || at(now) < end);
        if (stillTakesWork(set, at(now))) expect(stillTakesWork(own, at(now))).toBe(true);
      }),
      { seed: 19, numRuns: 500 },
    );
  });

  it("always takes work in a set without a due date", () => {
    expect(stillTakesWork({ dueAt: null, latePolicy: "refuse", lateUntil: null }, at(1e6))).toBe(true);
  });
});
