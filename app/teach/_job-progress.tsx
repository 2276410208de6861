"use client";
// A running job's progress ("Regrading: 120 of 300"), polled from /api/jobs/:id every second; when
// the job ends the page is refreshed (new grades and history, or the import's report). Texts come
// from the server in the reader's language, with {done} and {total} filled in here.
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

export interface JobState {
  status: "queued" | "running" | "done" | "failed";
  done: number;
  total: number;
}

const fill = (template: string, values: Record<string, number>) => template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ""));
const POLL_MS = 1_000;

export function JobProgress({ jobId, initial, text }: { jobId: string; initial: JobState; text: { queued: string; running: string; finished: string } }) {
  const router = useRouter();
  const [state, setState] = useState(initial);
  const [tick, setTick] = useState(0);
  const ended = state.status === "done" || state.status === "failed";

  useEffect(() => {
    if (ended) return;
    let live = true;
    const timer = setTimeout(async () => {
      try {
        const r = await fetch(`/api/jobs/${encodeURIComponent(jobId)}`, { cache: "no-store", headers: { accept: "application/json" } });
        if (r.ok && live) {
          const next = (await r.json()) as JobState;
          setState({ status: next.status, done: next.done, total: next.total });
          if (next.status === "done" || next.status === "failed") router.refresh();
        }
      } catch {
        // Offline for a moment: the next poll tries again.
      }
      if (live) setTick((n) => n + 1);
    }, POLL_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [ended, jobId, router, tick]);

  const label = state.status === "queued" ? text.queued : ended ? text.finished : fill(text.running, { done: state.done, total: state.total });
  return (
    <div role="status" aria-live="polite" className="notice" data-testid="job-progress" data-status={state.status}>
      <progress value={state.done} max={Math.max(1, state.total)} aria-hidden="true" /> {label}
    </div>
  );
}
