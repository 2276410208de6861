"use client";
// "Skip to the first answer cell": a link to the cell (it works without JavaScript, as an anchor),
// which also puts the keyboard's focus in it, so typing starts at once.
export function SkipToCells({ cellId, label }: { cellId: string; label: string }) {
  return (
    <a
      className="skip-link"
      href={`#${cellId}`}
      data-testid="skip-to-cells"
      onClick={(e) => {
        const cell = document.getElementById(cellId);
        if (!cell) return;
        e.preventDefault();
        cell.focus();
        cell.scrollIntoView({ block: "center" });
      }}
    >
      {label}
    </a>
  );
}
