"use client";
// The buttons of the given-data panel (app/_components/given-panel.tsx): they open and close the
// panel they sit in by its data-open attribute, which the stylesheet reads (app/styles/given.css).
import { useEffect, useRef, useState } from "react";

const panelOf = (el: Element | null) => el?.closest<HTMLElement>(".given-panel") ?? null;
const toggleOf = (panel: HTMLElement | null) => panel?.querySelector<HTMLButtonElement>(".given-panel-toggle") ?? null;

/** Opens or closes the panel, and tells every button of it (they hold aria-expanded through the attribute). */
function setOpen(panel: HTMLElement | null, open: boolean) {
  if (!panel) return;
  panel.dataset.open = open ? "true" : "false";
  panel.dispatchEvent(new CustomEvent("given-panel", { detail: open }));
  if (!open) toggleOf(panel)?.focus();
}

export function GivenPanelButtons({ label, closeLabel, part }: { label: string; closeLabel: string; part: "toggle" | "close" }) {
  const ref = useRef<HTMLButtonElement>(null);
  const [open, setShown] = useState(false);

  useEffect(() => {
    const panel = panelOf(ref.current);
    if (!panel) return;
    const onChange = (e: Event) => setShown((e as CustomEvent<boolean>).detail);
    panel.addEventListener("given-panel", onChange);
    return () => panel.removeEventListener("given-panel", onChange);
  }, []);

  // Esc closes the open panel (one listener: the toggle's).
  useEffect(() => {
    if (!open || part !== "toggle") return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(panelOf(ref.current), false);
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open, part]);

  if (part === "close")
    return (
      <button ref={ref} type="button" className="button secondary given-panel-close" onClick={() => setOpen(panelOf(ref.current), false)}>
        {closeLabel}
      </button>
    );
  return (
    <button ref={ref} type="button" className="button secondary given-panel-toggle" aria-expanded={open} aria-controls="given-panel-body" onClick={() => setOpen(panelOf(ref.current), !open)}>
      {label}
    </button>
  );
}
