"use client";
// The answer form's draft: its grids, saved as you type with growing, jittered pauses between failed tries, and kept in this browser.
//
// A save that fails says so (aria-live) and is retried until it succeeds; leaving the page asks for
// confirmation while entries are unsaved. Each cell remembers when it was typed; a save or a pull
// of the draft brings in every cell the server has that is newer than this browser's
// (lib/course/draft-merge.ts), so two browsers of one student end with the newest entries in both,
// and the copy kept in this browser never overwrites newer work from elsewhere.
import { useCallback, useEffect, useRef, useState } from "react";
import { localCopyOf, shownOf, storedOf, takeNewer } from "@/app/_lib/entry-grids";
import { shiftTimes, type Cells, type Times } from "@/lib/course/draft-merge";
import { backoff, cellIdOf, fill, transient, type Answers, type QuantityField } from "./common";

export type SaveState = "idle" | "saving" | "saved" | "retrying" | "failed" | "offline";

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

export interface DraftSyncOptions {
  variantId: string;
  fields: QuantityField[];
  /** The saved draft in the contract's shape, when each cell was typed (server clock), and the server's now when the page was made. */
  initial: Cells;
  initialTimes: Times;
  serverNow?: number;
  readOnly: boolean;
  /** The note for cells brought in from elsewhere ({n}). */
  pulled: string;
  /** The server answered 401. */
  onExpired: () => void;
  /** Cells (by cellKey, as shown) whose text a draft from elsewhere replaced. */
  onReplaced: (cells: Set<string>) => void;
}

export function useDraftSync({ variantId, fields, initial, initialTimes, serverNow, readOnly, pulled, onExpired, onReplaced }: DraftSyncOptions) {
  const [answers, setAnswers] = useState<Answers>(() => shownOf(fields, initial, ""));
  const [save, setSave] = useState<SaveState>("idle");
  const [retryIn, setRetryIn] = useState(0);
  const [pulledNote, setPulledNote] = useState("");
  // The callbacks as of the latest render, so that the saves and pulls below keep their identity.
  const on = useRef({ onExpired, onReplaced });
  on.current = { onExpired, onReplaced };
  const saveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const retryTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** Failed saves in a row (the back-off grows with it); a save in flight; entries changed since it was sent. */
  const failures = useRef(0);
  const inFlight = useRef(false);
  const dirty = useRef(false);
  const saveState = useRef<SaveState>("idle");
  saveState.current = save;
  const latest = useRef(answers);
  latest.current = answers;
  /** When each cell (as shown) was typed, on this browser's clock. The server's times are moved onto it by the server's "now". */
  const [times] = useState(() => ({ current: shownOf(fields, shiftTimes(initialTimes, serverNow === undefined ? 0 : Date.now() - serverNow), 0) }));
  const storageKey = `handprop:draft:${variantId}`;

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
      const taken = takeNewer(fields, { answers: latest.current, times: times.current }, draft, (fi, i, j) => cellIdOf(variantId, fi, i, j) === typing);
      times.current = taken.times;
      const took = taken.replaced.length;
      if (took) {
        latest.current = taken.answers;
        setAnswers(taken.answers);
        keepLocal();
        // What the preview said of a cell no longer holds once another browser's entry replaced it.
        on.current.onReplaced(new Set(taken.replaced.map((c) => c.key)));
      }
      return { took, ahead: taken.ahead };
    },
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
        if (took) setPulledNote(fill(pulled, { n: took }));
        if (dirty.current) return saveNow();
        return setSave("saved");
      }
      if (status === 401) on.current.onExpired();
      // Retrying the same body will not help a refusal (signed out, too large): say it is not saved, and keep the local copy.
      // A 409 is another save of this draft winning a race many times over: worth the same retry.
      if (!transient(status) && status !== 409) return setSave("failed");
      failures.current += 1;
      const wait = backoff(failures.current);
      setRetryIn(Math.max(1, Math.round(wait / 1000)));
      setSave("retrying");
      retryTimer.current = setTimeout(() => void saveNow(), wait);
    },
    [variantId, fields, fromServer, pulled],
  );

  /** Reads the draft back (another browser may have typed since), brings in what is newer, and saves what this browser holds newer. */
  const pull = useCallback(async () => {
    // While a save of this browser is pending, its answer brings in the server's cells anyway.
    if (readOnly || inFlight.current || dirty.current || document.visibilityState === "hidden") return;
    if (saveState.current === "retrying" || saveState.current === "failed" || saveState.current === "offline") return;
    const sentAt = Date.now();
    try {
      const res = await fetch(`/api/variants/${variantId}/draft`, { cache: "no-store" });
      if (res.status === 401) return on.current.onExpired();
      if (!res.ok) return;
      const { took, ahead } = fromServer((await res.json()) as { answers?: Cells; times?: Times; now?: number }, sentAt);
      if (took) setPulledNote(fill(pulled, { n: took }));
      if (ahead) void saveNow();
    } catch {
      /* offline: the next focus or the next period tries again */
    }
  }, [readOnly, variantId, fromServer, pulled, saveNow]);

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
    keepLocal();
    clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(() => void saveNow(), 800);
  }

  /** Drops the copy kept in this browser (the answers were submitted). */
  const forgetLocal = () => localStorage.removeItem(storageKey);

  return { answers, latest, save, retryIn, pulledNote, setCells, forgetLocal };
}
