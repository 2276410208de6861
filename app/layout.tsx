import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import type { ReactNode } from "react";
import "katex/dist/katex.min.css";
import "./globals.css";
import "./styles/entry.css";
import "./styles/given.css";
import "./styles/results.css";
import "./styles/print.css";
import { LanguageMenu } from "@/app/_components/language-menu";
import { currentActor } from "@/app/_lib/session.server";
import { LOCALE_NAMES, LOCALES } from "@/lib/i18n";
import { getT } from "@/app/_lib/i18n.server";
import { ScrollCues } from "@/app/_components/scroll-cues";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: { default: "handprop", template: "%s · handprop" }, description: t("meta.description") };
}

/** next-auth's CSRF cookie holds "token|hash"; the token lets a plain form sign out. */
async function csrfToken(): Promise<string | undefined> {
  const jar = await cookies();
  const raw = jar.get("next-auth.csrf-token")?.value ?? jar.get("__Host-next-auth.csrf-token")?.value;
  return raw?.split("|")[0];
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [{ locale, t }, actor, csrf] = await Promise.all([getT(), currentActor(), csrfToken()]);
  return (
    <html lang={locale}>
      <body>
        <a className="skip-link" href="#main">
          {t("site.skip")}
        </a>
        <header className="site-header">
          <div className="container">
            <Link href="/" className="brand">
              handprop
            </Link>
            <p className="tagline">{t("site.tagline")}</p>
            <nav className="site-nav" aria-label={t("meta.mainNav")}>
              <Link href="/">{t("nav.home")}</Link>
              {/* A session begun with a one-time password opens nothing but Account until it chooses its own (app/_lib/guard.ts). */}
              {actor && !actor.mustChoosePassword ? <Link href="/dashboard">{t("nav.dashboard")}</Link> : null}
              {actor && !actor.mustChoosePassword ? <Link href="/practice">{t("nav.practice")}</Link> : null}
              {actor?.role === "instructor" && !actor.mustChoosePassword ? <Link href="/teach">{t("nav.teach")}</Link> : null}
              {actor ? <Link href="/account">{t("nav.account")}</Link> : null}
              {actor ? (
                <form method="post" action="/api/auth/signout">
                  <input type="hidden" name="csrfToken" value={csrf ?? ""} />
                  <input type="hidden" name="callbackUrl" value="/" />
                  <span>{t("nav.signedInAs", { name: actor.name })} </span>
                  <button type="submit" className="button secondary">
                    {t("nav.signOut")}
                  </button>
                </form>
              ) : (
                <Link href="/signin">{t("nav.signIn")}</Link>
              )}
              {/* Applies on change (app/_components/language-menu.tsx); a plain form without JavaScript. */}
              <LanguageMenu
                locale={locale}
                choices={LOCALES.map((l) => ({ value: l, name: LOCALE_NAMES[l] }))}
                text={{ label: t("nav.language"), apply: t("lang.apply"), failed: t("lang.failed") }}
              />
            </nav>
          </div>
        </header>
        <main id="main" className="container" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <div className="container">{t("site.footer")}</div>
        </footer>
        <ScrollCues label={t("site.scrollsSideways")} />
      </body>
    </html>
  );
}
