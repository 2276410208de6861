// The exercise page: the student's own numbers, the network, the answer form, past attempts,
// and the worked solution once the rules reveal it. No exact answer is in this page before that.
import Link from "next/link";
import { AnswerEntry } from "@/app/_components/answer-entry";
import { Given } from "@/app/_components/given";
import { NetworkDiagram } from "@/app/_components/network-diagram";
import { WorkedSolution } from "@/app/_components/worked-solution";
import { fieldsOf } from "@/app/_lib/fields";
import { orNotFound, requireActor } from "@/app/_lib/guard";
import { workView } from "@/lib/course/reveal";
import { networkOf } from "@/lib/course/work";
import { prisma } from "@/lib/db/client";
import { getT } from "@/lib/i18n/server";
import { solve } from "@/lib/nn/network";

export async function generateMetadata() {
  const { t } = await getT();
  return { title: t("meta.exercise") };
}

export default async function WorkPage({ params }: { params: Promise<{ variantId: string }> }) {
  const { variantId } = await params;
  const actor = await requireActor(`/work/${variantId}`);
  const { t } = await getT();
  const { variant, submissions, attemptsLeft, moment, revealed } = await orNotFound(workView(prisma, actor, variantId));
  const { net, settings } = networkOf(variant.exerciseJson);
  const title = variant.item?.title ?? String((JSON.parse(variant.exerciseJson) as { title?: string }).title ?? "");
  const fields = fieldsOf(net, t, settings.asked);
  const initial = variant.draft ? (JSON.parse(variant.draft.answersJson) as Record<string, string[][]>) : {};
  const groups = (k: string) => t(`work.group.${k}`);
  return (
    <>
      <h1>{title}</h1>
      {variant.practice ? <p className="notice">{t("work.practice")}</p> : null}
      <section aria-labelledby="given-heading">
        <h2 id="given-heading">{t("work.given")}</h2>
        <NetworkDiagram net={net} title={t("work.diagram")} />
        <Given net={net} t={t} />
      </section>
      <section aria-labelledby="answers-heading">
        <h2 id="answers-heading">{t("work.answers")}</h2>
        <p>{t("work.instructions")}</p>
        {attemptsLeft === 0 ? <p className="notice">{t("work.noAttemptsLeft")}</p> : null}
        <AnswerEntry
          variantId={variantId}
          fields={fields.map((f) => ({ ...f, group: groups(f.group) }))}
          initial={initial}
          attemptsLeft={attemptsLeft}
          signInUrl={`/signin?expired=1&callbackUrl=${encodeURIComponent(`/work/${variantId}`)}`}
          text={{
            save: t("form.save"),
            saving: t("form.saving"),
            saved: t("form.saved"),
            saveFailed: t("form.saveFailed"),
            submit: t("form.submit"),
            submitting: t("form.submitting"),
            confirmSubmit: t("form.confirmSubmit"),
            paste: t("form.paste"),
            pasteHint: t("form.pasteHint"),
            pasteApply: t("form.pasteApply"),
            previewEmpty: t("form.previewEmpty"),
            sessionExpired: t("form.sessionExpired"),
            signInAgain: t("form.signInAgain"),
            attemptsLeft: t("form.attemptsLeft"),
            cellLabel: t("form.cellLabel"),
            submitError: t("form.submitError"),
            offline: t("form.offline"),
          }}
        />
      </section>
      {submissions.length ? (
        <section aria-labelledby="attempts-heading">
          <h2 id="attempts-heading">{t("work.previous")}</h2>
          <ol>
            {submissions.map((s) => (
              <li key={s.id}>
                <Link href={`/submissions/${s.id}`}>{t("result.title", { n: s.attempt })}</Link>
                {s.grades[0] ? ` — ${t("result.score", { score: s.grades[0].score, max: s.grades[0].maxScore })}` : ""}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <section aria-labelledby="solution-heading">
        <h2 id="solution-heading">{t("work.solution")}</h2>
        {revealed && submissions.length ? (
          <p>
            {t("work.compare")} <Link href={`/submissions/${submissions[submissions.length - 1].id}`}>{t("result.title", { n: submissions.length })}</Link>
          </p>
        ) : null}
        {revealed ? <WorkedSolution net={net} trace={solve(net)} t={t} /> : <p>{t(`work.solutionWhen.${moment}`)}</p>}
      </section>
    </>
  );
}
