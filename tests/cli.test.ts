import { execFileSync, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../lib/cli/run";
import { jsonFiles, mismatches, WORKED, workedExamples } from "./helpers";

const file = jsonFiles("handprop-cli-");

const good = {
  layout: "row",
  loss: "half_sse",
  learning_rate: 0.1,
  data: { inputs: [[1, 2]], targets: [[1]] },
  layers: [
    { activation: "relu", weights: [[1, -1], [0.5, 2]], bias: [0, 1] },
    { activation: "identity", weights: [[1], [-1]] },
  ],
};
const withLayer = (l: number, patch: object) => ({ ...good, layers: good.layers.map((x, i) => (i === l ? { ...x, ...patch } : x)) });

describe("solve on malformed exercise files", () => {
  const cases: [string, unknown, RegExp][] = [
    ["bad JSON", "{ not json", /not valid JSON/],
    ["a list instead of an object", "[1, 2]", /must be a JSON object/],
    ["an unknown activation", withLayer(0, { activation: "swish" }), /layers\[0\]\.activation: unknown value "swish"/],
    ["an unknown loss", { ...good, loss: "hinge" }, /loss: unknown value "hinge"/],
    ["an unknown key", { ...good, learningrate: 0.1 }, /learningrate: unknown key/],
    ["weights of the wrong shape", withLayer(1, { weights: [[1, 2, 3]] }), /layers\[1\]\.weights: row layout needs 2 rows/],
    ["a ragged matrix", withLayer(0, { weights: [[1, -1], [0.5]] }), /layers\[0\]\.weights\[1\]: row has 1 entries, row 0 has 2/],
    ["a bias of the wrong length", withLayer(0, { bias: [1, 2, 3] }), /layers\[0\]\.bias: needs 2 entries/],
    ["a non-finite number", withLayer(0, { bias: ["Infinity", 1] }), /layers\[0\]\.bias\[0\]: "Infinity" is not a number/],
    ["an overflowing number", '{"loss":"sse","learning_rate":1e999,"data":{"inputs":[[1]],"targets":[[1]]},"layers":[{"activation":"identity","weights":[[1]]}]}', /learning_rate: not a finite number/],
    ["a string that is not a number", { ...good, data: { inputs: [["two", 1]], targets: [[1]] } }, /data\.inputs\[0\]\[0\]: "two" is not a number/],
    ["targets of the wrong width", { ...good, data: { inputs: [[1, 2]], targets: [[1, 0]] } }, /data\.targets: rows have 2 entries but the output layer has 1/],
    ["fewer targets than inputs", { ...good, data: { inputs: [[1, 2], [3, 4]], targets: [[1]] } }, /data\.targets: has 1 rows but data\.inputs has 2/],
    ["a negative learning rate", { ...good, learning_rate: -0.1 }, /learning_rate: must be positive/],
    ["a fractional step count", { ...good, steps: 1.5 }, /steps: must be a whole number/],
    ["cross-entropy on a linear output", { ...good, loss: "cross_entropy" }, /loss: cross_entropy needs outputs in \(0, 1\)/],
    [
      "a column-layout matrix given in row shape",
      { ...good, layout: "column", layers: [{ activation: "relu", weights: [[1, -1, 2], [0.5, 2, 1]] }, { activation: "identity", weights: [[1], [-1], [2]] }] },
      /layers\[0\]\.weights: column layout needs 2 columns \(one per input\), got 2×3; it looks like row shape/,
    ],
  ];
  for (const [what, content, message] of cases) {
    it(`exits 2 naming the file and key for ${what}`, async () => {
      const f = file(content);
      const r = await runCli(["solve", f]);
      expect(r.code).toBe(2);
      expect(r.out).toBe("");
      expect(r.err.split("\n").filter(Boolean)).toHaveLength(1);
      expect(r.err).toContain(f);
      expect(r.err).toMatch(message);
    });
  }

  it("exits 2 for a missing file and for an unknown command", async () => {
    expect((await runCli(["solve", join(tmpdir(), "handprop-no-such-dir", "nope.json")])).err).toMatch(/nope\.json: cannot read file \(ENOENT\)/);
    expect((await runCli(["frobnicate"])).code).toBe(2);
  });
});

describe("the cli as a process", () => {
  it("npm run -s cli -- solve prints the solution of a worked example", () => {
    const [first] = workedExamples();
    const out = execFileSync("npm", ["run", "-s", "cli", "--", "solve", join(WORKED, `${first.name}.json`)], { encoding: "utf8" });
    expect(mismatches(JSON.parse(out), first.expected)).toEqual([]);
  });

  it("exits with status 2 and one line on stderr for a bad file", () => {
    const r = spawnSync("npm", ["run", "-s", "cli", "--", "solve", file("{")], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("variant prints an instance that solve accepts", async () => {
    const v = await runCli(["variant", "exercises/lecture-2-3-3-2-random.json", "42"]);
    expect(v.code).toBe(0);
    const s = await runCli(["solve", file(v.out)]);
    expect(s.code).toBe(0);
    expect(JSON.parse(s.out).steps[0].layers).toHaveLength(3);
  });

  it("variant refuses a broken template with the key named", async () => {
    const r = await runCli(["variant", file({ id: "x", title: "x", random: { loss: "mse" } }), "1"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/random\.\w+/);
  });

  it("grade answers a wrong loss after the update, and a probability written as 0, with a grade", async () => {
    const example = workedExamples().find((e) => e.name.startsWith("000"))!;
    const exact = example.expected as { steps: { loss: number; layers: Record<string, number[][]>[] }[]; loss_after: number };
    const step = exact.steps[0];
    // The old loss copied as the new one: grading used to fail on steps[undefined] in loss_terms_missing.
    const copied = { steps: [{ loss: step.loss, layers: step.layers }], loss_after: step.loss };
    const r = await runCli(["grade", file(example.exercise), file(copied)]);
    expect(r.code, r.err).toBe(0);
    const item = (JSON.parse(r.out) as { items: { path: string; verdict: string; reason?: string }[] }).items.find((i) => i.path === "loss_after")!;
    expect(item.verdict).toBe("incorrect");
    // The target class's output written as 0: log 0 has no value, so the loss is graded against the exact one alone.
    const X = step.layers[2].X.map((row) => row.map((x, k) => (k === 0 ? 0 : x)));
    const zeroed = { steps: [{ loss: step.loss, layers: step.layers.map((l, i) => (i === 2 ? { ...l, X } : l)) }] };
    const z = await runCli(["grade", file(example.exercise), file(zeroed)]);
    expect(z.code, z.err).toBe(0);
    const grade = JSON.parse(z.out) as { first_divergence: string; items: { path: string; verdict: string; carried_expected?: unknown }[] };
    expect(grade.first_divergence).toBe("steps[0].layers[2].X");
    expect(grade.items.find((i) => i.path === "steps[0].loss")!.verdict).toBe("correct");
  });
});

describe("read", () => {
  const seeds = join(__dirname, "..", "..", "shared", "seeds");
  const lecture = join(WORKED, "000-lecture-2-3-3-2-relu-softmax.json");
  const bytes = (content: Uint8Array) => {
    const f = file("");
    writeFileSync(f, content);
    return f;
  };

  it("prints the reading of seed 000 (exit 0), which grade takes as a submission", async () => {
    const r = await runCli(["read", lecture, join(seeds, "000_2532c57b72747445.txt")]);
    expect(r.code, r.err).toBe(0);
    const reading = JSON.parse(r.out) as { submission: { steps: { layers: Record<string, unknown>[] }[] }; sources: { path: string; line: number }[]; unread: unknown[] };
    expect(reading.submission.steps[0].layers[0].A).toEqual([[-2, 4, -6]]);
    expect(reading.sources.find((s) => s.path === "steps[0].layers[0].A")?.line).toBe(16);
    expect(reading.unread).toHaveLength(3);
    const g = await runCli(["grade", lecture, file(reading.submission)]);
    expect(g.code, g.err).toBe(0);
    expect(JSON.parse(g.out).first_divergence).toBe("steps[0].layers[2].dX");
  });

  it("exits 0 with an empty reading for a transcript in which nothing fits", async () => {
    for (const text of ["", "just prose, no math", "$$\\begin{pmatrix} 1 & 2 $$", "$$" + "{".repeat(5000)]) {
      const r = await runCli(["read", lecture, file(text)]);
      expect(r.code, r.err).toBe(0);
      expect(JSON.parse(r.out).submission).toEqual({});
    }
  });

  const refused: [string, () => string, RegExp][] = [
    ["a malformed exercise", () => file({ ...good, loss: "hinge" }), /loss: unknown value "hinge"/],
    ["a transcript with a NUL byte", () => bytes(new Uint8Array([0x24, 0x41, 0x00, 0x24])), /not text \(it contains a NUL byte\)/],
    ["a transcript that is not UTF-8", () => bytes(new Uint8Array([0x41, 0xc3, 0x28])), /not text \(it is not valid UTF-8\)/],
    ["a transcript over 200 KB", () => file("$$A^1 = 1$$\n".repeat(20_000)), /over 200 KB/],
    ["a missing transcript", () => join(tmpdir(), "handprop-no-such-dir", "page.md"), /page\.md: cannot read file \(ENOENT\)/],
  ];
  for (const [what, make, message] of refused) {
    it(`exits 2 with one line naming the file for ${what}`, async () => {
      const f = make();
      const exercise = what.includes("exercise") ? f : lecture;
      const transcript = what.includes("exercise") ? join(seeds, "000_2532c57b72747445.txt") : f;
      const r = await runCli(["read", exercise, transcript]);
      expect(r.code).toBe(2);
      expect(r.out).toBe("");
      expect(r.err.split("\n").filter(Boolean)).toHaveLength(1);
      expect(r.err).toContain(f);
      expect(r.err).toMatch(message);
    });
  }

  it("npm run -s cli -- read exits 2 for a binary transcript, as a process", () => {
    const r = spawnSync("npm", ["run", "-s", "cli", "--", "read", lecture, bytes(new Uint8Array([0xff, 0xfe, 0x00]))], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });
});
