"use client";
// The answer form's submit: unreadable cells named first, a confirmation for a partial form, and one idempotency key per set of answers so that retries are recorded once.
//
// A submit whose answer was lost (a network error, a restarting server) is sent again with the same
// key, so the server records it once however many times it arrives or the button is clicked.
import { useRef, useState, type Dispatch, type RefObject, type SetStateAction } from "react";
import { storedOf } from "@/app/_lib/entry-grids";
import { refusedCells, unreadableCells, type NamedCell } from "@/app/_lib/entry-cells";
import { backoff, fill, transient, type AnswerFormText, type Answers, type Banner, type EntryNotes, type QuantityField } from "./common";

/** Tries of one submit before the student is asked to try again (the key stays, so a later click is the same attempt). */
const SUBMIT_TRIES = 6;

export interface SubmitOnceOptions {
  variantId: string;
  fields: QuantityField[];
  /** The grids as they are now, as shown. */
  latest: RefObject<Answers>;
  /** Cells the preview could not read (by shown place), with what it said. */
  invalid: Record<string, string>;
  text: AnswerFormText;
  notes: EntryNotes;
  /** The form's messages: by quantity path, and `form` for the whole form. */
  setErrors: Dispatch<SetStateAction<Record<string, string>>>;
  setBanner: Dispatch<SetStateAction<Banner>>;
  focusCell: (f: number, i: number, j: number) => void;
  cellName: (f: QuantityField, i: number, j: number) => string;
  /** The answers were recorded: the copy kept in this browser is no longer needed. */
  onSubmitted: () => void;
}

export function useSubmitOnce({ variantId, fields, latest, invalid, text, notes, setErrors, setBanner, focusCell, cellName, onSubmitted }: SubmitOnceOptions) {
  const [busy, setBusy] = useState(false);
  const [submitNote, setSubmitNote] = useState("");
  /** Cells named in one message, in the order of the form: unreadable before a submit, or refused by the server. */
  const [named, setNamed] = useState<string[]>([]);
  const key = useRef<string | null>(null);

  /** The answers changed: the next submit is a new attempt, with a new key. */
  const answersChanged = () => {
    key.current = null;
  };

  /** Names cells in one message (each as its input is labelled, with what is wrong) and puts the focus on the first. */
  function nameCells(cells: NamedCell[], lead: string) {
    const lines = cells.map((c) => `${cellName(fields[c.f], c.i, c.j)}: ${c.why}`);
    const byField: Record<string, string> = {};
    cells.forEach((c, k) => {
      const path = fields[c.f].path;
      byField[path] = byField[path] ? `${byField[path]}; ${lines[k]}` : lines[k];
    });
    setErrors(byField);
    setNamed(cells.length ? [lead, ...lines] : []);
    if (cells[0]) focusCell(cells[0].f, cells[0].i, cells[0].j);
  }

  async function submit() {
    if (busy) return;
    // Cells the preview could not read are named, not confirmed over: the student fixes them first.
    const unreadable = unreadableCells(fields, invalid);
    if (unreadable.length) return nameCells(unreadable, notes.unreadable);
    // Nothing typed: said here, and the server refuses it too; some quantities left empty: the confirmation says how many.
    const answers = storedOf(fields, latest.current);
    const filled = fields.filter((f) => answers[f.path]?.some((row) => row.some((c) => c.trim() !== ""))).length;
    if (filled === 0) return setNamed([text.nothingEntered]);
    const question = filled < fields.length ? fill(text.confirmPartial, { filled, total: fields.length }) : text.confirmSubmit;
    if (!navigator.webdriver && !window.confirm(question)) return;
    setBusy(true);
    setBanner(null);
    setSubmitNote("");
    setNamed([]);
    // One key per set of answers: a retry, automatic or clicked, of the same answers is the same attempt.
    key.current ??= crypto.randomUUID();
    const payload = JSON.stringify({ answers: storedOf(fields, latest.current), idempotencyKey: key.current });
    let res: Response | null = null;
    for (let tryNo = 1; ; tryNo++) {
      try {
        res = await fetch(`/api/variants/${variantId}/submissions`, { method: "POST", headers: { "content-type": "application/json" }, body: payload });
      } catch {
        res = null;
      }
      if (!transient(res?.status ?? null) || tryNo >= SUBMIT_TRIES) break;
      setSubmitNote(fill(text.submitRetrying, { n: tryNo + 1, max: SUBMIT_TRIES }));
      await new Promise((r) => setTimeout(r, backoff(tryNo, 8000)));
    }
    setSubmitNote("");
    if (!res) {
      setBanner("error");
      setBusy(false);
      return;
    }
    const body = (await res.json().catch(() => ({}))) as { url?: string; errors?: Record<string, string>; message?: string };
    if (res.ok && body.url) {
      onSubmitted();
      return window.location.assign(body.url);
    }
    if (res.status === 401) setBanner("expired");
    else if (res.status === 422 && body.errors) {
      const { cells, other } = refusedCells(fields, body.errors, (fi) => fields[fi].labelText);
      nameCells(cells, notes.unreadable);
      if (other.length) setErrors((e) => ({ ...e, form: other.join("; ") }));
    } else if (body.message) setErrors({ form: body.message });
    else setBanner("error");
    setBusy(false);
  }

  return { busy, submitNote, named, submit, answersChanged };
}
