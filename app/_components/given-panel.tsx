// The given data kept in view while the student types. On a wide screen it is a sticky column
// beside the grids (CSS only: the buttons are hidden and the body always shown). On a narrow one it
// is a button at the top of the screen that opens the data in place, over the page; Esc or the
// close button shuts it and gives focus back to the button.
//
// The panel and its data are server markup; only the two buttons are a client island
// (GivenPanelButtons), so the data is sent once, in the HTML, and not again in the page's payload.
import type { ReactNode } from "react";
import { GivenPanelButtons } from "./given-panel-buttons";

export function GivenPanel({ label, closeLabel, bodyHtml }: { label: string; closeLabel: string; bodyHtml: string }): ReactNode {
  return (
    <aside className="given-panel" aria-label={label} data-open="false">
      <GivenPanelButtons label={label} closeLabel={closeLabel} part="toggle" />
      <div id="given-panel-body" className="given-panel-body" tabIndex={0}>
        <div dangerouslySetInnerHTML={{ __html: bodyHtml }} />
        <GivenPanelButtons label={label} closeLabel={closeLabel} part="close" />
      </div>
    </aside>
  );
}
