// The data of an exercise, exactly as given: inputs, targets, every W^l, B^l and h^l, η and the loss.
import { display } from "@/app/_lib/display";
import { activationTex, lossTex, notation } from "@/app/_lib/notation";
import { exactTex, Tex } from "@/app/_components/tex";
import { toText } from "@/lib/nn/num";
import type { Network } from "@/lib/nn/types";

export function Given({ net }: { net: Network }) {
  const n = notation(net.layout);
  const show = display(net.layout);
  const L = net.layers.length;
  const N = net.inputs.length;
  const K = net.targets[0].length;
  const row = net.layout === "row";
  const batch = N === 1 ? "one sample" : `${N} samples, one per ${row ? "row" : "column"}`;
  return (
    <>
      <h3>Inputs and targets</h3>
      <p>
        The batch holds {batch}: the inputs <Tex tex={n.out(0)} /> and the targets <Tex tex={n.targets} />.
      </p>
      <div className="math-row">
        <Tex display tex={`${n.out(0)} = ${show.samples(net.inputs, exactTex)}`} />
        <Tex display tex={`${n.targets} = ${show.samples(net.targets, exactTex)}`} />
      </div>

      <h3>Parameters</h3>
      <p>
        {row ? (
          <>
            Each weight matrix <Tex tex="W^{l}" /> has one row per input and one column per unit of layer <Tex tex="l" />; the bias{" "}
            <Tex tex="B^{l}" /> is a row vector, added to every sample.
          </>
        ) : (
          <>
            Each weight matrix <Tex tex="W^{l}" /> has one row per unit of layer <Tex tex="l" /> and one column per input; the bias{" "}
            <Tex tex="b^{l}" /> is a column vector.
          </>
        )}
      </p>
      {net.layers.map((layer, i) => {
        const l = i + 1;
        const slope = layer.activation === "leaky_relu" ? toText(layer.slope) : undefined;
        return (
          <div className="math-row" key={l} role="group" aria-label={`Layer ${l}`}>
            <Tex display tex={`${n.weight(l)} = ${show.weights(layer.W, exactTex)}`} />
            {layer.B ? <Tex display tex={`${n.bias(l)} = ${show.bias(layer.B, exactTex)}`} /> : null}
            <Tex display tex={`h^{${l}} = ${activationTex(layer.activation, slope)}`} />
          </div>
        );
      })}
      {net.layers.some((layer) => !layer.B) ? (
        <p>
          Layers without a bias term: {net.layers.flatMap((layer, i) => (layer.B ? [] : [i + 1])).join(", ")}.
        </p>
      ) : null}

      <h3>Learning rate and loss</h3>
      <div className="math-row">
        <Tex display tex={`\\eta = ${exactTex(net.learningRate)}`} />
        <Tex display tex={lossTex(net.loss, n, L, N, K)} />
      </div>
      <p>
        Here <Tex tex={n.out(L)} /> is the output of the last layer, <Tex tex={`N = ${N}`} /> the number of samples and{" "}
        <Tex tex={`K = ${K}`} /> the number of outputs{net.loss === "cross_entropy" || net.loss === "binary_cross_entropy" ? <>; <Tex tex="\log" /> is the natural logarithm</> : null}.
      </p>

      <h3>Task</h3>
      <p>
        {net.steps === 1 ? "Do one step of gradient descent" : `Do ${net.steps} steps of gradient descent`}: the forward pass (every{" "}
        <Tex tex={n.pre("l")} /> and <Tex tex={n.out("l")} />
        ), the loss, the backward pass (every <Tex tex={`\\partial L / \\partial ${n.out("l")}`} />, <Tex tex={n.delta("l")} /> and
        gradient) and the updated parameters; then compute the loss again with the new parameters.
      </p>
    </>
  );
}
