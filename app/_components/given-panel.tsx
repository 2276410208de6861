"use client";
// The given data kept in view while the student types. On a wide screen it is a sticky column
// beside the grids (CSS only: the button is hidden and the body always shown). On a narrow one it
// is a button at the top of the screen that opens the data in place, over the page; Esc or the
// close button shuts it and gives focus back to the button.
import { useEffect, useRef, useState, type ReactNode } from "react";

export function GivenPanel({ label, closeLabel, children }: { label: string; closeLabel: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      toggle.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  function close() {
    setOpen(false);
    toggle.current?.focus();
  }

  return (
    <aside className="given-panel" aria-label={label} data-open={open ? "true" : "false"}>
      <button ref={toggle} type="button" className="button secondary given-panel-toggle" aria-expanded={open} aria-controls="given-panel-body" onClick={() => setOpen(!open)}>
        {label}
      </button>
      <div id="given-panel-body" className="given-panel-body" tabIndex={0}>
        {children}
        <button type="button" className="button secondary given-panel-close" onClick={close}>
          {closeLabel}
        </button>
      </div>
    </aside>
  );
}
