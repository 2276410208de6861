// The request's language: the "locale" cookie, else the browser's Accept-Language.
import "server-only";
import { cookies, headers } from "next/headers";
import { fromAcceptLanguage, isLocale, translator, type Locale } from "./index";

export async function requestLocale(): Promise<Locale> {
  const chosen = (await cookies()).get("locale")?.value;
  if (isLocale(chosen)) return chosen;
  return fromAcceptLanguage((await headers()).get("accept-language"));
}

export async function getT() {
  const locale = await requestLocale();
  return { locale, t: translator(locale) };
}
