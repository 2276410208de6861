// The catalogue's hints, written in the lecture's row notation, read in a column-layout exercise's
// own symbols (lib/notation wordsIn), and a stored template's layout read for the statistics and
// the attempts export (lib/exercises/template templateLayout).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOGUE } from "../lib/grading/catalogue";
import { wordsIn } from "../lib/notation";
import { templateLayout } from "../lib/exercises/template";

describe("hints in the exercise's notation", () => {
  it("keep row notation for a row exercise and name z, x, δ, b, ŷ − t for a column one, leaving Wᵀ and words alone", () => {
    const shortcut = CATALOGUE.softmax_shortcut_misused.name.en;
    expect(wordsIn("row", shortcut)).toBe(shortcut);
    expect(wordsIn("column", "Shortcut Y − T used where it does not hold")).toBe("Shortcut ŷ − t used where it does not hold");
    expect(wordsIn("column", "Δ^l = ∂L/∂X^l ⊙ h'(A^l), with Δ^(l+1) W^(l+1)T and B^l")).toBe("δ^l = ∂L/∂x^l ⊙ h'(z^l), with δ^(l+1) W^(l+1)T and b^l");
    expect(wordsIn("column", "The Transpose of W^T")).toBe("The Transpose of W^T");
    for (const id of Object.keys(CATALOGUE) as (keyof typeof CATALOGUE)[]) {
      for (const lang of ["en", "ja", "ko"] as const) {
        const column = wordsIn("column", CATALOGUE[id][lang]);
        expect(column, `${id} ${lang}`).not.toMatch(/\b[AX]\^|Δ/);
      }
    }
  });

  it("read a stored template's layout from its random or fixed part", () => {
    const read = (f: string) => templateLayout(readFileSync(join(__dirname, "..", "exercises", f), "utf8"));
    expect(read("column-3-4-3-softmax.json")).toBe("column");
    expect(read("column-3-4-3-softmax-random.json")).toBe("column");
    expect(read("lecture-2-3-3-2-random.json")).toBe("row");
    expect(templateLayout("not json")).toBe("row");
  });
});
