"use client";
// Opens the browser's print dialog; the print stylesheet (app/styles/print.css) turns the page
// into the data and empty boxes to work on paper.
export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" className="button secondary print-button" onClick={() => window.print()}>
      {label}
    </button>
  );
}
