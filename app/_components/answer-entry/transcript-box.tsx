"use client";
// "Paste your written solution": the student pastes (or opens a .md/.tex/.txt file of) the
// transcript of their hand calculation; the server reads it against their own exercise
// (app/api/variants/[id]/read), and the form fills the grids it found, never overwriting typed
// cells without asking. The lines that fit nowhere are listed for placing by hand. Nothing is
// submitted: the student checks the grids and submits as usual.
import { useState } from "react";
import { fill } from "./common";

export interface TranscriptText {
  title: string;
  hint: string;
  label: string;
  file: string;
  read: string;
  reading: string;
  filled: string;
  nothing: string;
  overwrite: string;
  unread: string;
  failed: string;
  /** "line {line}" */
  line: string;
  /** "from line {line}: {text}", under a filled grid */
  from: string;
}

export interface WrittenReading {
  answers: Record<string, string[][]>;
  sources: { path: string; line: number; text: string }[];
  unread: { line: number; text: string }[];
}

export function TranscriptBox({ variantId, text, onReading }: { variantId: string; text: TranscriptText; onReading: (r: WrittenReading) => number | null }) {
  const [transcript, setTranscript] = useState("");
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [unread, setUnread] = useState<WrittenReading["unread"]>([]);

  async function read() {
    setBusy(true);
    setNote(null);
    try {
      const res = await fetch(`/api/variants/${variantId}/read`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ transcript }) });
      const body = (await res.json().catch(() => null)) as (WrittenReading & { message?: string }) | null;
      if (!res.ok || !body?.answers) return setNote(body?.message ?? text.failed);
      setUnread(body.unread);
      const filled = onReading(body);
      setNote(filled === null ? null : filled ? fill(text.filled, { n: filled }) : text.nothing);
    } catch {
      setNote(text.failed);
    } finally {
      setBusy(false);
    }
  }

  return (
    <details className="transcript-box">
      <summary>{text.title}</summary>
      <p className="hint">{text.hint}</p>
      <label>
        {text.label}
        <textarea rows={6} value={transcript} onChange={(e) => setTranscript(e.target.value)} data-testid="transcript" />
      </label>
      <label>
        {text.file}
        <input type="file" accept=".md,.markdown,.tex,.txt,text/markdown,text/plain" onChange={async (e) => setTranscript((await e.target.files?.[0]?.text()) ?? transcript)} />
      </label>
      <button type="button" className="button secondary" onClick={() => void read()} disabled={busy || !transcript.trim()}>
        {busy ? text.reading : text.read}
      </button>
      {note ? (
        <p role="status" className="notice" data-testid="transcript-note">
          {note}
        </p>
      ) : null}
      {unread.length ? (
        <div data-testid="transcript-unread">
          <p>{text.unread}</p>
          <ul>
            {unread.map((u) => (
              <li key={u.line}>
                {fill(text.line, { line: u.line })}: <code>{u.text}</code>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </details>
  );
}
