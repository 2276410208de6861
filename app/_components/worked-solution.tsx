// The full worked solution: per gradient step the forward pass, the loss, the backward pass
// (layer L down to 1) and the updates, then the loss with the final parameters.
import { display, type Display } from "@/app/_lib/display";
import { activationTex, deltaTex, lossGradientTex, notation, partial, type Notation } from "@/lib/notation/tex";
import { exactTex, numTex, Tex } from "@/app/_components/tex";
import { rich } from "@/app/_lib/rich";
import type { TFunction } from "i18next";
import { activationDerivative } from "@/lib/nn/activations";
import type { Matrix } from "@/lib/nn/matrix";
import { sign, sub, toText } from "@/lib/nn/num";
import type { Layer, Network, StepTrace, Trace } from "@/lib/nn/types";

interface StepProps {
  net: Network;
  /** The parameters this step starts from. */
  layers: Layer[];
  step: StepTrace;
  index: number;
  n: Notation;
  show: Display;
  t: TFunction;
}

const hTex = (layer: Layer) => activationTex(layer.activation, layer.activation === "leaky_relu" ? toText(layer.slope) : undefined);

function Forward({ layers, step, n, show, t }: StepProps) {
  return layers.map((layer, i) => {
    const l = i + 1;
    const { A, X } = step.layers[i];
    return (
      <div key={l} role="group" aria-label={t("solution.layer", { l })}>
        <Tex display tex={`${n.forward(l, layer.B !== undefined)} = ${show.samples(A)}`} />
        <Tex display tex={`${n.out(l)} = ${hTex(layer)}\\!\\left(${n.pre(l)}\\right) = ${show.samples(X)}`} />
      </div>
    );
  });
}

/** ∂L/∂X^l, Δ^l and the gradients of layer l (index i = l − 1). */
function BackwardLayer({ net, layers, step, n, show, i, t: tr }: StepProps & { i: number }) {
  const l = i + 1;
  const L = layers.length;
  const N = net.inputs.length;
  const K = net.targets[0].length;
  const layer = layers[i];
  const t = step.layers[i];
  const h = layer.activation;
  const slope = h === "leaky_relu" ? toText(layer.slope) : undefined;
  const value = `${partial(n.out(l))} = ${show.samples(t.dX)}`;
  return (
    <div role="group" aria-label={tr("solution.layer", { l })}>
      <h4>{tr("solution.layer", { l })}</h4>
      {l === L ? (
        <>
          <Tex display tex={lossGradientTex(net.loss, n, L, N, K)} />
          <Tex display tex={value} />
        </>
      ) : (
        <Tex display tex={`${n.backThrough(l)} = ${show.samples(t.dX)}`} />
      )}
      {h === "softmax" ? (
        <>
          <Tex display tex={deltaTex(h, n, l, N)} />
          <Tex display tex={`${n.delta(l)} = ${show.samples(t.delta)}`} />
        </>
      ) : h === "identity" ? (
        <Tex display tex={`${deltaTex(h, n, l, N)} = ${show.samples(t.delta)}`} />
      ) : (
        <Tex
          display
          tex={`${deltaTex(h, n, l, N, slope)} = ${show.samples(t.dX)} \\odot ${show.samples(derivative(layer, t.A, t.X))} = ${show.samples(t.delta)}`}
        />
      )}
      <Tex display tex={`${n.weightGrad(l)} = ${show.weights(t.dW)}`} />
      {t.dB ? <Tex display tex={`${n.biasGrad(l, N)} = ${show.bias(t.dB)}`} /> : null}
    </div>
  );
}

function derivative(layer: Layer, A: Matrix, X: Matrix): Matrix {
  if (layer.activation === "softmax") throw new Error("softmax has no entry-wise derivative");
  return activationDerivative(layer.activation, A, X, layer.slope);
}

function Updates({ net, layers, step, n, show, t: tr }: StepProps) {
  const eta = exactTex(net.learningRate);
  const update = (symbol: string, old: string, grad: string, result: string) =>
    `${symbol} \\leftarrow ${symbol} - \\eta\\, ${partial(symbol)} = ${old} - ${eta} ${grad} = ${result}`;
  return layers.map((layer, i) => {
    const l = i + 1;
    const t = step.layers[i];
    return (
      <div key={l} role="group" aria-label={tr("solution.layer", { l })}>
        <Tex display tex={update(n.weight(l), show.weights(layer.W), show.weights(t.dW), show.weights(t.W_new))} />
        {layer.B && t.dB && t.B_new ? (
          <Tex display tex={update(n.bias(l), show.bias(layer.B), show.bias(t.dB), show.bias(t.B_new))} />
        ) : null}
      </div>
    );
  });
}

function Step(props: StepProps) {
  const { net, layers, step, index, n, t } = props;
  const title = (key: string) => (net.steps === 1 ? t(`solution.${key}`) : t("solution.stepTitle", { n: index + 1, what: t(`solution.${key}`) }));
  const from = index === 0 ? t("solution.fromGiven") : t("solution.fromStep", { n: index });
  return (
    <section className="step">
      <h3>{title("forward")}</h3>
      <p>
        {rich(t("solution.forwardIntro", { from }), [
          <Tex key="a" tex={n.forward("l", layers.some((layer) => layer.B))} />,
          <Tex key="x" tex={`${n.out("l")} = h^{l}\\!\\left(${n.pre("l")}\\right)`} />,
        ])}
      </p>
      <Forward {...props} />
      <h3>{title("loss")}</h3>
      <Tex display tex={`L = ${numTex(step.loss)}`} />
      <h3>{title("backward")}</h3>
      <p>{rich(t("solution.backwardIntro"), [<em key="before">{t("solution.before")}</em>])}</p>
      {layers
        .map((_, i) => i)
        .reverse()
        .map((i) => (
          <BackwardLayer key={i} {...props} i={i} />
        ))}
      <h3>{title("updates")}</h3>
      <Updates {...props} />
    </section>
  );
}

/** The parameters each step starts from: the given ones, then each step's updated ones. */
function parametersPerStep(net: Network, trace: Trace): Layer[][] {
  const out: Layer[][] = [net.layers];
  trace.steps.forEach((step, s) => {
    out.push(out[s].map((layer, i) => {
      const { W_new, B_new } = step.layers[i];
      return { ...layer, W: W_new, ...(layer.B && B_new ? { B: B_new } : {}) };
    }));
  });
  return out;
}

export function WorkedSolution({ net, trace, t }: { net: Network; trace: Trace; t: TFunction }) {
  const n = notation(net.layout);
  const show = display(net.layout);
  const params = parametersPerStep(net, trace);
  const first = trace.steps[0].loss;
  const steps = trace.steps.length;
  const fell = sign(sub(first, trace.lossAfter)) > 0;
  return (
    <>
      {trace.steps.map((step, s) => (
        <Step key={s} net={net} layers={params[s]} step={step} index={s} n={n} show={show} t={t} />
      ))}
      <h3>{steps === 1 ? t("solution.lossAfterOne") : t("solution.lossAfterMany", { n: steps })}</h3>
      <p>{t("solution.again")}</p>
      <Tex display tex={`L_{\\text{after}} = ${numTex(trace.lossAfter)}`} />
      <p>{fell ? t("solution.fell") : t("solution.notFell")}</p>
      <Tex display tex={`L_{\\text{before}} - L_{\\text{after}} = ${numTex(first)} - ${numTex(trace.lossAfter)} = ${numTex(sub(first, trace.lossAfter))}`} />
    </>
  );
}
