// Deep linking: the instructor picks which of the course's problem sets the LMS link opens. The
// form posts to /api/lti/deep-link, which answers the platform with the signed choice.
import { notFound } from "next/navigation";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { ltiReason } from "@/lib/lti/errors";
import { getT } from "@/app/_lib/i18n.server";
import { deepLinkChoices } from "@/lib/lti/deep-link";
import { requireInstructorPage, utc } from "../../../_guard";

export async function generateMetadata() {
  const { t } = await getT();
  return { title: t("lti.deepLink.title") };
}

export default async function DeepLink({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireInstructorPage(`/teach/lti/deep-link/${id}`);
  const choices = await deepLinkChoices(prisma, actor, id).catch((e: unknown) => {
    if (e instanceof AppError && !ltiReason(e)) notFound();
    throw e;
  });
  const { t } = await getT();
  return (
    <>
      <h1>{t("lti.deepLink.title")}</h1>
      <p>{t("lti.deepLink.intro", { platform: choices.platform, course: choices.course.title })}</p>
      {choices.course.sets.length === 0 ? (
        <p>
          {t("lti.deepLink.none")} <a href={`/teach/courses/${choices.course.id}`}>{choices.course.title}</a>
        </p>
      ) : (
        <form method="post" action="/api/lti/deep-link" className="stack-form">
          <input type="hidden" name="request" value={choices.id} />
          <fieldset>
            <legend>{t("lti.deepLink.pick")}</legend>
            {choices.course.sets.map((s, i) => (
              <label key={s.id}>
                <input type="radio" name="set" value={s.id} required defaultChecked={i === 0} /> {s.title}
                {s.dueAt ? ` · ${t("lti.deepLink.due", { when: utc(s.dueAt) })}` : ""}
              </label>
            ))}
          </fieldset>
          <button type="submit" className="button">
            {t("lti.deepLink.submit")}
          </button>
        </form>
      )}
    </>
  );
}
