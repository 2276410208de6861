// handprop's command line (the logic; main.ts is the process entry point): solve, grade, read, explain, variant.
// Exit status: 0 on success, 2 with one line on stderr for a malformed or inconsistent file.
import { readFileSync, statSync } from "node:fs";
import { inFile, InvalidInputError } from "../exercises/errors";
import { readExercise } from "../exercises/instance";
import { prettyJson } from "../exercises/format";
import { toSolution } from "../exercises/solution";
import { solve } from "../nn/network";
import { checkTranscriptSize, TranscriptRefused } from "../read/refuse";

/** A hand calculation is a few kilobytes; this bounds what a hostile file can make us read. */
const MAX_SUBMISSION_BYTES = 2_000_000;

const USAGE = `usage: npm run -s cli -- <command> ...
  solve EXERCISE.json                 the exact solution as JSON
  grade EXERCISE.json SUBMISSION.json grade a hand calculation (first divergence, carried steps, misconceptions)
  read EXERCISE.json TRANSCRIPT.md    the submission a written calculation (Markdown with LaTeX math) contains
  explain EXERCISE.json               the worked solution, step by step, for people
  variant TEMPLATE.json SEED          an exercise instance drawn from a template`;

class UsageError extends Error {}

/** Reads and parses a JSON file; every failure names the file. */
export function readJsonFile(file: string, maxBytes = 5_000_000): unknown {
  let text: string;
  try {
    if (statSync(file).size > maxBytes) throw new InvalidInputError("", `file is larger than ${maxBytes} bytes`);
    text = readFileSync(file, "utf8");
  } catch (e) {
    if (e instanceof InvalidInputError) throw e;
    throw new InvalidInputError("", `cannot read file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InvalidInputError("", `not valid JSON (${(e as Error).message})`);
  }
}

async function main(argv: string[]): Promise<string> {
  const [command, ...args] = argv;
  switch (command) {
    case "solve": {
      const [file] = need(args, 1);
      const net = inFile(file, () => readExercise(readJsonFile(file)));
      return prettyJson(toSolution(inFile(file, () => solve(net)), net.layout));
    }
    case "grade": {
      const [exerciseFile, submissionFile] = need(args, 2);
      const { gradeSubmission } = await import("../grading");
      const { readGradingSettings } = await import("../exercises/template");
      const raw = inFile(exerciseFile, () => readJsonFile(exerciseFile));
      const net = inFile(exerciseFile, () => readExercise(raw));
      const settings = inFile(exerciseFile, () => readGradingSettings(raw));
      const submission = inFile(submissionFile, () => readJsonFile(submissionFile, MAX_SUBMISSION_BYTES));
      const grade = inFile(submissionFile, () =>
        gradeSubmission(net, solve(net), submission, {
          tolerance: settings.tolerance,
          asked: settings.asked,
          points: settings.points,
          carriedCredit: settings.carried_credit,
        }),
      );
      return prettyJson(grade);
    }
    case "read": {
      const [exerciseFile, transcriptFile] = need(args, 2);
      const { readTranscript } = await import("../read");
      const net = inFile(exerciseFile, () => readExercise(readJsonFile(exerciseFile)));
      const solution = toSolution(inFile(exerciseFile, () => solve(net)), net.layout);
      const bytes = inFile(transcriptFile, () => readTranscriptFile(transcriptFile));
      return prettyJson(inFile(transcriptFile, () => refusedAsInput(() => readTranscript(net, solution, bytes))));
    }
    case "explain": {
      const [file] = need(args, 1);
      const { explain } = await import("../exercises/explain");
      const net = inFile(file, () => readExercise(readJsonFile(file)));
      return explain(net, solve(net));
    }
    case "variant": {
      const [file, seed] = need(args, 2);
      const { readTemplate, drawVariant } = await import("../exercises/template");
      const template = inFile(file, () => readTemplate(readJsonFile(file)));
      return prettyJson(inFile(file, () => drawVariant(template, seed)));
    }
    default:
      throw new UsageError(command ? `unknown command "${command}"\n${USAGE}` : USAGE);
  }
}

/** A transcript's bytes; one over the reader's limit is refused before it is read. */
function readTranscriptFile(file: string): Uint8Array {
  try {
    checkTranscriptSize(statSync(file).size);
    return readFileSync(file);
  } catch (e) {
    if (e instanceof TranscriptRefused) throw new InvalidInputError("", e.message);
    throw new InvalidInputError("", `cannot read file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}

/** The reader's refusal (over 200 KB, not text) as a malformed-file error. */
function refusedAsInput<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof TranscriptRefused) throw new InvalidInputError("", e.message);
    throw e;
  }
}

function need(args: string[], n: number): string[] {
  if (args.length < n) throw new UsageError(`missing argument\n${USAGE}`);
  return args;
}

export interface CliResult {
  code: 0 | 1 | 2;
  out: string;
  err: string;
}

/** Runs one command; never throws, never exits (the caller does). */
export async function runCli(argv: string[]): Promise<CliResult> {
  try {
    return { code: 0, out: (await main(argv)) + "\n", err: "" };
  } catch (e) {
    if (e instanceof InvalidInputError || e instanceof UsageError) return { code: 2, out: "", err: `error: ${e.message}\n` };
    if (e instanceof RangeError) return { code: 2, out: "", err: `error: cannot solve: ${e.message}\n` };
    return { code: 1, out: "", err: `internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n` };
  }
}
