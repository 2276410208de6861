// The worker pool: tasks give the same answers as in-process calls, a task past its time limit is
// stopped with a clear refusal (and the pool goes on working), and heavy grading leaves the
// event loop free to answer other requests.
import { afterAll, describe, expect, it } from "vitest";
import { readExercise } from "../lib/exercises/instance";
import { gradeSubmission } from "../lib/grading";
import { solve } from "../lib/nn/network";
import { runTask, TIME_LIMITS } from "../lib/workers/pool";
import { templateFromForm } from "../lib/teach/builder";
import { AppError } from "../lib/errors";
import { workedExamples } from "./helpers";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const lecture = workedExamples().find((w) => w.name.startsWith("000"))!;
const submission = JSON.parse(readFileSync(join(__dirname, "submissions", "000-lecture-2-3-3-2-relu-softmax.submission.json"), "utf8")) as unknown;

/** A 4-layer, batch-4 exercise at 50 digits (tanh, sigmoid, softmax): several ms of grading each. */
const heavy = {
  loss: "cross_entropy",
  learning_rate: 0.1,
  data: { inputs: [[1, -1], [0.5, 2], [-1.5, 0.5], [2, 1]], targets: [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0]] },
  layers: [
    { activation: "tanh", weights: [[0.5, -1, 0.25], [1, 0.5, -0.5]], bias: [0.1, -0.2, 0.3] },
    { activation: "sigmoid", weights: [[1, -0.5, 0.5], [0.25, 1, -1], [-1, 0.5, 1]], bias: [0, 0.5, -0.5] },
    { activation: "tanh", weights: [[0.5, 1, -0.5], [-1, 0.25, 1], [1, -1, 0.5]], bias: [0.2, 0, -0.2] },
    { activation: "softmax", weights: [[1, -1, 0.5], [0.5, 1, -1], [-0.5, 0.5, 1]], bias: [0, 0, 0] },
  ],
};

afterAll(async () => {
  await (await import("../lib/workers/pool")).destroyPools();
});

/** How late a 10 ms timer fires at worst while `work` runs. */
async function lateness(work: () => Promise<unknown>): Promise<number> {
  let worst = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 10);
    last = now;
  }, 10);
  await new Promise((r) => setTimeout(r, 20));
  await work();
  await new Promise((r) => setTimeout(r, 20));
  clearInterval(timer);
  return worst;
}

describe("the worker pool", () => {
  it("grades exactly as an in-process call does", async () => {
    const net = readExercise(lecture.exercise);
    const here = gradeSubmission(net, solve(net), submission);
    const there = await runTask("grade", { exerciseJson: JSON.stringify(lecture.exercise), submission, options: {} });
    expect(there).toEqual({ ok: true, value: here });
  });

  it("returns a cell it cannot read as a refusal with its reason code, not an exception", async () => {
    const r = await runTask("preview", { text: "2/0" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.refusal.why?.code).toBeTruthy();
    expect(await runTask("preview", { text: "-1/405" })).toEqual({ ok: true, value: -1 / 405 });
  });

  it("stops a task past its time limit with a clear refusal, and keeps serving the next one", async () => {
    const started = performance.now();
    const slow = runTask("grade", { exerciseJson: JSON.stringify(heavy), submission: {}, options: {} }, 1);
    await expect(slow).rejects.toBeInstanceOf(AppError);
    await expect(slow).rejects.toMatchObject({ code: "INVALID_INPUT", say: "errors.tooSlow" });
    expect(performance.now() - started).toBeLessThan(1000);
    const next = await runTask("grade", { exerciseJson: JSON.stringify(lecture.exercise), submission, options: {} });
    expect(next.ok).toBe(true);
  });

  it("leaves the event loop free while heavy grading runs (compared with grading in-process)", async () => {
    const input = { exerciseJson: JSON.stringify(heavy), submission: {}, options: {} };
    await runTask("grade", input); // warm the pool
    const inPool = await lateness(() => Promise.all(Array.from({ length: 12 }, () => runTask("grade", input))));
    const net = readExercise(heavy);
    const inProcess = await lateness(async () => {
      for (let i = 0; i < 12; i++) {
        gradeSubmission(net, solve(net), {});
        await new Promise((r) => setImmediate(r));
      }
    });
    console.log(`12 heavy gradings: event loop at most ${inPool.toFixed(1)} ms late with the pool, ${inProcess.toFixed(1)} ms in-process`);
    expect(inPool).toBeLessThan(inProcess / 2);
  });

  it("stops the builder preview that used to hang the server (8-8-8, batch 8, 10 steps), and the event loop stays free", async () => {
    const template = templateFromForm({ sizes: "8,8,8", activations: "relu,relu", loss: "mse", targets: "range", batch: "8", steps: "10" });
    let outcome: unknown;
    let took = 0;
    const worst = await lateness(async () => {
      const started = performance.now();
      outcome = await runTask("builderPreview", { template }).catch((e: unknown) => e);
      took = performance.now() - started;
    });
    console.log(`pathological builder preview answered in ${took.toFixed(0)} ms; event loop at most ${worst.toFixed(1)} ms late`);
    // Either the bounded search refuses it, or the time limit stops it: never a hang.
    if (outcome instanceof AppError) expect(outcome.say).toBe("errors.tooSlow");
    else expect((outcome as { ok: boolean }).ok).toBe(false);
    expect(took).toBeLessThan(TIME_LIMITS.builderPreview + 3000);
    expect(worst).toBeLessThan(500);
  });
});
