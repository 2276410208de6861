"use client";
// The answer form: one grid of cells per quantity, composed of its parts in answer-entry/.
//
// The parts: the keyboard (use-grid-keys: spreadsheet-like moves, Alt+V for a paste box), a live
// preview of what the server reads (use-preview), drafts saved as you type and kept in this browser
// (use-draft-sync: retried with growing pauses, merged cell by cell with newer work from elsewhere),
// and a submit that sends one request however often it is clicked (use-submit-once). Nothing is
// lost silently: a save that fails says so, leaving the page asks for confirmation while entries are
// unsaved, and a submit whose answer was lost is sent again with the same idempotency key.
//
// Grids are shown in the exercise's notation (column layout: one column per sample) while drafts
// and submissions keep the contract's shape: cells go through toShown/toStored at every crossing.
import { useState } from "react";
import { cellKey } from "@/app/_lib/entry-cells";
import { PasteBox } from "./paste-box";
import { useHydrated } from "@/app/_lib/use-hydrated";
import { fill, type AnswerFormProps, type Banner, type QuantityField } from "./answer-entry/common";
import { useDraftSync } from "./answer-entry/use-draft-sync";
import { useGridKeys } from "./answer-entry/use-grid-keys";
import { usePreview } from "./answer-entry/use-preview";
import { useSubmitOnce } from "./answer-entry/use-submit-once";
import { TranscriptBox, type WrittenReading } from "./answer-entry/transcript-box";
import { toShown } from "@/app/_lib/grid";

export type { AnswerFormProps, AnswerFormText, EntryNotes, QuantityField } from "./answer-entry/common";

export function AnswerEntry({ variantId, fields, initial, initialTimes = {}, serverNow, text, notes, attemptsLeft, signInUrl, transcript }: AnswerFormProps) {
  const hydrated = useHydrated();
  const readOnly = attemptsLeft <= 0;
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<Banner>(null);
  /** Where each grid filled from a written solution was read, by path. */
  const [sources, setSources] = useState<Record<string, WrittenReading["sources"][number]>>({});
  const expired = () => setBanner("expired");
  const draft = useDraftSync({
    variantId,
    fields,
    initial,
    initialTimes,
    serverNow,
    readOnly,
    pulled: notes.pulled,
    onExpired: expired,
    // Called from saves and pulls, never while rendering: `previews` is there by then.
    onReplaced: (cells) => previews.forget((cell) => cells.has(cell)),
  });
  const previews = usePreview({ latest: draft.latest, previewEmpty: text.previewEmpty, onExpired: expired });
  const keys = useGridKeys({ variantId, fields, readOnly, cellLabel: text.cellLabel });
  const sending = useSubmitOnce({
    variantId,
    fields,
    latest: draft.latest,
    invalid: previews.invalid,
    text,
    notes,
    setErrors,
    setBanner,
    focusCell: keys.focusCell,
    cellName: keys.cellName,
    onSubmitted: draft.forgetLocal,
  });
  const { answers, save, retryIn, pulledNote } = draft;
  const { preview, invalid, schedule: schedulePreview } = previews;
  const { cellId, cellName, onKey, pasteOpen, setPasteOpen } = keys;
  const { busy, submitNote, named, submit } = sending;

  /** Sets cells of one quantity (as shown): kept, saved soon, and a new set of answers to submit. */
  function setCells(path: string, cells: { i: number; j: number; value: string }[]) {
    draft.setCells(path, cells);
    sending.answersChanged();
  }

  function change(path: string, i: number, j: number, value: string) {
    setCells(path, [{ i, j, value }]);
    // What the preview said of the old text no longer holds; the preview of the new one says again.
    const cell = cellKey(path, i, j);
    previews.forget((k) => k === cell);
    schedulePreview(path, i, j, value);
  }

  /** A pasted matrix, read by the server in the grid's shape as shown, its cells as written. */
  async function applyPaste(f: QuantityField, raw: string) {
    const body = await previews.readMatrix(raw, f.rows, f.cols);
    if (!body) return;
    if (!body.ok || !body.cells) return setErrors((e) => ({ ...e, [f.path]: body.message ?? "" }));
    setErrors((e) => ({ ...e, [f.path]: "" }));
    setCells(f.path, body.cells.flatMap((row, i) => row.map((value, j) => ({ i, j, value }))));
    // Every pasted cell was read.
    previews.forget((cell) => cell.startsWith(`${f.path}[`));
    setPasteOpen(null);
  }

  /** A written solution's reading into the grids (as shown); typed cells are replaced only if the student agrees. Returns how many grids were filled. */
  function applyReading(r: WrittenReading): number {
    const found = fields.flatMap((f) => {
      const m = r.answers[f.path];
      const shown = m ? toShown(m, f.transpose) : null;
      return shown && shown.length === f.rows && shown.every((row) => row.length === f.cols) ? [{ f, shown }] : [];
    });
    const typed = found.filter(({ f, shown }) => answers[f.path].some((row, i) => row.some((v, j) => v.trim() !== "" && v !== shown[i][j])));
    const chosen = typed.length && !window.confirm(fill(transcript?.overwrite ?? "", { n: typed.length })) ? found.filter((x) => !typed.includes(x)) : found;
    for (const { f, shown } of chosen) {
      setCells(f.path, shown.flatMap((row, i) => row.map((value, j) => ({ i, j, value }))));
      previews.forget((cell) => cell.startsWith(`${f.path}[`));
    }
    const placed = new Set(chosen.map((c) => c.f.path));
    setSources((old) => ({ ...old, ...Object.fromEntries(r.sources.filter((s) => placed.has(s.path)).map((s) => [s.path, s])) }));
    return chosen.length;
  }

  const status = { idle: "", saving: text.saving, saved: text.saved, retrying: fill(text.saveRetrying, { s: retryIn }), failed: text.saveFailed, offline: text.offline }[save];
  return (
    <div className="answer-entry">
      {!readOnly ? <p className="hint entry-keys">{notes.keys}</p> : null}
      {!readOnly && transcript ? <TranscriptBox variantId={variantId} text={transcript} onReading={applyReading} /> : null}
      {fields.map((f, fi) => (
        <div key={f.path}>
          {fi === 0 || fields[fi - 1].group !== f.group ? <h3 className="field-group">{f.group}</h3> : null}
          <fieldset className="quantity" data-path={f.path} data-transpose={f.transpose || undefined} aria-describedby={errors[f.path] ? `err-${fi}` : undefined}>
            <legend>
              <span aria-hidden="true" dangerouslySetInnerHTML={{ __html: f.labelHtml }} />
              <span className="visually-hidden">{f.labelText}</span>
            </legend>
            <div className="grid-scroll">
              <div className="cell-grid" style={{ gridTemplateColumns: `repeat(${f.cols}, minmax(3.5rem, 7rem))` }}>
                {answers[f.path].map((row, i) =>
                  row.map((value, j) => (
                    <input
                      key={`${i}-${j}`}
                      id={cellId(fi, i, j)}
                      data-cell={`${i},${j}`}
                      type="text"
                      inputMode="text"
                      autoComplete="off"
                      spellCheck={false}
                      readOnly={readOnly}
                      value={value}
                      aria-label={cellName(f, i, j)}
                      aria-invalid={invalid[cellKey(f.path, i, j)] !== undefined || undefined}
                      onChange={(e) => change(f.path, i, j, e.target.value)}
                      onFocus={(e) => schedulePreview(f.path, i, j, e.target.value)}
                      onKeyDown={(e) => onKey(e, fi, i, j)}
                    />
                  )),
                )}
              </div>
            </div>
            {sources[f.path] ? (
              <p className="hint source-note" data-testid="source-note">
                {fill(transcript?.from ?? "", { line: sources[f.path].line, text: sources[f.path].text.slice(0, 120) })}
              </p>
            ) : null}
            <p className="preview" aria-live="polite">
              {preview?.path === f.path ? <span className={preview.ok ? undefined : "error-text"}>{preview.text}</span> : null}
            </p>
            {errors[f.path] ? (
              <p id={`err-${fi}`} className="error-text" role={named.length ? undefined : "alert"}>
                {errors[f.path]}
              </p>
            ) : null}
            {!readOnly ? (
              <details open={pasteOpen === f.path} onToggle={(e) => (e.currentTarget.open ? setPasteOpen(f.path) : pasteOpen === f.path && setPasteOpen(null))}>
                <summary>{text.paste}</summary>
                {/* Rendered once opened: a page of many quantities carries one paste box, not one per quantity. */}
                {pasteOpen === f.path ? <PasteBox id={`paste-${fi}`} hint={text.pasteHint} label={text.paste} apply={text.pasteApply} onApply={(raw) => void applyPaste(f, raw)} /> : null}
              </details>
            ) : null}
          </fieldset>
        </div>
      ))}
      <p role="status" aria-live="polite" aria-atomic="true" className={save === "retrying" || save === "failed" ? "save-status error-text" : "save-status"} data-save={save}>
        {status}
      </p>
      {pulledNote ? (
        <p role="status" aria-live="polite" className="hint pulled-note">
          {pulledNote}
        </p>
      ) : null}
      {named.length ? (
        <div className="named-cells error-text" role="alert">
          <p>{named[0]}</p>
          <ul>
            {named.slice(1).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {submitNote ? (
        <p role="status" aria-live="polite" className="notice">
          {submitNote}
        </p>
      ) : null}
      {banner === "expired" ? (
        <p className="notice" role="alert">
          {text.sessionExpired} <a href={signInUrl}>{text.signInAgain}</a>
        </p>
      ) : null}
      {banner === "error" ? (
        <p className="error-text" role="alert">
          {text.submitError}
        </p>
      ) : null}
      {errors.form ? (
        <p className="error-text" role="alert">
          {errors.form}
        </p>
      ) : null}
      {!readOnly ? (
        <p>
          <button type="button" className="button" onClick={() => void submit()} disabled={busy || !hydrated} aria-describedby="attempts-left">
            {busy ? text.submitting : text.submit}
          </button>{" "}
          <span id="attempts-left">{fill(text.attemptsLeft, { n: attemptsLeft })}</span>
        </p>
      ) : null}
    </div>
  );
}
