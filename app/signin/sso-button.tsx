"use client";
// "Sign in with <university>": next-auth starts the authorization code flow at the university's
// OpenID provider (lib/auth/sso.ts) and sends the browser there.
import { signIn } from "next-auth/react";
import { useState } from "react";
import { useHydrated } from "@/app/_lib/use-hydrated";
import { SSO_PROVIDER_ID } from "@/lib/auth/sso-id";

export function SsoButton({ label, callbackUrl }: { label: string; callbackUrl: string }) {
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  return (
    <button
      type="button"
      className="button"
      disabled={busy || !hydrated}
      aria-busy={busy}
      onClick={() => {
        setBusy(true);
        // callbackUrl is a path of this site, checked by the page (lib/auth/redirect.ts).
        void signIn(SSO_PROVIDER_ID, { callbackUrl }).catch(() => setBusy(false));
      }}
    >
      {label}
    </button>
  );
}
