"use client";
// The answer form's live preview: what the server reads a cell as (shortly after typing), which cells it could not read, and pasted matrices read.
import { useCallback, useRef, useState, type RefObject } from "react";
import { cellKey } from "@/app/_lib/entry-cells";
import { without, type Answers } from "./common";

export interface PreviewOptions {
  /** The grids as they are now (a cell that changed while it was read gets its own preview). */
  latest: RefObject<Answers>;
  /** What the preview says of an empty cell. */
  previewEmpty: string;
  /** The server answered 401. */
  onExpired: () => void;
}

export function usePreview({ latest, previewEmpty, onExpired }: PreviewOptions) {
  const [preview, setPreview] = useState<{ path: string; ok: boolean; text: string } | null>(null);
  /** Cells the preview could not read (by shown place), with what it said. */
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const previewTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  /** Forgets what the preview said of the cells `drop` names (their text changed). */
  const forget = useCallback((drop: (cell: string) => boolean) => setInvalid((v) => without(v, drop)), []);

  /** Previews a cell's text shortly (an empty one at once); a newer call replaces one still waiting. */
  function schedule(path: string, i: number, j: number, value: string) {
    clearTimeout(previewTimer.current);
    const cell = cellKey(path, i, j);
    if (value.trim() === "") {
      setPreview({ path, ok: true, text: previewEmpty });
      setInvalid((v) => without(v, (k) => k === cell));
      return;
    }
    previewTimer.current = setTimeout(async () => {
      try {
        const res = await fetch("/api/preview", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: value }) });
        if (res.status === 401) return onExpired();
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

  /** A pasted matrix, read by the server in the grid's shape as shown (a column-layout quantity takes a column): its cells as written, or why not; nothing when signed out. */
  async function readMatrix(raw: string, rows: number, cols: number) {
    const res = await fetch("/api/preview", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ matrix: raw, rows, cols }) });
    if (res.status === 401) return void onExpired();
    return (await res.json()) as { ok: boolean; cells?: string[][]; message?: string };
  }

  return { preview, invalid, forget, schedule, readMatrix };
}
