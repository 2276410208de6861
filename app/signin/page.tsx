import { getT } from "@/lib/i18n/server";
import { SignInForm } from "./signin-form";
import { TOO_MANY_ATTEMPTS } from "@/lib/auth/codes";

export async function generateMetadata() {
  const { t } = await getT();
  return { title: t("signin.title") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string; expired?: string }> }) {
  const { t } = await getT();
  const sp = await searchParams;
  const callbackUrl = sp.callbackUrl?.startsWith("/") && !sp.callbackUrl.startsWith("//") ? sp.callbackUrl : "/dashboard";
  return (
    <>
      <h1>{t("signin.title")}</h1>
      {sp.expired ? <p className="notice">{t("signin.expired")}</p> : null}
      <SignInForm
        callbackUrl={callbackUrl}
        text={{ email: t("signin.email"), password: t("signin.password"), submit: t("signin.submit"), failed: t("signin.failed"), locked: t("signin.locked") }}
        initialError={sp.error ? t(sp.error === TOO_MANY_ATTEMPTS ? "signin.locked" : "signin.failed") : undefined}
      />
    </>
  );
}
