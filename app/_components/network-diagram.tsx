// The network as a server-rendered SVG: units per layer, every connection, each layer's activation.
import type { Network } from "@/lib/nn/types";

const COL = 130;
const ROW = 46;
const R = 15;

export function NetworkDiagram({ net, title }: { net: Network; title: string }) {
  const sizes = [net.inputs[0].length, ...net.layers.map((l) => l.W[0].length)];
  const height = Math.max(...sizes) * ROW + 40;
  const width = (sizes.length - 1) * COL + 80;
  const y = (layer: number, unit: number) => height / 2 + (unit - (sizes[layer] - 1) / 2) * ROW;
  const x = (layer: number) => 40 + layer * COL;
  return (
    <svg className="network-diagram" viewBox={`0 0 ${width} ${height + 24}`} role="img" aria-labelledby="net-title" style={{ maxWidth: width }}>
      <title id="net-title">{title}</title>
      {sizes.slice(1).map((n, l) =>
        Array.from({ length: sizes[l] }, (_, i) =>
          Array.from({ length: n }, (_, j) => <line key={`${l}-${i}-${j}`} x1={x(l)} y1={y(l, i)} x2={x(l + 1)} y2={y(l + 1, j)} className="edge" />),
        ),
      )}
      {sizes.map((n, l) =>
        Array.from({ length: n }, (_, i) => (
          <g key={`${l}-${i}`}>
            <circle cx={x(l)} cy={y(l, i)} r={R} className={l === 0 ? "unit input" : "unit"} />
            <text x={x(l)} y={y(l, i) + 4} textAnchor="middle" className="unit-label">
              {l === 0 ? `x${i + 1}` : `${i + 1}`}
            </text>
          </g>
        )),
      )}
      {sizes.map((_, l) => (
        <text key={`cap-${l}`} x={x(l)} y={height + 14} textAnchor="middle" className="layer-caption">
          {l === 0 ? "X⁰" : `${net.layers[l - 1].activation}`}
        </text>
      ))}
    </svg>
  );
}
