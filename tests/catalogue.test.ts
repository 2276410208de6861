import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { catalogueMarkdown } from "../lib/grading/catalogue-doc";
import { CATALOGUE, MISCONCEPTION_IDS } from "../lib/grading/catalogue";

describe("the misconception catalogue", () => {
  it("has exactly the contract's identifiers", () => {
    const spec = readFileSync(join(__dirname, "fixtures", "exercise-contract.md"), "utf8");
    const table = spec.slice(spec.indexOf("## Misconception catalogue"));
    const ids = [...table.matchAll(/^\| `([a-z_]+)` \|/gm)].map((m) => m[1]);
    expect([...MISCONCEPTION_IDS].sort()).toEqual(ids.sort());
  });

  it("describes every entry and its hint in English, Japanese and Korean", () => {
    for (const id of MISCONCEPTION_IDS) {
      const entry = CATALOGUE[id];
      for (const text of [entry.en, entry.ja, entry.ko, entry.did.en, entry.did.ja, entry.did.ko]) expect(text?.length ?? 0).toBeGreaterThan(20);
      expect(entry.ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      // Korean in Hangul, not an English or Japanese text pasted in.
      for (const text of [entry.ko, entry.did.ko]) {
        expect(text).toMatch(/[\uac00-\ud7a3]/);
        expect(text).not.toMatch(/[\u3040-\u30ff]/);
      }
    }
  });

  it("is documented in docs/misconceptions.md, generated from the code (npm run docs:misconceptions)", () => {
    expect(readFileSync(join(__dirname, "..", "docs", "misconceptions.md"), "utf8")).toBe(catalogueMarkdown());
  });
});
