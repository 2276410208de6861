import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const shared = join(__dirname, "..", "..", "shared");

describe.runIf(existsSync(shared))("fixtures copied from ../shared", () => {
  it("match the worked examples and the contract they were copied from", () => {
    const dir = join(shared, "worked-examples");
    for (const f of readdirSync(dir)) {
      expect(readFileSync(join(__dirname, "fixtures", "worked-examples", f), "utf8"), f).toBe(readFileSync(join(dir, f), "utf8"));
    }
    expect(readFileSync(join(__dirname, "fixtures", "exercise-contract.md"), "utf8")).toBe(readFileSync(join(shared, "spec", "exercise-contract.md"), "utf8"));
  });
});
