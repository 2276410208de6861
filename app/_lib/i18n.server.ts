// The request's language: the "locale" cookie, else the browser's Accept-Language.
import "server-only";
import { cookies, headers } from "next/headers";
import { localeFrom, translator, type Locale } from "@/lib/i18n";

export async function requestLocale(): Promise<Locale> {
  return localeFrom((await cookies()).get("locale")?.value, (await headers()).get("accept-language"));
}

export async function getT() {
  const locale = await requestLocale();
  return { locale, t: translator(locale) };
}
