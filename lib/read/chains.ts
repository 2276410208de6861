// The page as a sequence of chains (a fragment opening with "=" continues the chain before it), step headings and unreadable fragments.
import { pieces } from "./markdown";
import { announcesLossAfter, announcesUpdate, stepHeading } from "./order";
import { statementsOf, type Link, type Statement } from "./statements";
import { texTree, type TexNode } from "./tex";

/** A math fragment: its TeX and where it starts in the transcript. */
export interface Fragment {
  tex: string;
  start: number;
}

/** Nodes of one fragment. */
export interface Part {
  nodes: TexNode[];
  frag: Fragment;
}

export interface ChainMember extends Part {
  link: Link;
}

export interface Chain {
  /** Its place in the page (chains are numbered in order). */
  index: number;
  lhs: Part;
  members: ChainMember[];
  aside: boolean;
  /** The prose just before announced updated parameters. */
  updateCue: boolean;
  /** The prose before announced the loss after the update (kept until a loss takes it). */
  lossAfterCue: boolean;
}

export type PageEvent = { kind: "chain"; chain: Chain } | { kind: "heading"; step: number } | { kind: "broken"; start: number };

/** The chains of a transcript in page order, with the headings and fragments too deep to read between them. */
export function pageEvents(text: string, multiStep: boolean): PageEvent[] {
  const events: PageEvent[] = [];
  const state: State = { target: null, updateCue: false, lossAfterCue: false, count: 0 };
  for (const piece of pieces(text)) {
    if (piece.kind === "prose") {
      state.target = null;
      const step = multiStep ? stepHeading(piece.text) : null;
      if (step !== null) {
        events.push({ kind: "heading", step });
        state.lossAfterCue = false;
      }
      if (announcesLossAfter(piece.text)) state.lossAfterCue = true;
      if (announcesUpdate(piece.text)) state.updateCue = true;
      continue;
    }
    const frag = { tex: piece.tex, start: piece.start };
    const tree = texTree(piece.tex);
    const statements = tree && statementsOf(tree);
    if (!statements) {
      events.push({ kind: "broken", start: piece.start });
      state.target = null;
      continue;
    }
    addFragment(frag, statements, events, state);
    state.updateCue = false;
  }
  return events;
}

interface State {
  target: Chain | null;
  updateCue: boolean;
  lossAfterCue: boolean;
  count: number;
}

/** One fragment's statements: a leading "= …" continues the chain of the fragment before (when only blank lines are between). */
function addFragment(frag: Fragment, statements: Statement[], events: PageEvent[], state: State): void {
  const own: Chain[] = [];
  for (const st of statements) {
    const members = st.members.map((m) => ({ nodes: m.nodes, link: m.link, frag }));
    if (st.lhs.length === 0 && own.length === 0 && state.target) {
      state.target.members.push(...members);
      continue;
    }
    const chain: Chain = {
      index: state.count++,
      lhs: { nodes: st.lhs, frag },
      members,
      aside: st.aside,
      updateCue: state.updateCue,
      lossAfterCue: state.lossAfterCue,
    };
    own.push(chain);
    events.push({ kind: "chain", chain });
  }
  // The next fragment continues this one's main chain: its last one not written aside (after \quad).
  const main = own.filter((c) => !c.aside);
  if (main.length > 0) state.target = main[main.length - 1];
  else if (own.length > 0 && !state.target) state.target = own[own.length - 1];
}

/** The loss-after cue is taken by the first loss after it. */
export function takeLossAfterCue(events: PageEvent[], from: number): void {
  for (let k = from + 1; k < events.length; k++) {
    const e = events[k];
    if (e.kind === "heading") return;
    if (e.kind === "chain") {
      if (!e.chain.lossAfterCue) return;
      e.chain.lossAfterCue = false;
    }
  }
}
