// The network as a server-rendered SVG: units per layer, every connection, each layer's activation.
// A network small enough to read carries its weights on the connections and its biases under the
// units, exactly as given; a larger one keeps the plain drawing and says the weights are in the
// matrices (which are the accessible form of the same numbers in either case).
import type { TFunction } from "i18next";
import { toText } from "@/lib/nn/num";
import type { Network } from "@/lib/nn/types";
import { symbolsOf } from "@/lib/notation";

const R = 15;
/** Spacing of layers and units: wider when the connections carry numbers. */
const PLAIN = { col: 130, row: 46 };
const LABELLED = { col: 230, row: 62 };
/** Beyond these the numbers would cover each other: at most this many connections between two layers, and in all. */
const MAX_EDGES_PER_PAIR = 12;
const MAX_EDGES = 30;
/** A longer number than this (sign excluded) would not fit along a connection. */
const MAX_LABEL = 7;

/** A number as short exact text, with a true minus sign. */
const label = (x: Parameters<typeof toText>[0]) => toText(x).replace(/^-/, "−");

/** Whether every weight and bias of `net` fits on the drawing, readable. */
export function weightsFit(net: Network, sizes: readonly number[]): boolean {
  const pairs = sizes.slice(1).map((n, l) => n * sizes[l]);
  if (pairs.some((e) => e > MAX_EDGES_PER_PAIR) || pairs.reduce((a, b) => a + b, 0) > MAX_EDGES) return false;
  const texts = net.layers.flatMap((layer) => [...layer.W.flat(), ...(layer.B ?? [])].map(label));
  return texts.every((s) => s.replace(/^−/, "").length <= MAX_LABEL);
}

/**
 * Where along the connection from unit i (of m) to place its weight: the connections leaving one
 * unit share one fraction, and each source unit has its own, so labels of different sources stand
 * in different columns instead of piling up in the middle where the lines cross.
 */
export function labelFraction(i: number, m: number): number {
  return m === 1 ? 0.5 : 0.3 + (0.42 * i) / (m - 1);
}

export function NetworkDiagram({ net, t }: { net: Network; t: TFunction }) {
  const sizes = [net.inputs[0].length, ...net.layers.map((l) => l.W[0].length)];
  const labelled = weightsFit(net, sizes);
  const { col, row } = labelled ? LABELLED : PLAIN;
  const height = Math.max(...sizes) * row + 40;
  const width = (sizes.length - 1) * col + 80;
  const y = (layer: number, unit: number) => height / 2 + (unit - (sizes[layer] - 1) / 2) * row;
  const x = (layer: number) => 40 + layer * col;
  // Biases are named only where the network has them (some exercises have none).
  const biased = net.layers.some((l) => l.B !== undefined);
  const note = labelled ? t(biased ? "given.edgeWeights" : "given.edgeWeightsNoBias") : t("given.weightsInMatrices");
  return (
    <>
      {/* A labelled drawing keeps a readable size on a phone and scrolls sideways in its own box. */}
      <div className="diagram-scroll" data-labelled={labelled ? "true" : "false"} tabIndex={labelled ? 0 : undefined} role={labelled ? "group" : undefined} aria-label={labelled ? t("work.diagram") : undefined}>
        <svg className="network-diagram" viewBox={`0 0 ${width} ${height + 24}`} role="img" aria-labelledby="net-title" style={{ maxWidth: width, minWidth: labelled ? Math.min(width, 520) : undefined }}>
          <title id="net-title">{`${t("work.diagram")}: ${sizes.join("-")}`}</title>
          {sizes.slice(1).map((n, l) =>
            Array.from({ length: sizes[l] }, (_, i) =>
              Array.from({ length: n }, (_, j) => <line key={`${l}-${i}-${j}`} x1={x(l)} y1={y(l, i)} x2={x(l + 1)} y2={y(l + 1, j)} className="edge" />),
            ),
          )}
          {labelled
            ? net.layers.map((layer, l) =>
                layer.W.map((weights, i) => {
                  const f = labelFraction(i, sizes[l]);
                  return weights.map((w, j) => (
                    <text key={`w-${l}-${i}-${j}`} x={x(l) + f * col} y={y(l, i) + f * (y(l + 1, j) - y(l, i)) + 4} textAnchor="middle" className="edge-label" data-weight={`${l + 1},${i + 1},${j + 1}`}>
                      {label(w)}
                    </text>
                  ));
                }),
              )
            : null}
          {sizes.map((n, l) =>
            Array.from({ length: n }, (_, i) => (
              <g key={`${l}-${i}`}>
                <circle cx={x(l)} cy={y(l, i)} r={R} className={l === 0 ? "unit input" : "unit"} />
                <text x={x(l)} y={y(l, i) + 4} textAnchor="middle" className="unit-label">
                  {l === 0 ? `x${i + 1}` : `${i + 1}`}
                </text>
                {labelled && l > 0 ? <BiasLabel net={net} l={l} i={i} x={x(l)} y={y(l, i) + R + 13} /> : null}
              </g>
            )),
          )}
          {sizes.map((_, l) => (
            <text key={`cap-${l}`} x={x(l)} y={height + 14} textAnchor="middle" className="layer-caption">
              {l === 0 ? `${symbolsOf(net.layout).out.text}⁰` : `${net.layers[l - 1].activation}`}
            </text>
          ))}
        </svg>
      </div>
      <p className="diagram-note">{note}</p>
    </>
  );
}

/** The bias of unit i of layer l under the unit ("b=0.1"), if the layer has biases. */
function BiasLabel({ net, l, i, x, y }: { net: Network; l: number; i: number; x: number; y: number }) {
  const B = net.layers[l - 1].B;
  if (!B) return null;
  return (
    <text x={x} y={y} textAnchor="middle" className="bias-label" data-bias={`${l},${i + 1}`}>
      {`${symbolsOf(net.layout).bias.text}=${label(B[i])}`}
    </text>
  );
}
