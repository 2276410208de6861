// The template builder: fill in the network and how its numbers are drawn; the page shows three
// variants with their full worked solutions and warns about the draws it had to reject.
import Link from "next/link";
import { redirect } from "next/navigation";
import { Given } from "@/app/_components/given";
import { WorkedSolution } from "@/app/_components/worked-solution";
import { orNotFound } from "@/app/_lib/guard";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { QUANTITIES } from "@/lib/exercises/quantities";
import { courseTaughtBy } from "@/lib/teach/access";
import { InvalidInputError, previewTemplate, solvedPreview, templateFromForm, type BuilderForm } from "@/lib/teach/builder";
import { createSet } from "@/lib/teach/sets";
import { requireInstructorPage } from "../../../_guard";

export const metadata = { title: "Template builder" };

const field = (sp: BuilderForm, k: string, d: string) => {
  const v = sp[k];
  return (Array.isArray(v) ? v[0] : v) ?? d;
};

export default async function Builder({ params, searchParams }: { params: Promise<{ courseId: string }>; searchParams: Promise<BuilderForm> }) {
  const { courseId } = await params;
  const sp = await searchParams;
  const actor = await requireInstructorPage(`/teach/courses/${courseId}/builder`);
  const course = await orNotFound(courseTaughtBy(prisma, actor, courseId));
  const submitted = sp.preview !== undefined;
  let template, error: string | undefined, previews;
  if (submitted) {
    try {
      template = templateFromForm(sp);
      previews = previewTemplate(template);
    } catch (e) {
      if (e instanceof InvalidInputError) error = e.message;
      else throw e;
    }
  }

  async function useTemplate(form: FormData) {
    "use server";
    const a = await requireInstructorPage(`/teach/courses/${courseId}/builder`);
    let set;
    try {
      set = await createSet(prisma, a, courseId, { title: form.get("setTitle"), templatesJson: [String(form.get("templateJson"))], attemptsAllowed: form.get("attemptsAllowed"), revealPolicy: "after_last_attempt_or_due", carriedCredit: 1 });
    } catch (e) {
      if (e instanceof AppError) redirect(`/teach/courses/${courseId}?error=${encodeURIComponent(e.message)}`);
      throw e;
    }
    redirect(`/teach/sets/${set.id}`);
  }

  const text = (name: string, label: string, d: string, hint?: string) => (
    <label>
      {label}
      <input name={name} defaultValue={field(sp, name, d)} aria-describedby={hint ? `${name}-hint` : undefined} />
      {hint ? <small id={`${name}-hint`}>{hint}</small> : null}
    </label>
  );
  return (
    <>
      <p>
        <Link href={`/teach/courses/${courseId}`}>← {course.title}</Link>
      </p>
      <h1>Template builder</h1>
      <form method="get" className="stack-form">
        <input type="hidden" name="preview" value="1" />
        {text("title", "Title", "Custom exercise")}
        {text("sizes", "Layer sizes", "2,3,3,2", "inputs first, e.g. 2,3,3,2")}
        {text("activations", "Activations", "relu,relu,softmax", "one per layer: identity, relu, leaky_relu, sigmoid, tanh, softmax")}
        <label>
          Loss
          <select name="loss" defaultValue={field(sp, "loss", "cross_entropy")}>
            {["cross_entropy", "binary_cross_entropy", "mse", "half_sse", "sse"].map((l) => (
              <option key={l}>{l}</option>
            ))}
          </select>
        </label>
        <label>
          Layout
          <select name="layout" defaultValue={field(sp, "layout", "row")}>
            <option value="row">row (A = XW + B)</option>
            <option value="column">column (z = Wx + b)</option>
          </select>
        </label>
        <label>
          Biases
          <input type="checkbox" name="bias" value="1" defaultChecked={!submitted || !!sp.bias} />
        </label>
        {text("batch", "Batch size", "1")}
        {text("learningRate", "Learning rate η", "0.1")}
        {text("steps", "Steps", "1")}
        {text("weightsMin", "Weights from", "-2")}
        {text("weightsMax", "to", "2")}
        {text("weightsStep", "in steps of", "1")}
        {text("biasesMin", "Biases from", "-2")}
        {text("biasesMax", "to", "2")}
        {text("biasesStep", "in steps of", "1")}
        {text("inputsMin", "Inputs from", "-2")}
        {text("inputsMax", "to", "2")}
        {text("inputsStep", "in steps of", "1")}
        <label>
          Targets
          <select name="targets" defaultValue={field(sp, "targets", "one_hot")}>
            <option value="one_hot">one-hot</option>
            <option value="range">drawn from a range (−1 to 1)</option>
          </select>
        </label>
        <label>
          Tolerance
          <select name="tolerance" defaultValue={field(sp, "tolerance", "default")}>
            <option value="default">max(0.005, 1%)</option>
            <option value="sig_figs">significant figures</option>
            <option value="custom">relative / absolute</option>
          </select>
        </label>
        {text("sigFigs", "Significant figures", "3")}
        {text("maxMagnitude", "Largest value allowed", "100")}
        <fieldset>
          <legend>Quantities asked (none ticked: all) and points</legend>
          {QUANTITIES.map((q) => (
            <span key={q} style={{ display: "inline-flex", gap: "0.25rem", marginRight: "1rem" }}>
              <label style={{ flexDirection: "row", fontWeight: 400 }}>
                <input type="checkbox" name="asked" value={q} defaultChecked={([] as string[]).concat(sp.asked ?? []).includes(q)} /> {q}
              </label>
              <input name={`points_${q}`} aria-label={`points for ${q}`} size={2} defaultValue={field(sp, `points_${q}`, "1")} />
            </span>
          ))}
        </fieldset>
        <button type="submit" className="button">
          Preview
        </button>
      </form>
      {error ? (
        <p role="alert" className="error-text">
          {error}
        </p>
      ) : null}
      {template && previews ? (
        <section aria-labelledby="preview-heading">
          <h2 id="preview-heading">Preview: three variants</h2>
          {previews.map((p) => {
            const { net, trace } = solvedPreview(p.exercise);
            return (
              <details key={p.seed} open={p.seed === "preview-1"}>
                <summary>
                  Variant “{p.seed}”{p.rejected.length ? ` — ${p.rejected.length} draw(s) rejected first` : ""}
                </summary>
                {p.rejected.length ? (
                  <p className="notice" role="note">
                    Degenerate draws were redrawn: {[...new Set(p.rejected)].slice(0, 3).join("; ")}
                  </p>
                ) : null}
                <Given net={net} />
                <WorkedSolution net={net} trace={trace} />
              </details>
            );
          })}
          <h2>Use it</h2>
          <form action={useTemplate} className="stack-form">
            <input type="hidden" name="templateJson" value={JSON.stringify(template)} />
            <label>
              Problem set title
              <input name="setTitle" required defaultValue={template.title} />
            </label>
            <label>
              Attempts allowed
              <input type="number" name="attemptsAllowed" min={1} max={100} defaultValue={3} />
            </label>
            <button type="submit" className="button">
              Create a problem set with this exercise
            </button>
          </form>
          <details>
            <summary>The template as JSON (to share or to import)</summary>
            <pre style={{ overflowX: "auto" }} tabIndex={0}>
              {JSON.stringify(template, null, 2)}
            </pre>
          </details>
        </section>
      ) : null}
    </>
  );
}
