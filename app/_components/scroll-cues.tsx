"use client";
// Wide formulas scroll sideways in their own box (app/globals.css draws a shadow on the side where
// more is hidden). Rendered on the server, every formula box is a keyboard stop so that it can be
// scrolled without JavaScript; here a box is a stop only while it is cut at its edge, and then it is
// named ("Formula, scrolls sideways") for screen readers: a formula that fits costs no Tab.
// Mounted once by the root layout, it follows client navigations and resizes.
import { useEffect } from "react";

const MARK = "data-scroll-cue";

function mark(label: string) {
  for (const box of document.querySelectorAll<HTMLElement>(".math-block")) {
    // As axe and the browser count it: any hidden pixel makes a box scrollable.
    const cut = box.scrollWidth > box.clientWidth;
    if (cut) {
      box.tabIndex = 0;
      // A box its caller named keeps that name.
      if (!box.hasAttribute("aria-label") || box.hasAttribute(MARK)) {
        box.setAttribute("role", "group");
        box.setAttribute("aria-label", label);
        box.setAttribute(MARK, "");
      }
    } else {
      box.removeAttribute("tabindex");
      if (box.hasAttribute(MARK)) {
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
        box.removeAttribute(MARK);
      }
    }
  }
}

export function ScrollCues({ label }: { label: string }) {
  useEffect(() => {
    let queued = 0;
    const later = () => {
      if (queued) return;
      queued = requestAnimationFrame(() => {
        queued = 0;
        mark(label);
      });
    };
    mark(label);
    const resized = new ResizeObserver(later);
    resized.observe(document.documentElement);
    // New pages and previews (client navigation, a builder preview) bring new formulas.
    const changed = new MutationObserver(later);
    const main = document.getElementById("main") ?? document.body;
    changed.observe(main, { childList: true, subtree: true });
    return () => {
      resized.disconnect();
      changed.disconnect();
      cancelAnimationFrame(queued);
    };
  }, [label]);
  return null;
}
