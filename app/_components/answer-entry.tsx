"use client";
// The answer form: one grid of cells per quantity, spreadsheet-like keyboard moves, a live
// preview of what the server reads, drafts saved as you type (and kept in this browser), and
// a submit that sends one request however often it is clicked. Nothing is lost silently: a save
// that fails says so (aria-live) and is retried with growing pauses until it succeeds, leaving the
// page asks for confirmation while entries are unsaved, and a submit whose answer was lost (a
// network error, a restarting server) is sent again with the same idempotency key, so the server
// records it once however many times it arrives.
//
// Grids are shown in the exercise's notation (column layout: one column per sample) while drafts
// and submissions keep the contract's shape: cells go through toShown/toStored at every crossing.
// Each cell remembers when it was typed; a save or a pull of the draft brings in every cell the
// server has that is newer than this browser's (lib/course/draft-merge.ts), so two browsers of one
// student end with the newest entries in both, and the copy kept in this browser never overwrites
// newer work from elsewhere.
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from "react";
import { localCopyOf, shownOf, storedOf, takeNewer } from "@/app/_lib/entry-grids";
import { cellKey, moveFrom, refusedCells, unreadableCells, type NamedCell } from "@/app/_lib/entry-cells";
import { PasteBox } from "./paste-box";
import { useHydrated } from "@/app/_lib/use-hydrated";
import { shiftTimes, type Cells, type Times } from "@/lib/course/draft-merge";

export interface QuantityField {
  path: string;
  labelHtml: string;
  labelText: string;
  rows: number;
  cols: number;
  /** The grid shows the contract's matrix transposed (column layout). */
  transpose: boolean;
  group: string;
}

export interface AnswerFormText {
  save: string; saving: string; saved: string; saveFailed: string; saveRetrying: string; submitRetrying: string; submit: string; submitting: string;
  confirmSubmit: string; confirmPartial: string; nothingEntered: string; paste: string; pasteHint: string; pasteApply: string; previewEmpty: string;
  sessionExpired: string; signInAgain: string; attemptsLeft: string; cellLabel: string; submitError: string; offline: string;
}

/** Words of the newer parts of the form (named unreadable cells, the keys, entries from elsewhere). */
export interface EntryNotes {
  unreadable: string;
  keys: string;
  pulled: string;
}

export interface AnswerFormProps {
  variantId: string;
  fields: QuantityField[];
  /** The saved draft in the contract's shape, when each cell was typed (server clock), and the server's now when the page was made. */
  initial: Cells;
  initialTimes?: Times;
  serverNow?: number;
  text: AnswerFormText;
  notes: EntryNotes;
  attemptsLeft: number;
  signInUrl: string;
}

type Answers = Record<string, string[][]>;
type SaveState = "idle" | "saving" | "saved" | "retrying" | "failed" | "offline";

/** Pause before retry number `n` (1, 2, ...): 1 s doubling up to `max`, with ±25% jitter so that a class of browsers does not retry in step. */
const backoff = (n: number, max = 30_000) => Math.min(max, 1000 * 2 ** (n - 1)) * (0.75 + Math.random() * 0.5);
/** Answers worth retrying with the same request: no answer at all, a server error or a proxy's (502/503/504), a time-out. */
const transient = (status: number | null) => status === null || status >= 500 || status === 408 || status === 429;
/** Tries of one submit before the student is asked to try again (the key stays, so a later click is the same attempt). */
const SUBMIT_TRIES = 6;
/** How often the draft is read back while the page is visible (another browser may have typed). A constant: the page asks no sooner. */
const PULL_EVERY_MS = 30_000;

/** The copy kept in this browser, if any (storage may be disabled). */
function readLocal(key: string) {
  try {
    return localCopyOf(localStorage.getItem(key));
  } catch {
    return null;
  }
}

/** The record without the keys `drop` names. */
const without = <T,>(r: Record<string, T>, drop: (key: string) => boolean) => Object.fromEntries(Object.entries(r).filter(([key]) => !drop(key)));

const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ""));

export function AnswerEntry({ variantId, fields, initial, initialTimes = {}, serverNow, text, notes, attemptsLeft, signInUrl }: AnswerFormProps) {
  const [answers, setAnswers] = useState<Answers>(() => shownOf(fields, initial, ""));
  const hydrated = useHydrated();
  const [save, setSave] = useState<SaveState>("idle");
  const [retryIn, setRetryIn] = useState(0);
  const [submitNote, setSubmitNote] = useState("");
  const [pulledNote, setPulledNote] = useState("");
  const [preview, setPreview] = useState<{ path: string; ok: boolean; text: string } | null>(null);
  /** Cells the preview could not read (by shown place), with what it said. */
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  /** Cells named in one message, in the order of the form: unreadable before a submit, or refused by the server. */
  const [named, setNamed] = useState<string[]>([]);
  const [banner, setBanner] = useState<"expired" | "error" | null>(null);
  const [busy, setBusy] = useState(false);
  const [pasteOpen, setPasteOpen] = useState<string | null>(null);
  const key = useRef<string | null>(null);
  const saveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const retryTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** Failed saves in a row (the back-off grows with it); a save in flight; entries changed since it was sent. */
  const failures = useRef(0);
  const inFlight = useRef(false);
  const dirty = useRef(false);
  const saveState = useRef<SaveState>("idle");
  saveState.current = save;
  const previewTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(answers);
  latest.current = answers;
  /** When each cell (as shown) was typed, on this browser's clock. The server's times are moved onto it by the server's "now". */
  const [times] = useState(() => ({ current: shownOf(fields, shiftTimes(initialTimes, serverNow === undefined ? 0 : Date.now() - serverNow), 0) }));
  const storageKey = `handprop:draft:${variantId}`;
  const readOnly = attemptsLeft <= 0;

  const cellId = (f: number, i: number, j: number) => `cell-${variantId}-${f}-${i}-${j}`;
  const focusCell = (f: number, i: number, j: number) => document.getElementById(cellId(f, i, j))?.focus();
  /** A cell as its input is labelled: "A^1 row 1, column 2" (i, j from 0, of the grid as shown). */
  const cellName = (f: QuantityField, i: number, j: number) => fill(text.cellLabel, { q: f.labelText, r: i + 1, c: j + 1 });

  const keepLocal = useCallback(() => {
    try {
      localStorage.setItem(storageKey, JSON.stringify({ savedAt: Date.now(), answers: storedOf(fields, latest.current), times: storedOf(fields, times.current) }));
    } catch {
      /* storage full or disabled: the server copy still works */
    }
  }, [fields, storageKey]);

  /**
   * Brings in every cell of a draft (contract shape, times on this browser's clock) that wins over
   * this browser's, except the cell being typed in. Returns how many cells came in and whether this
   * browser holds cells newer than the draft (which then need saving).
   */
  const bringIn = useCallback(
    (draft: { answers: Cells; times: Times }): { took: number; ahead: boolean } => {
      const typing = document.activeElement?.id ?? "";
      const taken = takeNewer(fields, { answers: latest.current, times: times.current }, draft, (fi, i, j) => cellId(fi, i, j) === typing);
      times.current = taken.times;
      const took = taken.replaced.length;
      if (took) {
        latest.current = taken.answers;
        setAnswers(taken.answers);
        keepLocal();
        // What the preview said of a cell no longer holds once another browser's entry replaced it.
        const replaced = new Set(taken.replaced.map((c) => c.key));
        setInvalid((v) => without(v, (cell) => replaced.has(cell)));
      }
      return { took, ahead: taken.ahead };
    },
    // cellId depends on variantId only.
    [fields, keepLocal, variantId],
  );

  /** A draft the server answered with (times on its clock, `now` its clock when it was asked at `sentAt` here), brought in. */
  const fromServer = useCallback(
    (body: { answers?: Cells; times?: Times; now?: number }, sentAt: number) => {
      if (!body.answers || !body.times || typeof body.now !== "number") return { took: 0, ahead: false };
      return bringIn({ answers: body.answers, times: shiftTimes(body.times, sentAt - body.now) });
    },
    [bringIn],
  );

  const saveNow = useCallback(
    async (keepalive = false): Promise<void> => {
      clearTimeout(retryTimer.current);
      // Offline: the copy in this browser holds the entries; coming back online saves them.
      if (typeof navigator !== "undefined" && !navigator.onLine) return setSave("offline");
      // One save at a time; entries typed meanwhile are saved right after it.
      if (inFlight.current) {
        dirty.current = true;
        return;
      }
      inFlight.current = true;
      dirty.current = false;
      setSave("saving");
      let status: number | null = null;
      let body: { answers?: Cells; times?: Times; now?: number } = {};
      const sentAt = Date.now();
      try {
        const payload = { answers: storedOf(fields, latest.current), times: storedOf(fields, times.current), now: sentAt };
        const res = await fetch(`/api/variants/${variantId}/draft`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(payload), keepalive });
        status = res.status;
        if (res.ok) body = (await res.json().catch(() => ({}))) as typeof body;
      } catch {
        status = null;
      }
      inFlight.current = false;
      if (status !== null && status >= 200 && status < 300) {
        failures.current = 0;
        const { took } = fromServer(body, sentAt);
        if (took) setPulledNote(fill(notes.pulled, { n: took }));
        if (dirty.current) return saveNow();
        return setSave("saved");
      }
      if (status === 401) setBanner("expired");
      // Retrying the same body will not help a refusal (signed out, too large): say it is not saved, and keep the local copy.
      // A 409 is another save of this draft winning a race many times over: worth the same retry.
      if (!transient(status) && status !== 409) return setSave("failed");
      failures.current += 1;
      const wait = backoff(failures.current);
      setRetryIn(Math.max(1, Math.round(wait / 1000)));
      setSave("retrying");
      retryTimer.current = setTimeout(() => void saveNow(), wait);
    },
    [variantId, fields, fromServer, notes.pulled],
  );

  /** Reads the draft back (another browser may have typed since), brings in what is newer, and saves what this browser holds newer. */
  const pull = useCallback(async () => {
    // While a save of this browser is pending, its answer brings in the server's cells anyway.
    if (readOnly || inFlight.current || dirty.current || document.visibilityState === "hidden") return;
    if (saveState.current === "retrying" || saveState.current === "failed" || saveState.current === "offline") return;
    const sentAt = Date.now();
    try {
      const res = await fetch(`/api/variants/${variantId}/draft`, { cache: "no-store" });
      if (res.status === 401) return setBanner("expired");
      if (!res.ok) return;
      const { took, ahead } = fromServer((await res.json()) as { answers?: Cells; times?: Times; now?: number }, sentAt);
      if (took) setPulledNote(fill(notes.pulled, { n: took }));
      if (ahead) void saveNow();
    } catch {
      /* offline: the next focus or the next period tries again */
    }
  }, [readOnly, variantId, fromServer, notes.pulled, saveNow]);

  // Back online, or a save waiting for its retry: save now.
  useEffect(() => {
    const onOnline = () => (saveState.current === "offline" || saveState.current === "retrying") && void saveNow();
    window.addEventListener("online", onOnline);
    // Leaving with entries not yet saved on the server asks first (they are kept in this browser either way).
    const onLeave = (e: BeforeUnloadEvent) => {
      if (saveState.current === "retrying" || saveState.current === "failed" || saveState.current === "saving" || dirty.current) {
        e.preventDefault();
        e.returnValue = "";
      }
    };
    window.addEventListener("beforeunload", onLeave);
    return () => {
      window.removeEventListener("online", onOnline);
      window.removeEventListener("beforeunload", onLeave);
      clearTimeout(retryTimer.current);
    };
  }, [saveNow]);

  // The copy in this browser (kept while offline or signed out) is merged with the server's draft
  // cell by cell: its newer cells are brought in and saved, its older ones never overwrite.
  useEffect(() => {
    const local = readLocal(storageKey);
    if (local && bringIn(local).took) void saveNow();
    // Runs once, on mount: the draft from the server is the starting point.
  }, []);

  // The draft is read back when the page is shown again or the window regains focus, and every PULL_EVERY_MS while visible.
  useEffect(() => {
    if (readOnly) return;
    const onVisibility = () => (document.visibilityState === "hidden" ? void saveNow(true) : void pull());
    const onFocus = () => void pull();
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("focus", onFocus);
    const timer = setInterval(() => void pull(), PULL_EVERY_MS);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("focus", onFocus);
      clearInterval(timer);
    };
  }, [readOnly, pull, saveNow]);

  /** Sets cells of one quantity (as shown), each stamped with this moment, kept here and saved soon. */
  function setCells(path: string, cells: { i: number; j: number; value: string }[]) {
    const now = Date.now();
    const grid = latest.current[path].map((row) => [...row]);
    for (const { i, j, value } of cells) {
      grid[i][j] = value;
      times.current[path][i][j] = now;
    }
    const next = { ...latest.current, [path]: grid };
    setAnswers(next);
    latest.current = next;
    key.current = null;
    keepLocal();
    clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(() => void saveNow(), 800);
  }

  function change(path: string, i: number, j: number, value: string) {
    setCells(path, [{ i, j, value }]);
    // What the preview said of the old text no longer holds; the preview of the new one says again.
    const cell = cellKey(path, i, j);
    setInvalid((v) => without(v, (k) => k === cell));
    schedulePreview(path, i, j, value);
  }

  function schedulePreview(path: string, i: number, j: number, value: string) {
    clearTimeout(previewTimer.current);
    const cell = cellKey(path, i, j);
    if (value.trim() === "") {
      setPreview({ path, ok: true, text: text.previewEmpty });
      setInvalid((v) => without(v, (k) => k === cell));
      return;
    }
    previewTimer.current = setTimeout(async () => {
      try {
        const res = await fetch("/api/preview", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: value }) });
        if (res.status === 401) return setBanner("expired");
        const body = (await res.json()) as { ok: boolean; display?: string; message?: string };
        // The cell changed while this was read (a pull from another browser): its own preview comes with its change.
        if (latest.current[path]?.[i]?.[j] !== value) return;
        setPreview({ path, ok: body.ok, text: body.ok ? `= ${body.display}` : (body.message ?? "") });
        setInvalid((v) => (body.ok ? without(v, (k) => k === cell) : { ...v, [cell]: body.message ?? "" }));
      } catch {
        /* preview is a convenience; typing goes on */
      }
    }, 250);
  }

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

  /** A pasted matrix, read by the server in the grid's shape as shown (a column-layout quantity takes a column), its cells as written. */
  async function applyPaste(f: QuantityField, raw: string) {
    const res = await fetch("/api/preview", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ matrix: raw, rows: f.rows, cols: f.cols }) });
    if (res.status === 401) return setBanner("expired");
    const body = (await res.json()) as { ok: boolean; cells?: string[][]; message?: string };
    if (!body.ok || !body.cells) return setErrors((e) => ({ ...e, [f.path]: body.message ?? "" }));
    setErrors((e) => ({ ...e, [f.path]: "" }));
    setCells(f.path, body.cells.flatMap((row, i) => row.map((value, j) => ({ i, j, value }))));
    // Every pasted cell was read.
    setInvalid((v) => without(v, (cell) => cell.startsWith(`${f.path}[`)));
    setPasteOpen(null);
  }

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
      localStorage.removeItem(storageKey);
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

  const status = { idle: "", saving: text.saving, saved: text.saved, retrying: fill(text.saveRetrying, { s: retryIn }), failed: text.saveFailed, offline: text.offline }[save];
  return (
    <div className="answer-entry">
      {!readOnly ? <p className="hint entry-keys">{notes.keys}</p> : null}
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
