// LTI 1.3 for an instructor: what to enter in the LMS (the tool's addresses), the platforms
// registered so far with their LMS courses (and a roster sync for those one teaches), and the form
// that registers a platform from what the LMS shows.
import { headers } from "next/headers";
import { FormRefusal } from "@/app/_components/form-refusal";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { getT } from "@/app/_lib/i18n.server";
import { platformsFor } from "@/lib/lti/platforms";
import { toolUrls } from "@/lib/lti/urls";
import { teaches } from "@/lib/access";
import { requireInstructorPage, utc } from "../_guard";
import { registerPlatformAction, syncRosterAction } from "./actions";

export async function generateMetadata() {
  const { t } = await getT();
  return { title: t("lti.admin.title") };
}

/** The site's public origin, as a platform must be told it. */
async function siteOrigin(): Promise<string> {
  const configured = env().NEXTAUTH_URL;
  if (configured) return new URL(configured).origin;
  const h = await headers();
  return `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost"}`;
}

export default async function LtiAdmin({ searchParams }: { searchParams: Promise<{ error?: string; fields?: string; saved?: string; sync?: string }> }) {
  const actor = await requireInstructorPage("/teach/lti");
  const { t } = await getT();
  const sp = await searchParams;
  const urls = toolUrls(await siteOrigin());
  const platforms = await platformsFor(prisma, actor);
  const mine = async (courseId: string) => teaches(prisma, actor, { id: courseId });
  const contexts = await Promise.all(platforms.map(async (p) => (await Promise.all(p.contexts.map(async (c) => ((await mine(c.courseId)) ? c : null)))).filter((c) => c !== null)));
  const tool: [string, string][] = [
    [t("lti.admin.toolUrl"), urls.tool],
    [t("lti.admin.loginUrl"), urls.login],
    [t("lti.admin.redirectUrl"), urls.launch],
    [t("lti.admin.jwksUrl"), urls.jwks],
    [t("lti.admin.deepLinkUrl"), urls.deepLink],
  ];
  const field = (name: string, label: string, hint?: string) => (
    <label>
      {label}
      <input name={name} required maxLength={2000} aria-describedby={hint ? `${name}-hint` : undefined} />
      {hint ? <small id={`${name}-hint`}>{hint}</small> : null}
    </label>
  );
  return (
    <>
      <h1>{t("lti.admin.title")}</h1>
      <p>{t("lti.admin.intro")}</p>
      <h2>{t("lti.admin.toolTitle")}</h2>
      <dl className="lti-urls">
        {tool.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>
              <code>{value}</code>
            </dd>
          </div>
        ))}
      </dl>
      <h2>{t("lti.admin.registered")}</h2>
      {sp.saved ? <p role="status">{t("lti.admin.saved")}</p> : null}
      {sp.sync ? <p role="status">{t("lti.admin.syncQueued")}</p> : null}
      {platforms.length === 0 ? <p>{t("lti.admin.none")}</p> : null}
      {platforms.map((p, i) => (
        <section key={p.id} className="card">
          <h3>{p.name}</h3>
          <p>
            {t("lti.admin.issuer")} <code>{p.issuer}</code> · {t("lti.admin.clientId")} <code>{p.clientId}</code>
          </p>
          <p>
            {t("lti.admin.deployments")} {p.deployments.map((d) => d.deploymentId).join(", ")}
          </p>
          {contexts[i].length ? (
            <ul>
              {contexts[i].map((c) => (
                <li key={c.id}>
                  <a href={`/teach/courses/${c.courseId}`}>{c.title}</a> · {c.rosterSyncedAt ? t("lti.admin.synced", { when: utc(c.rosterSyncedAt) }) : t("lti.admin.neverSynced")}
                  {c.membershipsUrl ? (
                    <form action={syncRosterAction} className="inline-form">
                      <input type="hidden" name="context" value={c.id} />
                      <button type="submit" className="button">
                        {t("lti.admin.syncRoster")}
                      </button>
                    </form>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ))}
      <h2>{t("lti.admin.register")}</h2>
      <FormRefusal error={sp.error} fields={sp.fields} />
      {sp.error === "invalid" ? <p className="error-text">{t("lti.admin.invalid")}</p> : null}
      <form action={registerPlatformAction} className="stack-form">
        {field("name", t("lti.admin.name"))}
        {field("issuer", t("lti.admin.issuer"))}
        {field("clientId", t("lti.admin.clientId"))}
        {field("deploymentIds", t("lti.admin.deploymentIds"), t("lti.admin.deploymentHint"))}
        {field("authLoginUrl", t("lti.admin.authLoginUrl"))}
        {field("tokenUrl", t("lti.admin.tokenUrl"))}
        {field("jwksUrl", t("lti.admin.platformJwksUrl"))}
        <button type="submit" className="button">
          {t("lti.admin.submit")}
        </button>
      </form>
    </>
  );
}
