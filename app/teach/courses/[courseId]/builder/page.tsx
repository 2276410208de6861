// The template builder: fill in the network and how its numbers are drawn; the page shows three
// variants with their full worked solutions and warns about the draws it had to reject.
import Link from "next/link";
import { Given } from "@/app/_components/given";
import { WorkedSolution } from "@/app/_components/worked-solution";
import { orNotFound, requireActor } from "@/app/_lib/guard";
import { prisma } from "@/lib/db/client";
import { QUANTITIES } from "@/lib/exercises/quantities";
import { getT } from "@/app/_lib/i18n.server";
import { courseTaughtBy } from "@/lib/access";
import { InvalidInputError, solvedPreview, templateFromForm, type BuilderForm } from "@/lib/teach/builder";
import { runTask } from "@/lib/workers/pool";
import { AppError } from "@/lib/errors";
import { useTemplateAction } from "../../../actions";
import type { TFunction } from "i18next";
import { reasonIn, type Locale } from "@/lib/i18n";

export async function generateMetadata() {
  const { t } = await getT();
  return { title: t("teach.builder.title") };
}

/** The builder's fields by the template key they fill, for naming the one at fault. */
const FIELD_OF_KEY: [RegExp, string][] = [
  [/^random\.sizes/, "teach.builder.sizes"],
  [/^random\.activations/, "teach.builder.activations"],
  [/^random\.draw\.weights/, "teach.builder.weightsFrom"],
  [/^random\.draw\.bias/, "teach.builder.biasesFrom"],
  [/^random\.draw\.inputs/, "teach.builder.inputsFrom"],
  [/^random\.draw\.targets/, "teach.builder.targets"],
  [/^random\.loss/, "teach.builder.loss"],
  [/^random\.batch/, "teach.builder.batch"],
  [/^random\.learning_rate/, "teach.builder.learningRate"],
  [/^random\.steps/, "teach.builder.steps"],
  [/^random\.max_magnitude/, "teach.builder.maxMagnitude"],
  [/^tolerance\.sig_figs/, "teach.builder.sigFigs"],
  // No variant could be drawn: the template as a whole.
  [/^random$/, "teach.builder.title"],
];

/** "Field: why", in the reader's language when the reason has a code (else the check's English);
 *  no variant found: with the reasons that rejected the draws most often, in that language too. */
function builderError(e: InvalidInputError, locale: Locale, t: TFunction): string {
  const label = FIELD_OF_KEY.find(([re]) => re.test(e.key))?.[1];
  return `${label ? t(label) : e.key}: ${e.why ? reasonIn(locale, e.why) : e.detail}`;
}

const field = (sp: BuilderForm, k: string, d: string) => {
  const v = sp[k];
  return (Array.isArray(v) ? v[0] : v) ?? d;
};

export default async function Builder({ params, searchParams }: { params: Promise<{ courseId: string }>; searchParams: Promise<BuilderForm> }) {
  const { courseId } = await params;
  const sp = await searchParams;
  const actor = await requireActor(`/teach/courses/${courseId}/builder`);
  // The builder makes problem sets: the course's instructors only (a TA too gets the 404 page).
  const course = await orNotFound(courseTaughtBy(prisma, actor, courseId));
  const { t, locale } = await getT();
  const submitted = sp.preview !== undefined;
  let template, error: string | undefined, previews;
  if (submitted) {
    try {
      template = templateFromForm(sp);
      // Drawn in the worker pool with a time limit: a template whose exact numbers explode (many
      // steps of a wide network) is stopped there, and no other request waits for it.
      const drawn = await runTask("builderPreview", { template });
      if (drawn.ok) previews = drawn.value;
      else error = builderError(new InvalidInputError(drawn.refusal.key, drawn.refusal.detail, undefined, drawn.refusal.why), locale, t);
    } catch (e) {
      if (e instanceof InvalidInputError) error = builderError(e, locale, t);
      else if (e instanceof AppError && e.say === "errors.tooSlow") error = `${t("teach.builder.title")}: ${t("teach.builder.tooSlow")}`;
      else throw e;
    }
  }

  const useTemplate = useTemplateAction.bind(null, courseId);

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
      <h1>{t("teach.builder.title")}</h1>
      <form method="get" className="stack-form">
        <input type="hidden" name="preview" value="1" />
        {text("title", t("teach.titleField"), t("teach.builder.defaultTitle"))}
        {text("sizes", t("teach.builder.sizes"), "2,3,3,2", t("teach.builder.sizesHint"))}
        {text("activations", t("teach.builder.activations"), "relu,relu,softmax", t("teach.builder.activationsHint"))}
        <label>
          {t("teach.builder.loss")}
          <select name="loss" defaultValue={field(sp, "loss", "cross_entropy")}>
            {["cross_entropy", "binary_cross_entropy", "mse", "half_sse", "sse"].map((l) => (
              <option key={l} value={l}>
                {t(`names.loss.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("teach.builder.layout")}
          <select name="layout" defaultValue={field(sp, "layout", "row")}>
            <option value="row">{t("teach.builder.layoutRow")}</option>
            <option value="column">{t("teach.builder.layoutColumn")}</option>
          </select>
        </label>
        <label>
          {t("teach.builder.biases")}
          <input type="checkbox" name="bias" value="1" defaultChecked={!submitted || !!sp.bias} />
        </label>
        {text("batch", t("teach.builder.batch"), "1")}
        {text("learningRate", t("teach.builder.learningRate"), "0.1")}
        {text("steps", t("teach.builder.steps"), "1")}
        {text("weightsMin", t("teach.builder.weightsFrom"), "-2")}
        {text("weightsMax", t("teach.builder.to"), "2")}
        {text("weightsStep", t("teach.builder.inStepsOf"), "1")}
        {text("biasesMin", t("teach.builder.biasesFrom"), "-2")}
        {text("biasesMax", t("teach.builder.to"), "2")}
        {text("biasesStep", t("teach.builder.inStepsOf"), "1")}
        {text("inputsMin", t("teach.builder.inputsFrom"), "-2")}
        {text("inputsMax", t("teach.builder.to"), "2")}
        {text("inputsStep", t("teach.builder.inStepsOf"), "1")}
        <label>
          {t("teach.builder.targets")}
          <select name="targets" defaultValue={field(sp, "targets", "one_hot")}>
            <option value="one_hot">{t("teach.builder.oneHot")}</option>
            <option value="range">{t("teach.builder.targetRange")}</option>
          </select>
        </label>
        <label>
          {t("teach.builder.tolerance")}
          <select name="tolerance" defaultValue={field(sp, "tolerance", "default")}>
            <option value="default">max(0.005, 1%)</option>
            <option value="sig_figs">{t("teach.builder.tolSigFigs")}</option>
            <option value="custom">{t("teach.builder.tolCustom")}</option>
          </select>
        </label>
        {text("sigFigs", t("teach.builder.sigFigs"), "3")}
        {text("maxMagnitude", t("teach.builder.maxMagnitude"), "100")}
        <fieldset>
          <legend>{t("teach.builder.quantities")}</legend>
          {QUANTITIES.map((q) => (
            <span key={q} style={{ display: "inline-flex", gap: "0.25rem", marginRight: "1rem" }}>
              <label style={{ flexDirection: "row", fontWeight: 400 }}>
                {/* Named in the lecture's notation for people; the form still posts the contract's key. */}
                <input type="checkbox" name="asked" value={q} defaultChecked={([] as string[]).concat(sp.asked ?? []).includes(q)} /> {t(`teach.builder.quantity.${q}`)}
              </label>
              <input name={`points_${q}`} aria-label={t("teach.builder.pointsFor", { q: t(`teach.builder.quantity.${q}`) })} size={2} defaultValue={field(sp, `points_${q}`, "1")} />
            </span>
          ))}
        </fieldset>
        <button type="submit" className="button">
          {t("teach.builder.preview")}
        </button>
      </form>
      {error ? (
        <p role="alert" className="error-text">
          {error}
        </p>
      ) : null}
      {template && previews ? (
        <section aria-labelledby="preview-heading">
          <h2 id="preview-heading">{t("teach.builder.previewHeading")}</h2>
          {previews.map((p) => {
            const { net, trace } = solvedPreview(p.exercise);
            return (
              <details key={p.seed} open={p.seed === "preview-1"}>
                <summary>
                  {p.rejected.length ? t("teach.builder.variantRejected", { seed: p.seed, count: p.rejected.length }) : t("teach.builder.variant", { seed: p.seed })}
                </summary>
                {p.rejected.length ? (
                  <p className="notice" role="note">
                    {t("teach.builder.redrawn", { reasons: [...new Set(p.rejected.map((r) => reasonIn(locale, r)))].slice(0, 3).join("; ") })}
                  </p>
                ) : null}
                <Given net={net} t={t} />
                <WorkedSolution net={net} trace={trace} t={t} />
              </details>
            );
          })}
          <h2>{t("teach.builder.useIt")}</h2>
          <form action={useTemplate} className="stack-form">
            <input type="hidden" name="templateJson" value={JSON.stringify(template)} />
            <label>
              {t("teach.builder.setTitle")}
              <input name="setTitle" required defaultValue={template.title} />
            </label>
            <label>
              {t("teach.rules.attemptsAllowed")}
              <input type="number" name="attemptsAllowed" min={1} max={100} defaultValue={3} />
            </label>
            <button type="submit" className="button">
              {t("teach.builder.createSet")}
            </button>
          </form>
          <details>
            <summary>{t("teach.builder.json")}</summary>
            <pre style={{ overflowX: "auto" }} tabIndex={0}>
              {JSON.stringify(template, null, 2)}
            </pre>
          </details>
        </section>
      ) : null}
    </>
  );
}
