// The data of an exercise, exactly as given: inputs, targets, every W^l, B^l and h^l, η and the loss.
// Every formula is MathML, drawn by the browser: KaTeX's HTML for these matrices (spans and
// stretched-bracket SVG) was 50 KB of every exercise page, twice over (the HTML and React's copy).
import { display } from "@/app/_lib/display";
import { activationTex, lossTex, notation } from "@/lib/notation/tex";
import { exactTex, Tex } from "@/app/_components/tex";
import { rich } from "@/app/_lib/rich";
import type { TFunction } from "i18next";
import { toText } from "@/lib/nn/num";
import type { Network } from "@/lib/nn/types";
import { byLayout } from "@/lib/notation";

export function Given({ net, t }: { net: Network; t: TFunction }) {
  const n = notation(net.layout);
  const show = display(net.layout);
  const L = net.layers.length;
  const N = net.inputs.length;
  const K = net.targets[0].length;
  const batch = N === 1 ? t("given.oneSample") : t(byLayout(net.layout, "given.samplesRows", "given.samplesColumns"), { n: N });
  return (
    <>
      <h3>{t("given.inputs")}</h3>
      <p>{rich(t("given.batch", { batch }), [<Tex output="mathml" key="x" tex={n.out(0)} />, <Tex output="mathml" key="t" tex={n.targets} />])}</p>
      <div className="math-row">
        <Tex output="mathml" display tex={`${n.out(0)} = ${show.samples(net.inputs, exactTex)}`} />
        <Tex output="mathml" display tex={`${n.targets} = ${show.samples(net.targets, exactTex)}`} />
      </div>

      <h3>{t("given.parameters")}</h3>
      {/* A network without any bias is not told what shape its biases have. */}
      <p>
        {rich(t(net.layers.some((layer) => layer.B) ? byLayout(net.layout, "given.paramsRow", "given.paramsColumn") : byLayout(net.layout, "given.paramsRowNoBias", "given.paramsColumnNoBias")), [
          <Tex output="mathml" key="w" tex="W^{l}" />,
          <Tex output="mathml" key="l" tex="l" />,
          <Tex output="mathml" key="b" tex={n.bias("l")} />,
        ])}
      </p>
      {net.layers.map((layer, i) => {
        const l = i + 1;
        const slope = layer.activation === "leaky_relu" ? toText(layer.slope) : undefined;
        return (
          <div className="math-row" key={l} role="group" aria-label={t("given.layer", { l })}>
            <Tex output="mathml" display tex={`${n.weight(l)} = ${show.weights(layer.W, exactTex)}`} />
            {layer.B ? <Tex output="mathml" display tex={`${n.bias(l)} = ${show.bias(layer.B, exactTex)}`} /> : null}
            <Tex output="mathml" display tex={`h^{${l}} = ${activationTex(layer.activation, slope)}`} />
          </div>
        );
      })}
      {net.layers.some((layer) => !layer.B) ? (
        <p>{t("given.noBias", { list: net.layers.flatMap((layer, i) => (layer.B ? [] : [i + 1])).join(", ") })}</p>
      ) : null}

      <h3>{t("given.rateAndLoss")}</h3>
      <div className="math-row">
        <Tex output="mathml" display tex={`\\eta = ${exactTex(net.learningRate)}`} />
        <Tex output="mathml" display tex={lossTex(net.loss, n, L, N, K)} />
      </div>
      <p>
        {rich(t("given.symbols"), [<Tex output="mathml" key="x" tex={n.out(L)} />, <Tex output="mathml" key="n" tex={`N = ${N}`} />, <Tex output="mathml" key="k" tex={`K = ${K}`} />])}
        {net.loss === "cross_entropy" || net.loss === "binary_cross_entropy" ? rich(t("given.log"), [<Tex output="mathml" key="log" tex="\log" />]) : null}
        {t("given.end")}
      </p>

      <h3>{t("given.task")}</h3>
      <p>
        {rich(t("given.taskBody", { task: net.steps === 1 ? t("given.oneStep") : t("given.manySteps", { n: net.steps }) }), [
          <Tex output="mathml" key="a" tex={n.pre("l")} />,
          <Tex output="mathml" key="x" tex={n.out("l")} />,
          <Tex output="mathml" key="d" tex={`\\partial L / \\partial ${n.out("l")}`} />,
          <Tex output="mathml" key="delta" tex={n.delta("l")} />,
        ])}
      </p>
    </>
  );
}

/**
 * The same data, compact, for the panel that stays beside the grids while the student types:
 * every matrix small but exact, in the exercise's notation, no prose.
 */
export function GivenCompact({ net, t }: { net: Network; t: TFunction }) {
  const n = notation(net.layout);
  const show = display(net.layout);
  const L = net.layers.length;
  // MathML only, drawn by the browser: this copy sits beside the full "Given" section on every
  // visit, and KaTeX's HTML would make it several times larger.
  const item = (key: string, tex: string) => (
    <li key={key}>
      <Tex tex={tex} output="mathml" />
    </li>
  );
  return (
    <ul className="given-compact">
      {item("x", `${n.out(0)} = ${show.samples(net.inputs, exactTex)}`)}
      {item("t", `${n.targets} = ${show.samples(net.targets, exactTex)}`)}
      {net.layers.flatMap((layer, i) => {
        const l = i + 1;
        const slope = layer.activation === "leaky_relu" ? toText(layer.slope) : undefined;
        return [
          item(`w${l}`, `${n.weight(l)} = ${show.weights(layer.W, exactTex)}`),
          ...(layer.B ? [item(`b${l}`, `${n.bias(l)} = ${show.bias(layer.B, exactTex)}`)] : []),
          item(`h${l}`, `h^{${l}} = ${activationTex(layer.activation, slope)}`),
        ];
      })}
      {item("eta", `\\eta = ${exactTex(net.learningRate)}`)}
      {item("loss", lossTex(net.loss, n, L, net.inputs.length, net.targets[0].length))}
      {net.steps > 1 ? <li key="steps">{t("given.manySteps", { n: net.steps })}</li> : null}
    </ul>
  );
}
