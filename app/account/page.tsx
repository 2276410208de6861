// The signed-in user's account: changing the password (which signs out every session).
import { FormRefusal } from "@/app/_components/form-refusal";
import { requireActor } from "@/app/_lib/guard";
import { PASSWORD_LENGTH } from "@/lib/auth/account";
import { getT } from "@/app/_lib/i18n.server";
import { changePasswordAction } from "./actions";
import type { TFunction } from "i18next";

export async function generateMetadata() {
  const { t } = await getT();
  return { title: t("account.title") };
}

export default async function Account({ searchParams }: { searchParams: Promise<{ error?: string; first?: string }> }) {
  const actor = await requireActor("/account");
  const sp = await searchParams;
  const { t } = await getT();
  return (
    <>
      <h1>{t("account.title")}</h1>
      <p>
        {actor.name} · {actor.email}
      </p>
      {actor.password === "none" ? (
        // Signed in through single sign-on or an LMS: there is no password here to change.
        <p data-testid="no-password">{t("account.noPassword")}</p>
      ) : (
        <PasswordForm oneTime={actor.mustChoosePassword === true} error={sp.error} t={t} />
      )}
    </>
  );
}

function PasswordForm({ oneTime, error, t }: { oneTime: boolean; error?: string; t: TFunction }) {
  return (
    <>
      <h2>{t(oneTime ? "account.chooseOwn" : "account.changePassword")}</h2>
      {oneTime ? (
        <p role="status" className="notice" data-testid="choose-password">
          {t("account.firstSignIn")}
        </p>
      ) : null}
      <p>{t("account.oneTimeHint")}</p>
      <p>{t("account.note")}</p>
      <FormRefusal error={error} />
      <form action={changePasswordAction} className="stack-form" style={{ flexDirection: "column", alignItems: "stretch", maxWidth: "24rem" }}>
        <label>
          {t("account.current")}
          <input name="current" type="password" autoComplete="current-password" required maxLength={PASSWORD_LENGTH.max} />
        </label>
        <label>
          {t("account.new")}
          <input name="next" type="password" autoComplete="new-password" required minLength={PASSWORD_LENGTH.min} maxLength={PASSWORD_LENGTH.max} />
        </label>
        <label>
          {t("account.confirm")}
          <input name="confirm" type="password" autoComplete="new-password" required minLength={PASSWORD_LENGTH.min} maxLength={PASSWORD_LENGTH.max} />
        </label>
        <button type="submit" className="button">
          {t("account.submit")}
        </button>
      </form>
    </>
  );
}
