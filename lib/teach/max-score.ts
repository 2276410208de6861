// The most an exercise can score, read from its template: the grader gives each asked quantity
// its points (1 unless the template says otherwise), so the maximum is known before anyone submits.
import { readExercise } from "../exercises/instance";
import { computationOrder, type Quantity } from "../exercises/quantities";
import { readGradingSettings, readTemplate, type Template } from "../exercises/template";

/** How many steps the exercise has and which of its layers have a bias. */
function shapeOf(template: Template): { steps: number; hasBias: boolean[] } {
  if (template.fixed) {
    const net = readExercise(template.fixed as Parameters<typeof readExercise>[0]);
    return { steps: net.steps, hasBias: net.layers.map((l) => l.B !== undefined) };
  }
  const spec = template.random!;
  const layers = spec.sizes.length - 1;
  // A layer has a bias when the template asks for one and says how to draw it (as the draw does).
  const wants = (l: number) => (Array.isArray(spec.bias) ? spec.bias[l] : spec.bias) && spec.draw.bias !== undefined;
  return { steps: spec.steps, hasBias: Array.from({ length: layers }, (_, l) => Boolean(wants(l))) };
}

/** The asked quantities and their points: a fixed instance's own settings win over the template's, as in drawVariant. */
function gradingOf(template: Template): { asked: readonly Quantity[]; points: Partial<Record<Quantity, number>> } {
  const own = template.fixed ? readGradingSettings(template.fixed) : {};
  return { asked: own.asked ?? template.asked, points: own.points ?? template.points };
}

/** max_score of any variant of the template: Σ over asked quantities in computation order of their points. */
export function templateMaxScore(templateJson: string): number {
  const template = readTemplate(JSON.parse(templateJson));
  const { steps, hasBias } = shapeOf(template);
  const { asked, points } = gradingOf(template);
  const askedSet = new Set(asked);
  const total = computationOrder(steps, hasBias)
    .filter((ref) => askedSet.has(ref.quantity))
    .reduce((sum, ref) => sum + (points[ref.quantity] ?? 1), 0);
  // Rounded as the grader rounds max_score.
  return Math.round(total * 1000) / 1000;
}
