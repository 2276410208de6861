// Drafts merged cell by cell, newest wins (lib/course/draft-merge.ts): properties over random
// drafts (fast-check), then the clock corrections and the checks of what a client sends.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mergeDrafts, onServerClock, stampedAt, storedTimes, timeOf, timesProblem, type TimedDraft } from "../lib/course/draft-merge";

const PATHS = ["steps[0].loss", "steps[0].layers[0].A", "steps[0].layers[1].delta"];

/** A random draft: some of a few paths, ragged grids of short texts, each cell with a time (ties likely). */
const draft: fc.Arbitrary<TimedDraft> = fc
  .uniqueArray(fc.constantFrom(...PATHS), { maxLength: PATHS.length })
  .chain((paths) =>
    fc.tuple(
      ...paths.map((p) =>
        fc.array(fc.array(fc.tuple(fc.constantFrom("", "1", "2/3", "-0.5", "x"), fc.integer({ min: 0, max: 5 })), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }).map((g) => [p, g] as const),
      ),
    ),
  )
  .map((entries) => ({
    answers: Object.fromEntries(entries.map(([p, g]) => [p, g.map((r) => r.map(([v]) => v))])),
    times: Object.fromEntries(entries.map(([p, g]) => [p, g.map((r) => r.map(([, t]) => t))])),
  }));

/** Every cell of a draft with its place. */
const cellsOf = (d: TimedDraft) => Object.entries(d.answers).flatMap(([p, g]) => g.flatMap((r, i) => r.map((v, j) => ({ p, i, j, v, t: timeOf(d, p, i, j) }))));

describe("merging two drafts cell by cell", () => {
  it("gives the same draft whichever side comes first", () => {
    fc.assert(
      fc.property(draft, draft, (a, b) => {
        expect(mergeDrafts(a, b)).toEqual(mergeDrafts(b, a));
      }),
    );
  });

  it("changes nothing when a draft meets itself or what was already merged into it", () => {
    fc.assert(
      fc.property(draft, draft, (a, b) => {
        expect(mergeDrafts(a, a)).toEqual(mergeDrafts(a, { answers: {}, times: {} }));
        const ab = mergeDrafts(a, b);
        expect(mergeDrafts(ab, a)).toEqual(ab);
        expect(mergeDrafts(ab, ab)).toEqual(ab);
      }),
    );
  });

  it("merges three copies to the same draft in any grouping", () => {
    fc.assert(
      fc.property(draft, draft, draft, (a, b, c) => {
        expect(mergeDrafts(mergeDrafts(a, b), c)).toEqual(mergeDrafts(a, mergeDrafts(b, c)));
      }),
    );
  });

  it("never loses a cell that is newer than the other side's", () => {
    fc.assert(
      fc.property(draft, draft, (a, b) => {
        const m = mergeDrafts(a, b);
        for (const side of [a, b]) {
          const other = side === a ? b : a;
          for (const c of cellsOf(side)) {
            expect(timeOf(m, c.p, c.i, c.j)).toBeGreaterThanOrEqual(c.t);
            const theirs = other.answers[c.p]?.[c.i]?.[c.j];
            if (theirs === undefined || c.t > timeOf(other, c.p, c.i, c.j)) expect(m.answers[c.p][c.i][c.j]).toBe(c.v);
          }
        }
      }),
    );
  });

  it("keeps the cell typed last in a worked case: a phone's newer entry over a laptop's older one", () => {
    const laptop = { answers: { "steps[0].loss": [["1.5"]], "steps[0].layers[0].A": [["1", "2"]] }, times: { "steps[0].loss": [[100]], "steps[0].layers[0].A": [[300, 100]] } };
    const phone = { answers: { "steps[0].loss": [["1.25"]], "steps[0].layers[0].A": [["9", "8"]] }, times: { "steps[0].loss": [[200]], "steps[0].layers[0].A": [[200, 200]] } };
    expect(mergeDrafts(laptop, phone).answers).toEqual({ "steps[0].layers[0].A": [["1", "8"]], "steps[0].loss": [["1.25"]] });
  });
});

describe("times from a client's clock", () => {
  it("moves them by the difference of the clocks and never past the server's now", () => {
    // The client's clock is an hour ahead: its "now" is the server's now.
    const hour = 3_600_000;
    const moved = onServerClock({ q: [[10 * hour, 11 * hour, 12 * hour]] }, 11 * hour, 10 * hour);
    expect(moved.q[0]).toEqual([9 * hour, 10 * hour, 10 * hour]);
  });

  it("gives a draft saved before cells had times its save time for every cell", () => {
    const answers = { q: [["1", "2"]], r: [["3"]] };
    expect(storedTimes(answers, {}, 500)).toEqual(stampedAt(answers, 500));
    expect(storedTimes(answers, { q: [[7, "x"]] }, 500)).toEqual({ q: [[7, 500]], r: [[500]] });
  });

  it("names what is wrong with a save's times", () => {
    const answers = { q: [["1", "2"]] };
    expect(timesProblem(answers, { q: [[1, 2]] }, 3)).toBeNull();
    expect(timesProblem(answers, { q: [[1, 2]] }, "soon")).toBe("now");
    expect(timesProblem(answers, { q: [[1, -2]] }, 3)).toBe("times");
    expect(timesProblem(answers, { q: [[1, Number.MAX_VALUE]] }, 3)).toBe("times");
    expect(timesProblem(answers, [[1, 2]], 3)).toBe("times");
    expect(timesProblem(answers, { q: [[1]] }, 3)).toBe("shape");
    expect(timesProblem(answers, { q: [[1, 2]], r: [[1]] }, 3)).toBe("shape");
    expect(timesProblem(answers, {}, 3)).toBe("shape");
  });
});
