// LTI 1.3 for an instructor: what to enter in the LMS (the tool's addresses), the platforms
// registered so far with their LMS courses (a roster sync, a link code and the roster's matching
// for those one teaches; removing a platform after typing its name), the redeeming of a link code
// that joins an LMS course to an existing course, and the form that registers a platform.
import { headers } from "next/headers";
import { FormRefusal } from "@/app/_components/form-refusal";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { getT } from "@/app/_lib/i18n.server";
import { platformsFor } from "@/lib/lti/platforms";
import { toolUrls } from "@/lib/lti/urls";
import { teaches } from "@/lib/access";
import { requireInstructorPage, utc } from "../_guard";
import { confirmRemoval } from "./_remove";
import { makeLinkCodeAction, redeemLinkCodeAction, registerPlatformAction, syncRosterAction } from "./actions";
import { takeOnce } from "@/lib/auth/once";
import { linkCodeTopic } from "@/lib/lti/joining";
import { coursesTaughtBy } from "@/lib/teach/courses";
import { takeTyped } from "@/app/_components/form-refusal";

const PAGE_PATH = "/teach/lti";

/** One button that posts an LMS course's id to an action (sync its roster, make a link code). */
function ContextButton({ action, contextId, label, secondary = false }: { action: (form: FormData) => Promise<void>; contextId: string; label: string; secondary?: boolean }) {
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="context" value={contextId} />
      <button type="submit" className={secondary ? "button secondary" : "button"}>
        {label}
      </button>
    </form>
  );
}

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

export default async function LtiAdmin({ searchParams }: { searchParams: Promise<{ error?: string; fields?: string; saved?: string; sync?: string; code?: string; removed?: string }> }) {
  const actor = await requireInstructorPage("/teach/lti");
  const { t } = await getT();
  const sp = await searchParams;
  const urls = toolUrls(await siteOrigin());
  const platforms = await platformsFor(prisma, actor);
  // A link code made a moment ago by this session, shown once; the courses a code may join.
  const code = typeof sp.code === "string" && /^[\w-]{1,64}$/.test(sp.code) ? await takeOnce<string>(prisma, actor, linkCodeTopic(sp.code)) : undefined;
  const courses = await coursesTaughtBy(prisma, actor);
  const typed = await takeTyped(PAGE_PATH, actor);
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
      <h2 id="registered">{t("lti.admin.registered")}</h2>
      {sp.saved ? <p role="status">{t("lti.admin.saved")}</p> : null}
      {sp.sync ? <p role="status">{t("lti.admin.syncQueued")}</p> : null}
      {sp.removed ? <p role="status">{t("lti.join.removed")}</p> : null}
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
                  {c.membershipsUrl ? <ContextButton action={syncRosterAction} contextId={c.id} label={t("lti.admin.syncRoster")} /> : null}
                  {c.membershipsUrl ? <a href={`/teach/lti/contexts/${c.id}`}>{t("lti.join.matchRoster")}</a> : null}
                  <ContextButton action={makeLinkCodeAction} contextId={c.id} label={t("lti.join.makeCode")} secondary />
                </li>
              ))}
            </ul>
          ) : null}
          {confirmRemoval(p, t)}
        </section>
      ))}
      {code ? (
        <section id="link-code" className="notice" role="status">
          <h2>{t("lti.join.codeTitle")}</h2>
          <p>{t("lti.join.codeHelp")}</p>
          <label>
            {t("lti.join.code")}
            <textarea readOnly rows={4} cols={60} value={code} data-testid="link-code" />
          </label>
        </section>
      ) : null}
      <h2 id="redeem">{t("lti.join.redeemTitle")}</h2>
      <p>{t("lti.join.redeemHelp")}</p>
      {courses.length ? (
        <form action={redeemLinkCodeAction} className="stack-form">
          <label>
            {t("lti.join.code")}
            <textarea name="token" required rows={3} cols={60} defaultValue={typed?.token?.[0]} />
          </label>
          <label>
            {t("lti.join.course")}
            <select name="courseId" required defaultValue={typed?.courseId?.[0]}>
              {courses.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="button">
            {t("lti.join.redeem")}
          </button>
        </form>
      ) : (
        <p>{t("lti.join.noCourses")}</p>
      )}
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
