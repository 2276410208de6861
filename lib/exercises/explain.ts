// The worked solution as a person reads it: each formula in the lecture's notation, then its
// numbers, matrices printed side by side and aligned. For instructors writing answer keys.
import { transpose, type Matrix } from "../nn/matrix";
import { isFraction, toNumber, toText, type Num } from "../nn/num";
import type { Network, Trace } from "../nn/types";
import { inLayout, samplesAsRows } from "../notation";

/** A number as an answer key shows it: exact when short (2, 0.736, -5/3), else 6 significant figures. */
export function showNumber(x: Num): string {
  const exact = isFraction(x) ? toText(x) : "";
  const text = exact && exact.length <= 10 ? exact : toText(x, 6);
  return text === "-0" ? "0" : text;
}

/** Lines of a matrix with right-aligned columns, in brackets (⎡⎢⎣ for several rows). */
export function matrixLines(m: Matrix): string[] {
  const cells = m.map((row) => row.map(showNumber));
  const widths = cells[0].map((_, j) => Math.max(...cells.map((row) => row[j].length)));
  const body = cells.map((row) => row.map((c, j) => c.padStart(widths[j])).join("  "));
  if (body.length === 1) return [`[ ${body[0]} ]`];
  return body.map((line, i) => {
    const [l, r] = i === 0 ? ["⎡", "⎤"] : i === body.length - 1 ? ["⎣", "⎦"] : ["⎢", "⎥"];
    return `${l} ${line} ${r}`;
  });
}

/** Several blocks of lines side by side, joined by the given separators on the middle line. */
export function sideBySide(blocks: (string[] | string)[]): string[] {
  const parts = blocks.map((b) => (typeof b === "string" ? [b] : b));
  const height = Math.max(...parts.map((p) => p.length));
  const mid = Math.floor((height - 1) / 2);
  const padded = parts.map((p) => {
    const width = Math.max(...p.map((l) => l.length));
    const top = Math.floor((height - p.length) / 2);
    return Array.from({ length: height }, (_, i) => (p[i - top] ?? "").padEnd(width));
  });
  return Array.from({ length: height }, (_, i) =>
    padded
      .map((p, k) => (parts[k].length === 1 && typeof blocks[k] === "string" && i !== mid ? " ".repeat(p[i].length) : p[i]))
      .join(" ")
      .trimEnd(),
  );
}

const LOSS_FORMULA: Record<Network["loss"], string> = {
  cross_entropy: "L = −(1/N) Σ_n Σ_k t log y",
  binary_cross_entropy: "L = −(1/(N K)) Σ_n Σ_k [t log y + (1 − t) log(1 − y)]",
  mse: "L = (1/(N K)) Σ_n Σ_k (y − t)²",
  half_sse: "L = ½ Σ_n Σ_k (y − t)²",
  sse: "L = Σ_n Σ_k (y − t)²",
};

const LOSS_GRADIENT: Record<Network["loss"], string> = {
  cross_entropy: "∂L/∂X^{L} = −T / (N X^{L})   (entry by entry)",
  binary_cross_entropy: "∂L/∂X^{L} = −(T / X^{L} − (1 − T) / (1 − X^{L})) / (N K)",
  mse: "∂L/∂X^{L} = 2 (X^{L} − T) / (N K)",
  half_sse: "∂L/∂X^{L} = X^{L} − T",
  sse: "∂L/∂X^{L} = 2 (X^{L} − T)",
};

const DERIVATIVE: Record<string, string> = {
  identity: "h'(A) = 1",
  relu: "h'(A) = 1 where A > 0, else 0",
  leaky_relu: "h'(A) = 1 where A > 0, else the slope",
  sigmoid: "h'(A) = X ⊙ (1 − X)",
  tanh: "h'(A) = 1 − X ⊙ X",
};

export function explain(net: Network, trace: Trace): string {
  const col = !samplesAsRows(net.layout);
  const L = net.layers.length;
  const out: string[] = [];
  const say = (...lines: string[]) => out.push(...lines);
  const eq = (label: string, m: Matrix) => say(...sideBySide([`${label} =`, matrixLines(m)]), "");
  const W = (m: Matrix) => inLayout(m, net.layout);

  say(`Layout: ${col ? "column, z^l = W^l x^(l-1) + b^l (W is outputs × inputs)" : "row, A^l = X^(l-1) W^l + B^l (one sample per row)"}`);
  say(`Loss: ${net.loss}, ${LOSS_FORMULA[net.loss]}`, `η = ${showNumber(net.learningRate)}, ${trace.steps.length} step(s), N = ${net.inputs.length}`, "");
  eq("X^0", net.inputs);
  eq("T", net.targets);
  net.layers.forEach((layer, l) => {
    say(`Layer ${l + 1}: ${layer.activation}${layer.activation === "leaky_relu" ? ` (slope ${showNumber(layer.slope)})` : ""}`);
    eq(`W^${l + 1}`, W(layer.W));
    if (layer.B) eq(`B^${l + 1}`, [layer.B]);
  });

  let layers = net.layers;
  trace.steps.forEach((step, s) => {
    const Xprev = (l: number) => (l === 0 ? net.inputs : step.layers[l - 1].X);
    say(`════ Step ${s + 1} — forward ════`, "");
    step.layers.forEach((t, l) => {
      const n = l + 1;
      const B = layers[l].B;
      say(col ? `z^${n} = W^${n} x^${n - 1}${B ? ` + b^${n}` : ""}` : `A^${n} = X^${n - 1} W^${n}${B ? ` + B^${n}` : ""}`);
      const product = col
        ? [matrixLines(W(layers[l].W)), "·", matrixLines(transpose(Xprev(l))), ...(B ? ["+", matrixLines(transpose([B]))] : []), "=", matrixLines(transpose(t.A))]
        : [matrixLines(Xprev(l)), "·", matrixLines(layers[l].W), ...(B ? ["+", matrixLines([B])] : []), "=", matrixLines(t.A)];
      say(...sideBySide(product), "");
      say(`X^${n} = ${layers[l].activation}(A^${n})`);
      eq(`X^${n}`, t.X);
    });
    say(`Loss: ${LOSS_FORMULA[net.loss]}`, `L = ${showNumber(step.loss)}`, "");
    say(`════ Step ${s + 1} — backward ════`, "");
    for (let l = L - 1; l >= 0; l--) {
      const n = l + 1;
      const t = step.layers[l];
      say(l === L - 1 ? LOSS_GRADIENT[net.loss].replaceAll("{L}", String(n)) : `∂L/∂X^${n} = Δ^${n + 1} W^${n + 1}T`);
      eq(`∂L/∂X^${n}`, t.dX);
      const h = layers[l].activation;
      say(h === "softmax" ? `Δ^${n}_j = x_j (∂L/∂x_j − Σ_i ∂L/∂x_i x_i)   (softmax, full Jacobian)` : `Δ^${n} = ∂L/∂X^${n} ⊙ h'(A^${n}),  ${DERIVATIVE[h]}`);
      eq(`Δ^${n}`, t.delta);
      say(col ? `∂L/∂W^${n} = δ^${n} x^${n - 1}T` : `∂L/∂W^${n} = X^${n - 1}T Δ^${n}`);
      eq(`∂L/∂W^${n}`, W(t.dW));
      if (t.dB) {
        say(`∂L/∂B^${n} = Σ_n Δ^${n}   (summed over the batch)`);
        eq(`∂L/∂B^${n}`, [t.dB]);
      }
    }
    say(`════ Step ${s + 1} — update ════`, "");
    step.layers.forEach((t, l) => {
      const n = l + 1;
      say(`W^${n} ← W^${n} − η ∂L/∂W^${n}`);
      eq(`W^${n}`, W(t.W_new));
      if (t.B_new) {
        say(`B^${n} ← B^${n} − η ∂L/∂B^${n}`);
        eq(`B^${n}`, [t.B_new]);
      }
    });
    layers = layers.map((layer, l) => ({ ...layer, W: step.layers[l].W_new, ...(step.layers[l].B_new ? { B: step.layers[l].B_new } : {}) }));
  });
  const before = trace.steps[0].loss;
  say(`Loss with the updated parameters: L = ${showNumber(trace.lossAfter)}`);
  const drop = toNumber(before) - toNumber(trace.lossAfter);
  say(`Improvement: ${showNumber(before)} − ${showNumber(trace.lossAfter)} = ${drop.toPrecision(6)}${toNumber(before) !== 0 ? ` (${((100 * drop) / toNumber(before)).toFixed(1)}% of the loss)` : ""}.`);
  return out.join("\n");
}
