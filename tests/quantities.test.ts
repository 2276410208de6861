// The computation order of the contract's quantities, and reading a quantity back from its path.
import { describe, expect, it } from "vitest";
import { computationOrder, refOfPath } from "../lib/exercises/quantities";

describe("quantity paths", () => {
  it("lists a 3-layer step in the lecture's order: forward, loss, backward from the top, updates", () => {
    const paths = computationOrder(1, [true, true, false]).map((r) => r.path);
    expect(paths.slice(0, 7)).toEqual(["steps[0].layers[0].A", "steps[0].layers[0].X", "steps[0].layers[1].A", "steps[0].layers[1].X", "steps[0].layers[2].A", "steps[0].layers[2].X", "steps[0].loss"]);
    expect(paths[7]).toBe("steps[0].layers[2].dX");
    expect(paths).not.toContain("steps[0].layers[2].dB");
    expect(paths.at(-1)).toBe("loss_after");
  });

  it("reads every path of a two-step exercise back to the same quantity, layer and step", () => {
    for (const ref of computationOrder(2, [true, false])) expect(refOfPath(ref.path)).toEqual(ref);
  });

  it("names nothing for a path outside the contract", () => {
    for (const bad of ["steps[0].layers[0].Z", "steps[0]", "loss", "steps[x].loss", "steps[0].layers[0].A[0][1]"]) expect(refOfPath(bad), bad).toBeUndefined();
  });
});
