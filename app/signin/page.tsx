import { getT } from "@/app/_lib/i18n.server";
import { SignInForm } from "./signin-form";
import { SsoButton } from "./sso-button";
import { SIGN_IN_UNAVAILABLE, SSO_ACCOUNT_EXISTS, SSO_FAILED, SSO_MISSING_EMAIL, TOO_MANY_ATTEMPTS } from "@/lib/auth/codes";
import { safeLocalPath } from "@/lib/auth/redirect";
import { ssoSettings } from "@/lib/auth/sso";

export async function generateMetadata() {
  const { t } = await getT();
  return { title: t("signin.title") };
}

/** The messages ?error= may ask for: next-auth's codes and ours. Any other value shows nothing. */
const ERRORS: Record<string, string> = {
  CredentialsSignin: "signin.failed",
  [TOO_MANY_ATTEMPTS]: "signin.locked",
  [SIGN_IN_UNAVAILABLE]: "signin.unavailable",
  // Single sign-on: next-auth's codes for a flow that failed (the provider unreachable, a token
  // refused by openid-client, the person cancelled at the provider), then ours.
  OAuthSignin: "signin.ssoFailed",
  OAuthCallback: "signin.ssoFailed",
  Callback: "signin.ssoFailed",
  AccessDenied: "signin.ssoFailed",
  [SSO_FAILED]: "signin.ssoFailed",
  [SSO_ACCOUNT_EXISTS]: "signin.ssoAccountExists",
  [SSO_MISSING_EMAIL]: "signin.ssoMissingEmail",
};
/** The notices ?notice= may ask for. */
const NOTICES: Record<string, string> = { passwordChanged: "signin.passwordChanged" };

const one = (x: string | string[] | undefined) => (Array.isArray(x) ? x[0] : x);

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[]; expired?: string; notice?: string | string[] }> }) {
  const { t } = await getT();
  const sp = await searchParams;
  // Only a path of this site, parsed as a URL: never "//host", "/\host", "https://…" or "javascript:".
  const callbackUrl = safeLocalPath(one(sp.callbackUrl), "/dashboard");
  const error = one(sp.error);
  const notice = one(sp.notice);
  const sso = ssoSettings();
  return (
    <>
      <h1>{t("signin.title")}</h1>
      {sp.expired ? <p className="notice">{t("signin.expired")}</p> : null}
      {notice && Object.hasOwn(NOTICES, notice) ? <p role="status" className="notice">{t(NOTICES[notice])}</p> : null}
      <SignInForm
        callbackUrl={callbackUrl}
        text={{ email: t("signin.email"), password: t("signin.password"), submit: t("signin.submit"), failed: t("signin.failed"), locked: t("signin.locked"), unavailable: t("signin.unavailable"), needsScript: t("signin.needsScript") }}
        initialError={error && Object.hasOwn(ERRORS, error) ? t(ERRORS[error]) : undefined}
      />
      {sso ? (
        <div className="stack-form">
          <p>{t("signin.or")}</p>
          <SsoButton label={t("signin.sso", { name: sso.name })} callbackUrl={callbackUrl} />
        </div>
      ) : null}
    </>
  );
}
