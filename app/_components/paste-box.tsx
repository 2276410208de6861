"use client";
// The box a whole matrix is pasted into (`1 2; 3 4`, one row a line, a LaTeX pmatrix), under a grid
// of the answer form; the form reads it on the server and fills the grid with the cells as written.
import { useState } from "react";

export function PasteBox({ id, hint, label, apply, onApply }: { id: string; hint: string; label: string; apply: string; onApply: (raw: string) => void }) {
  const [raw, setRaw] = useState("");
  return (
    <div className="paste-box">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} rows={3} value={raw} onChange={(e) => setRaw(e.target.value)} aria-describedby={`${id}-hint`} />
      <p id={`${id}-hint`} className="hint">
        {hint}
      </p>
      <button type="button" className="button secondary" onClick={() => onApply(raw)}>
        {apply}
      </button>
    </div>
  );
}
