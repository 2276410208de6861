// Which step a quantity belongs to: a heading says so, or the page's order does (a forward pass after an update starts the next step).

export type Phase = "forward" | "loss" | "backward" | "update";

/** The step a quantity goes to: an index, "after" for the loss after the last update, or null (a value of no step). */
export type Placement = number | "after" | null;

export class StepCursor {
  private step = 0;
  private updated = false;
  private readonly written = new Set<string>();
  constructor(private readonly steps: number) {}

  /** The step values are placed in now. */
  current(): number {
    return this.step;
  }

  /** A heading naming step k (1-based) moves there. */
  heading(k: number): void {
    if (k < 1 || k > this.steps) return;
    this.move(k - 1);
  }

  /**
   * A quantity met now. After an update, a forward value, the loss, or a backward value written
   * again begins the next step; after the last step the loss is the loss after the update, and a
   * forward value is only the check of it (no step).
   */
  place(phase: Phase, name: string, lossAfter = false): Placement {
    if (lossAfter) return this.lossAfter();
    const begins = this.updated && (phase === "forward" || phase === "loss" || (phase === "backward" && this.written.has(name)));
    if (begins) {
      if (this.step + 1 < this.steps) this.move(this.step + 1);
      else if (phase === "loss") return "after";
      else if (phase === "forward") return null;
    }
    if (phase === "update") this.updated = true;
    this.written.add(name);
    return this.step;
  }

  /** The loss after the update: the next step's loss, or loss_after after the last one. */
  private lossAfter(): Placement {
    if (this.step + 1 >= this.steps) return "after";
    this.move(this.step + 1);
    this.written.add("loss");
    return this.step;
  }

  private move(step: number): void {
    this.step = step;
    this.updated = false;
    this.written.clear();
  }
}

const HEADINGS = [
  /\b(?:step|iteration|iter|epoch|update|round|pass)\s*#?\s*(\d{1,2})\b/i,
  /第\s*(\d{1,2})\s*(?:ステップ|回目?|反復|更新|イテレーション)/,
  /(\d{1,2})\s*(?:回目|番目の更新|번째|단계|회차|차 업데이트)/,
  /(?:ステップ|반복|단계|스텝)\s*(\d{1,2})/,
];

/** The step number a prose line announces ("Step 2", "2回目", "2번째 업데이트"), if any. */
export function stepHeading(line: string): number | null {
  if (line.length > 120) return null;
  for (const re of HEADINGS) {
    const m = re.exec(line);
    if (m) return Number(m[1]);
  }
  return null;
}

/** Prose that announces the loss after the update. */
const LOSS_AFTER = /loss after (?:the |an |one )?updat|updated loss|new loss|loss (?:with|using) the (?:new|updated)|更新後の(?:損失|誤差|ロス|交差エントロピー)|(?:업데이트|갱신) 후(?:의)? (?:손실|오차|로스)/i;

export const announcesLossAfter = (line: string): boolean => line.length <= 200 && LOSS_AFTER.test(line);

/** Prose that announces updated parameters ("更新後の W", "업데이트된 가중치", "new weights"). */
const UPDATE_PROSE = /updated (?:weights?|bias(?:es)?|parameters?)|new (?:weights?|bias(?:es)?|parameters?)|更新後の(?:重み|パラメータ|バイアス)|(?:업데이트|갱신)(?:된| 후의?) (?:가중치|편향|파라미터)/i;

export const announcesUpdate = (line: string): boolean => line.length <= 200 && UPDATE_PROSE.test(line);
