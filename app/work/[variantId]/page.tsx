// The exercise page: the student's own numbers, the network, the answer form, past attempts,
// and the worked solution once the rules reveal it. No exact answer is in this page before that.
import Link from "next/link";
import type { TFunction } from "i18next";
import { LRUCache } from "lru-cache";
import { AnswerEntry, type AnswerFormText, type QuantityField } from "@/app/_components/answer-entry";
import { cellIdOf } from "@/app/_components/answer-entry/common";
import { SkipToCells } from "@/app/_components/skip-to-cells";
import type { TranscriptText } from "@/app/_components/answer-entry/transcript-box";
import { Given, GivenCompact } from "@/app/_components/given";
import { GivenPanel } from "@/app/_components/given-panel";
import { NetworkDiagram } from "@/app/_components/network-diagram";
import { PrintBlanks } from "@/app/_components/print-blanks";
import { PrintButton } from "@/app/_components/print-button";
import { WorkTerms } from "@/app/_components/work-terms";
import { StandingLine } from "@/app/_components/standing";
import { standingOf } from "@/lib/course/standing";
import { formatInZone } from "@/lib/time";
import { WorkedSolution } from "@/app/_components/worked-solution";
import { fieldsOf } from "@/app/_lib/fields";
import { orNotFound, requireActor } from "@/app/_lib/guard";
import { keptMarkup } from "@/app/_lib/static-html";
import { workView } from "@/lib/course/reveal";
import { solvedCached } from "@/lib/course/exercise-cache";
import { networkOf, timedOf } from "@/lib/course/work";
import { prisma } from "@/lib/db/client";
import { variantTitleIn } from "@/lib/course/titles";
import { getT } from "@/app/_lib/i18n.server";
import { PersonalTerms } from "@/app/_components/personal-terms";
import type { Network } from "@/lib/nn/types";
import { byLayout } from "@/lib/notation";

export async function generateMetadata() {
  const { t } = await getT();
  return { title: t("meta.exercise") };
}

/** The answer form's words in one language (the same object for every page in that language). */
const formTexts = new Map<string, AnswerFormText>();
function formText(locale: string, t: TFunction): AnswerFormText {
  let text = formTexts.get(locale);
  if (!text) {
    const keys = ["save", "saving", "saved", "saveFailed", "saveRetrying", "submitRetrying", "submit", "submitting", "confirmSubmit", "confirmPartial", "nothingEntered", "paste", "pasteHint", "pasteApply", "previewEmpty", "sessionExpired", "signInAgain", "attemptsLeft", "cellLabel", "submitError", "offline"] as const;
    text = Object.fromEntries(keys.map((k) => [k, t(`form.${k}`)])) as unknown as AnswerFormText;
    formTexts.set(locale, text);
  }
  return text;
}

/** The words of "paste your written solution" (messages "form.transcript.*"). */
function transcriptText(t: TFunction): TranscriptText {
  const keys = ["title", "hint", "label", "file", "read", "reading", "filled", "nothing", "overwrite", "unread", "failed", "line", "from"] as const;
  return Object.fromEntries(keys.map((k) => [k, t(`form.transcript.${k}`)])) as unknown as TranscriptText;
}

/** The quantities to enter, their labels rendered: the same for every visit of the variant in one language. */
const fieldLists = new LRUCache<string, QuantityField[]>({ max: 2000 });
function fieldsFor(locale: string, exerciseJson: string, net: Network, asked: readonly string[] | undefined, t: TFunction): QuantityField[] {
  const key = `${locale}|${exerciseJson}`;
  let fields = fieldLists.get(key);
  if (!fields) {
    fields = fieldsOf(net, t, asked).map((f) => ({ ...f, group: t(`work.group.${f.group}`) }));
    fieldLists.set(key, fields);
  }
  return fields;
}

export default async function WorkPage({ params }: { params: Promise<{ variantId: string }> }) {
  const { variantId } = await params;
  const actor = await requireActor(`/work/${variantId}`);
  const { locale, t } = await getT();
  const { variant, rules, submissions, attemptsLeft, moment, revealed } = await orNotFound(workView(prisma, actor, variantId));
  const { net, settings } = networkOf(variant.exerciseJson);
  // Dates in the course's own zone, named; where the student stands before they type anything.
  const date = (d: Date) => formatInZone(d, locale, variant.item?.timeZone ?? "UTC");
  const standing = variant.item ? standingOf(rules, new Date()) : null;
  // The exercise's title in the reader's language (an instructor's own title as typed): lib/exercises/titles.ts.
  const title = await variantTitleIn(prisma, variant, locale);
  // The draft with when each cell was typed: the form keeps the newest of each cell (lib/course/draft-merge.ts).
  const draft = timedOf(variant.draft);
  // What never changes for this exercise and language is rendered once and kept as markup.
  const given = keptMarkup(`given|${locale}|${variant.exerciseJson}`, () => (
    <>
      <h2 id="given-heading">{t("work.given")}</h2>
      <NetworkDiagram net={net} t={t} />
      <Given net={net} t={t} />
    </>
  ));
  // The same data, compact, for the panel beside the grids.
  const givenCompact = keptMarkup(`given-compact|${locale}|${variant.exerciseJson}`, () => <GivenCompact net={net} t={t} />);
  const fields = fieldsFor(locale, variant.exerciseJson, net, settings.asked, t);
  return (
    <>
      {/* Keyboard users reach the first answer cell in one step instead of tabbing through the given data. */}
      {attemptsLeft > 0 && fields.length ? (
        <SkipToCells cellId={cellIdOf(variantId, 0, 0, 0)} label={t("work.skipToCells")} />
      ) : null}
      <h1>{title}</h1>
      {variant.practice ? <p className="notice">{t("work.practice")}</p> : null}
      <WorkTerms
        terms={{ practice: variant.practice, dueAt: rules.dueAt ?? null, attemptsLeft, attemptsAllowed: rules.attemptsAllowed, late: rules.latePolicy === "accept" ? { penalty: rules.latePenalty, until: rules.lateUntil ?? null } : null, closed: standing?.kind === "closed" }}
        t={t}
        date={date}
        standing={standing && variant.item ? <StandingLine standing={standing} zone={variant.item.timeZone} locale={locale} t={t} /> : null}
      />
      <p className="print-line">
        <PrintButton label={t("work.print")} /> <span className="hint">{t("work.printNote")}</span>
      </p>
      {variant.item ? <PersonalTerms set={variant.item.problemSet} manualScore={variant.item.manualScore} t={t} date={date} /> : null}
      <section aria-labelledby="given-heading" className="given-full" dangerouslySetInnerHTML={{ __html: given }} />
      <div className="print-blanks-wrap">
        <PrintBlanks fields={fields} heading={t("work.answers")} />
      </div>
      {/* The answers beside a sticky copy of the given data (app/styles/given.css). */}
      <div className="work-layout">
      <GivenPanel label={t("work.givenPanel")} closeLabel={t("work.givenPanelClose")} bodyHtml={givenCompact} />
      <section aria-labelledby="answers-heading" className="answers">
        <h2 id="answers-heading">{t("work.answers")}</h2>
        <p>{t(byLayout(net.layout, "work.instructions", "work.instructionsColumn"))}</p>
        {attemptsLeft === 0 ? <p className="notice">{t("work.noAttemptsLeft")}</p> : null}
        <AnswerEntry
          variantId={variantId}
          fields={fields}
          initial={draft.answers}
          initialTimes={draft.times}
          serverNow={Date.now()}
          notes={{ unreadable: t("form.unreadable"), keys: t("form.keys"), pulled: t("form.pulled") }}
          attemptsLeft={attemptsLeft}
          signInUrl={`/signin?expired=1&callbackUrl=${encodeURIComponent(`/work/${variantId}`)}`}
          text={formText(locale, t)}
          transcript={transcriptText(t)}
        />
      </section>
      </div>
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
        {revealed ? (
          <div dangerouslySetInnerHTML={{ __html: keptMarkup(`solution|${locale}|${variant.exerciseJson}`, () => <WorkedSolution net={net} trace={solvedCached(variant.exerciseJson).trace} t={t} />) }} />
        ) : (
          <p>{t(`work.solutionWhen.${moment}`)}</p>
        )}
      </section>
    </>
  );
}
