// When is a student's number "the same" as the reference? The contract's default is
// |got − ref| ≤ max(0.005, 0.01·|ref|); an exercise may set relative/absolute or significant figures.

export type ToleranceSpec = { relative?: number; absolute?: number } | { sig_figs: number };

export const DEFAULT_TOLERANCE = { relative: 0.01, absolute: 0.005 } as const;

/** |got − ref| ≤ max(absolute, relative·|ref|), or one unit in the last of n significant figures of ref. */
export function within(got: number, ref: number, tol: ToleranceSpec = DEFAULT_TOLERANCE): boolean {
  if (!Number.isFinite(got) || !Number.isFinite(ref)) return false;
  const diff = Math.abs(got - ref);
  if ("sig_figs" in tol) {
    if (ref === 0) return diff <= 10 ** -tol.sig_figs;
    const unit = 10 ** (Math.floor(Math.log10(Math.abs(ref))) - tol.sig_figs + 1);
    return diff <= unit * (1 + 1e-9);
  }
  const absolute = tol.absolute ?? DEFAULT_TOLERANCE.absolute;
  const relative = tol.relative ?? DEFAULT_TOLERANCE.relative;
  return diff <= Math.max(absolute, relative * Math.abs(ref)) * (1 + 1e-12);
}

/** Entry-wise `within` for two matrices of the same shape. */
export function entriesWithin(got: number[][], ref: number[][], tol?: ToleranceSpec): boolean[][] {
  return got.map((row, i) => row.map((g, j) => within(g, ref[i][j], tol)));
}

export const allTrue = (m: boolean[][]) => m.every((row) => row.every(Boolean));
