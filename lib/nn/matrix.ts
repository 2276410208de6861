// Small dense matrices of exact or high-precision scalars, one row per sample.
// Plain arrays keep the core readable and fast for the hand-sized nets we grade.
import { add, mul, sub, ZERO, type Num } from "./num";

export type Matrix = Num[][];
export type Vector = Num[];

export function shape(m: Matrix): [number, number] {
  return [m.length, m.length ? m[0].length : 0];
}

export function map(m: Matrix, f: (x: Num, i: number, j: number) => Num): Matrix {
  return m.map((row, i) => row.map((x, j) => f(x, i, j)));
}

export function zip(a: Matrix, b: Matrix, f: (x: Num, y: Num) => Num): Matrix {
  assertSameShape(a, b);
  return a.map((row, i) => row.map((x, j) => f(x, b[i][j])));
}

export function transpose(m: Matrix): Matrix {
  const [r, c] = shape(m);
  return Array.from({ length: c }, (_, j) => Array.from({ length: r }, (_, i) => m[i][j]));
}

/** Matrix product P = M N. */
export function matmul(m: Matrix, n: Matrix): Matrix {
  const [r, k] = shape(m);
  const [k2, c] = shape(n);
  if (k !== k2) throw new RangeError(`cannot multiply ${r}×${k} by ${k2}×${c}`);
  const out: Matrix = [];
  for (let i = 0; i < r; i++) {
    const row: Num[] = [];
    for (let j = 0; j < c; j++) {
      let s: Num = ZERO;
      for (let t = 0; t < k; t++) s = add(s, mul(m[i][t], n[t][j]));
      row.push(s);
    }
    out.push(row);
  }
  return out;
}

/** Entry-wise (Hadamard) product M ⊙ N. */
export function hadamard(a: Matrix, b: Matrix): Matrix {
  return zip(a, b, mul);
}

export function plus(a: Matrix, b: Matrix): Matrix {
  return zip(a, b, add);
}

export function minus(a: Matrix, b: Matrix): Matrix {
  return zip(a, b, sub);
}

export function scale(m: Matrix, s: Num): Matrix {
  return map(m, (x) => mul(s, x));
}

/** Adds the row vector b to every row of M (the bias broadcast over the batch). */
export function addRow(m: Matrix, b: Vector): Matrix {
  return m.map((row) => row.map((x, j) => add(x, b[j])));
}

/** Column sums: Σ_n M[n][j], the bias gradient summed over the batch. */
export function sumRows(m: Matrix): Vector {
  const [, c] = shape(m);
  return Array.from({ length: c }, (_, j) => m.reduce<Num>((s, row) => add(s, row[j]), ZERO));
}

export function assertSameShape(a: Matrix, b: Matrix): void {
  const [r1, c1] = shape(a);
  const [r2, c2] = shape(b);
  if (r1 !== r2 || c1 !== c2) throw new RangeError(`shape ${r1}×${c1} does not match ${r2}×${c2}`);
}
