"use client";
// The answer form: one grid of cells per quantity, spreadsheet-like keyboard moves, a live
// preview of what the server reads, drafts saved as you type (and kept in this browser), and
// a submit that sends one request however often it is clicked. Nothing is lost silently: a save
// that fails says so (aria-live) and is retried with growing pauses until it succeeds, leaving the
// page asks for confirmation while entries are unsaved, and a submit whose answer was lost (a
// network error, a restarting server) is sent again with the same idempotency key, so the server
// records it once however many times it arrives.
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from "react";

export interface QuantityField {
  path: string;
  labelHtml: string;
  labelText: string;
  rows: number;
  cols: number;
  group: string;
}

export interface AnswerFormText {
  save: string; saving: string; saved: string; saveFailed: string; saveRetrying: string; submitRetrying: string; submit: string; submitting: string;
  confirmSubmit: string; paste: string; pasteHint: string; pasteApply: string; previewEmpty: string;
  sessionExpired: string; signInAgain: string; attemptsLeft: string; cellLabel: string; submitError: string; offline: string;
}

export interface AnswerFormProps {
  variantId: string;
  fields: QuantityField[];
  initial: Record<string, string[][]>;
  text: AnswerFormText;
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

const blank = (f: QuantityField) => Array.from({ length: f.rows }, () => Array.from({ length: f.cols }, () => ""));

function startValues(fields: QuantityField[], initial: Answers): Answers {
  const out: Answers = {};
  for (const f of fields) {
    const given = initial[f.path];
    out[f.path] = blank(f).map((row, i) => row.map((_, j) => given?.[i]?.[j] ?? ""));
  }
  return out;
}

const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ""));

export function AnswerEntry({ variantId, fields, initial, text, attemptsLeft, signInUrl }: AnswerFormProps) {
  const [answers, setAnswers] = useState<Answers>(() => startValues(fields, initial));
  const [save, setSave] = useState<SaveState>("idle");
  const [retryIn, setRetryIn] = useState(0);
  const [submitNote, setSubmitNote] = useState("");
  const [preview, setPreview] = useState<{ path: string; ok: boolean; text: string } | null>(null);
  const [invalid, setInvalid] = useState<Record<string, boolean>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
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
  const storageKey = `handprop:draft:${variantId}`;
  const readOnly = attemptsLeft <= 0;

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
      try {
        const res = await fetch(`/api/variants/${variantId}/draft`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ answers: latest.current }), keepalive });
        status = res.status;
      } catch {
        status = null;
      }
      inFlight.current = false;
      if (status !== null && status >= 200 && status < 300) {
        failures.current = 0;
        if (dirty.current) return saveNow();
        return setSave("saved");
      }
      if (status === 401) setBanner("expired");
      // Retrying the same body will not help a refusal (signed out, too large): say it is not saved, and keep the local copy.
      if (!transient(status)) return setSave("failed");
      failures.current += 1;
      const wait = backoff(failures.current);
      setRetryIn(Math.max(1, Math.round(wait / 1000)));
      setSave("retrying");
      retryTimer.current = setTimeout(() => void saveNow(), wait);
    },
    [variantId],
  );

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

  // A newer copy in this browser (saved while offline or signed out) wins over the server's draft.
  useEffect(() => {
    try {
      const local = JSON.parse(localStorage.getItem(storageKey) ?? "null") as { answers: Answers } | null;
      if (local && JSON.stringify(local.answers) !== JSON.stringify(startValues(fields, initial))) {
        setAnswers(startValues(fields, local.answers));
        latest.current = startValues(fields, local.answers);
        void saveNow();
      }
    } catch {
      /* a broken copy is ignored */
    }
    const onHide = () => document.visibilityState === "hidden" && void saveNow(true);
    document.addEventListener("visibilitychange", onHide);
    return () => document.removeEventListener("visibilitychange", onHide);
    // Runs once, on mount: the draft from the server is the starting point.
  }, []);

  function change(path: string, i: number, j: number, value: string) {
    const next = { ...latest.current, [path]: latest.current[path].map((row, a) => row.map((c, b) => (a === i && b === j ? value : c))) };
    setAnswers(next);
    latest.current = next;
    key.current = null;
    try {
      localStorage.setItem(storageKey, JSON.stringify({ savedAt: Date.now(), answers: next }));
    } catch {
      /* storage full or disabled: the server copy still works */
    }
    clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(() => void saveNow(), 800);
    schedulePreview(path, i, j, value);
  }

  function schedulePreview(path: string, i: number, j: number, value: string) {
    clearTimeout(previewTimer.current);
    const cell = `${path}[${i}][${j}]`;
    if (value.trim() === "") {
      setPreview({ path, ok: true, text: text.previewEmpty });
      setInvalid((v) => ({ ...v, [cell]: false }));
      return;
    }
    previewTimer.current = setTimeout(async () => {
      try {
        const res = await fetch("/api/preview", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: value }) });
        if (res.status === 401) return setBanner("expired");
        const body = (await res.json()) as { ok: boolean; display?: string; message?: string };
        setPreview({ path, ok: body.ok, text: body.ok ? `= ${body.display}` : (body.message ?? "") });
        setInvalid((v) => ({ ...v, [cell]: !body.ok }));
      } catch {
        /* preview is a convenience; typing goes on */
      }
    }, 250);
  }

  const cellId = (f: number, i: number, j: number) => `cell-${variantId}-${f}-${i}-${j}`;
  const focusCell = (f: number, i: number, j: number) => document.getElementById(cellId(f, i, j))?.focus();
  /** A cell as its input is labelled: "A^1 row 1, column 2" (i, j from 0). */
  const cellName = (f: QuantityField, i: number, j: number) => fill(text.cellLabel, { q: f.labelText, r: i + 1, c: j + 1 });

  function onKey(e: KeyboardEvent<HTMLInputElement>, f: number, i: number, j: number) {
    // Keys belong to the input method while it composes (Japanese, Chinese, Korean input), and to the browser with modifiers.
    if (e.nativeEvent.isComposing || e.keyCode === 229 || e.altKey || e.ctrlKey || e.metaKey) return;
    const field = fields[f];
    const input = e.currentTarget;
    const atStart = input.selectionStart === 0 && input.selectionEnd === 0;
    const atEnd = input.selectionStart === input.value.length;
    const next = () => (j + 1 < field.cols ? focusCell(f, i, j + 1) : i + 1 < field.rows ? focusCell(f, i + 1, 0) : f + 1 < fields.length && focusCell(f + 1, 0, 0));
    const prev = () => (j > 0 ? focusCell(f, i, j - 1) : i > 0 ? focusCell(f, i - 1, field.cols - 1) : f > 0 && focusCell(f - 1, fields[f - 1].rows - 1, fields[f - 1].cols - 1));
    if (e.key === "Enter") {
      e.preventDefault();
      next();
    } else if (e.key === "ArrowRight" && atEnd) {
      e.preventDefault();
      next();
    } else if (e.key === "ArrowLeft" && atStart) {
      e.preventDefault();
      prev();
    } else if (e.key === "ArrowDown") {
      e.preventDefault();
      if (i + 1 < field.rows) focusCell(f, i + 1, j);
      else if (f + 1 < fields.length) focusCell(f + 1, 0, Math.min(j, fields[f + 1].cols - 1));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      if (i > 0) focusCell(f, i - 1, j);
      else if (f > 0) focusCell(f - 1, fields[f - 1].rows - 1, Math.min(j, fields[f - 1].cols - 1));
    }
  }

  async function applyPaste(f: QuantityField, raw: string) {
    const res = await fetch("/api/preview", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ matrix: raw, rows: f.rows, cols: f.cols }) });
    if (res.status === 401) return setBanner("expired");
    const body = (await res.json()) as { ok: boolean; cells?: string[][]; message?: string };
    if (!body.ok || !body.cells) return setErrors((e) => ({ ...e, [f.path]: body.message ?? "" }));
    setErrors((e) => ({ ...e, [f.path]: "" }));
    body.cells.forEach((row, i) => row.forEach((c, j) => change(f.path, i, j, c)));
    setPasteOpen(null);
  }

  async function submit() {
    if (busy) return;
    if (!navigator.webdriver && !window.confirm(text.confirmSubmit)) return;
    setBusy(true);
    setBanner(null);
    setSubmitNote("");
    // One key per set of answers: a retry, automatic or clicked, of the same answers is the same attempt.
    key.current ??= crypto.randomUUID();
    const payload = JSON.stringify({ answers: latest.current, idempotencyKey: key.current });
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
      const byField: Record<string, string> = {};
      for (const [where, message] of Object.entries(body.errors)) {
        const f = fields.find((x) => where === x.path || where.startsWith(`${x.path}[`));
        // Name the cell the way its input is labelled ("A^1 row 1, column 2"), not by its path.
        const cell = f && /^\[(\d+)\]\[(\d+)\]$/.exec(where.slice(f.path.length));
        const place = cell ? cellName(f, Number(cell[1]), Number(cell[2])) : (f?.labelText ?? where);
        byField[f?.path ?? "form"] = `${place}: ${message}`;
      }
      setErrors(byField);
      const first = fields.findIndex((f) => byField[f.path]);
      if (first >= 0) focusCell(first, 0, 0);
    } else if (body.message) setErrors({ form: body.message });
    else setBanner("error");
    setBusy(false);
  }

  const status = { idle: "", saving: text.saving, saved: text.saved, retrying: fill(text.saveRetrying, { s: retryIn }), failed: text.saveFailed, offline: text.offline }[save];
  return (
    <div className="answer-entry">
      {fields.map((f, fi) => (
        <div key={f.path}>
          {fi === 0 || fields[fi - 1].group !== f.group ? <h3 className="field-group">{f.group}</h3> : null}
          <fieldset className="quantity" data-path={f.path} aria-describedby={errors[f.path] ? `err-${fi}` : undefined}>
            <legend>
              <span aria-hidden="true" dangerouslySetInnerHTML={{ __html: f.labelHtml }} />
              <span className="visually-hidden">{f.labelText}</span>
            </legend>
            <div className="grid-scroll">
              <div className="cell-grid" style={{ gridTemplateColumns: `repeat(${f.cols}, minmax(4.5rem, 7rem))` }}>
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
                      aria-invalid={invalid[`${f.path}[${i}][${j}]`] || undefined}
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
              <p id={`err-${fi}`} className="error-text" role="alert">
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
          <button type="button" className="button" onClick={() => void submit()} disabled={busy} aria-describedby="attempts-left">
            {busy ? text.submitting : text.submit}
          </button>{" "}
          <span id="attempts-left">{fill(text.attemptsLeft, { n: attemptsLeft })}</span>
        </p>
      ) : null}
    </div>
  );
}

function PasteBox({ id, hint, label, apply, onApply }: { id: string; hint: string; label: string; apply: string; onApply: (raw: string) => void }) {
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
