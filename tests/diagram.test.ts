// The network drawing of the exercise page: weights on the connections and biases under the units
// when the network is small enough to read them, exactly as given; the plain drawing otherwise.
import { readFileSync } from "node:fs";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { GivenCompact } from "../app/_components/given";
import { labelFraction, NetworkDiagram, weightsFit } from "../app/_components/network-diagram";
import { staticMarkup } from "../app/_lib/static-html";
import { readExercise } from "../lib/exercises/instance";
import { translator } from "../lib/i18n";
import type { Network } from "../lib/nn/types";

const fixed = (id: string) => (JSON.parse(readFileSync(`exercises/${id}.json`, "utf8")) as { fixed: Parameters<typeof readExercise>[0] }).fixed;
const drawn = (net: Network, locale: "en" | "ja" = "en") => staticMarkup(createElement(NetworkDiagram, { net, t: translator(locale) }));
const sizesOf = (net: Network) => [net.inputs[0].length, ...net.layers.map((l) => l.W[0].length)];
/** The text of every element with the attribute `attr`, by its value. */
const labels = (html: string, attr: string) => new Map([...html.matchAll(new RegExp(`${attr}="([^"]+)"[^>]*>([^<]*)<`, "g"))].map((m) => [m[1], m[2]]));

describe("the network drawing", () => {
  it("writes every weight of the lecture's 2-3-3-2 network on its connection, input i to unit j, with its exact text", () => {
    const raw = fixed("lecture-2-3-3-2") as { layers: { weights: number[][]; bias?: number[] }[] };
    const net = readExercise(fixed("lecture-2-3-3-2"));
    const weights = labels(drawn(net), "data-weight");
    expect(weights.size).toBe(2 * 3 + 3 * 3 + 3 * 2);
    raw.layers.forEach((layer, l) => layer.weights.forEach((row, i) => row.forEach((w, j) => expect(weights.get(`${l + 1},${i + 1},${j + 1}`)).toBe(String(w).replace(/^-/, "−")))));
    const biases = labels(drawn(net), "data-bias");
    raw.layers.forEach((layer, l) => layer.bias?.forEach((b, j) => expect(biases.get(`${l + 1},${j + 1}`)).toBe(`B=${String(b).replace(/^-/, "−")}`)));
  });

  it("reads its column-layout weights the same way (stored inputs × units) and names biases b", () => {
    const raw = fixed("column-3-4-3-softmax") as { layers: { weights: number[][] }[] };
    const html = drawn(readExercise(fixed("column-3-4-3-softmax")));
    const weights = labels(html, "data-weight");
    expect(weights.size).toBe(3 * 4 + 4 * 3);
    // Given as W x (one row per unit): row j, column i joins input i to unit j.
    raw.layers.forEach((layer, l) => layer.weights.forEach((row, j) => row.forEach((w, i) => expect(weights.get(`${l + 1},${i + 1},${j + 1}`)).toBe(String(w).replace(/^-/, "−")))));
    expect(html).toContain("x⁰");
    expect(html).toContain("Each connection is labelled with its weight");
  });

  it("keeps the plain drawing for a network too large to label, and says the weights are in the matrices", () => {
    const base = readExercise(fixed("lecture-2-3-3-2"));
    const wide: Network = { ...base, layers: base.layers.map((l) => ({ ...l, W: [...l.W, ...l.W, ...l.W] })), inputs: base.inputs.map((r) => [...r, ...r, ...r]) };
    // 6 inputs × 3 units = 18 connections between the first two layers: over the limit.
    expect(weightsFit(wide, sizesOf(wide))).toBe(false);
    const html = drawn(wide, "ja");
    expect(html).not.toContain("data-weight");
    expect(html).toContain("重みは下の行列にあります");
  });

  it("places the labels of different source units at different points along their connections", () => {
    const at = [0, 1, 2].map((i) => labelFraction(i, 3));
    expect(new Set(at).size).toBe(3);
    for (const f of at) expect(f).toBeGreaterThan(0.25), expect(f).toBeLessThan(0.75);
    expect(labelFraction(0, 1)).toBe(0.5);
  });
});

describe("the compact given data beside the grids", () => {
  const compact = (id: string) => staticMarkup(createElement(GivenCompact, { net: readExercise(fixed(id)), t: translator("en") }));
  /** The TeX annotations KaTeX keeps in its MathML: what each formula says, in source form. */
  const tex = (html: string) => [...html.matchAll(/<annotation encoding="application\/x-tex">([^<]*)<\/annotation>/g)].map((m) => m[1]);

  it("lists the inputs, targets, every W, B and h, η and the loss in the lecture's row notation", () => {
    const lines = tex(compact("lecture-2-3-3-2"));
    for (const start of ["X^{0} =", "T =", "W^{1} =", "B^{1} =", "h^{1} =", "W^{3} =", "B^{3} =", "h^{3} =", "\\eta ="]) expect(lines.some((l) => l.startsWith(start)), start).toBe(true);
    expect(lines).toHaveLength(2 + 3 * 3 + 2);
  });

  it("speaks column notation for a column exercise: x, t, and no b where the layers have no bias", () => {
    const lines = tex(compact("column-3-4-3-softmax"));
    expect(lines[0].startsWith("x^{0} =")).toBe(true);
    expect(lines[1].startsWith("t =")).toBe(true);
    expect(lines.some((l) => /^[Bb]\^/.test(l))).toBe(false);
    expect(lines.filter((l) => l.startsWith("W^{"))).toHaveLength(2);
  });
});
