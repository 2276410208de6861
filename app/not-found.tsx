import Link from "next/link";
import { getT } from "@/app/_lib/i18n.server";

export default async function NotFound() {
  const { t } = await getT();
  return (
    <div className="not-found">
      <h1>{t("notFound.title")}</h1>
      <p>{t("notFound.body")}</p>
      <p>
        <Link href="/">{t("notFound.back")}</Link>
      </p>
    </div>
  );
}
