// Grids of cells as the student sees them and as the contract stores them. Column-layout
// exercises show per-sample quantities with one column per sample (and biases as columns), while
// drafts, submissions and grades keep the contract's shape (one row per sample). Safe in the browser.

/** The grid transposed: rows become columns. A ragged or empty grid gives what its first row implies. */
export function transposeGrid<T>(m: readonly (readonly T[])[]): T[][] {
  if (m.length === 0) return [];
  return m[0].map((_, j) => m.map((row) => row[j]));
}

/** A contract matrix as the grid shows it. */
export const toShown = <T,>(m: readonly (readonly T[])[], transpose: boolean): T[][] => (transpose ? transposeGrid(m) : m.map((r) => [...r]));

/** A shown grid as the contract stores it. */
export const toStored = toShown;
