"use client";
// The answer form's grids at the keyboard: cell ids and names, spreadsheet-like moves between cells, and Alt+V for a grid's paste box.
import { useEffect, useState, type KeyboardEvent } from "react";
import { moveFrom } from "@/app/_lib/entry-cells";
import { cellIdOf, fill, type QuantityField } from "./common";

export interface GridKeysOptions {
  variantId: string;
  fields: QuantityField[];
  readOnly: boolean;
  /** How a cell's input is labelled ({q} the quantity, {r} row, {c} column). */
  cellLabel: string;
}

export function useGridKeys({ variantId, fields, readOnly, cellLabel }: GridKeysOptions) {
  /** The path of the quantity whose paste box is open. */
  const [pasteOpen, setPasteOpen] = useState<string | null>(null);

  const cellId = (f: number, i: number, j: number) => cellIdOf(variantId, f, i, j);
  const focusCell = (f: number, i: number, j: number) => document.getElementById(cellId(f, i, j))?.focus();
  /** A cell as its input is labelled: "A^1 row 1, column 2" (i, j from 0, of the grid as shown). */
  const cellName = (f: QuantityField, i: number, j: number) => fill(cellLabel, { q: f.labelText, r: i + 1, c: j + 1 });

  function onKey(e: KeyboardEvent<HTMLInputElement>, f: number, i: number, j: number) {
    // Alt+V opens this grid's paste box (the paste boxes sit outside the way Tab goes from grid to grid).
    if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === "KeyV" && !readOnly) {
      e.preventDefault();
      setPasteOpen(fields[f].path);
      return;
    }
    // Keys belong to the input method while it composes (Japanese, Chinese, Korean input), and to the browser with modifiers.
    if (e.nativeEvent.isComposing || e.keyCode === 229 || e.altKey || e.ctrlKey || e.metaKey) return;
    const input = e.currentTarget;
    const to = moveFrom(fields, { f, i, j }, { key: e.key, shift: e.shiftKey, atStart: input.selectionStart === 0 && input.selectionEnd === 0, atEnd: input.selectionStart === input.value.length });
    if (!to) return;
    e.preventDefault();
    focusCell(to.f, to.i, to.j);
  }

  // An opened paste box takes the focus (opened with Alt+V from a cell, or its summary).
  useEffect(() => {
    const fi = fields.findIndex((f) => f.path === pasteOpen);
    if (fi >= 0) document.getElementById(`paste-${fi}`)?.focus();
  }, [pasteOpen, fields]);

  return { cellId, focusCell, cellName, onKey, pasteOpen, setPasteOpen };
}
