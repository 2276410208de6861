// The university's OpenID provider for the browser tests (tests/oidc-idp.ts on a fixed port),
// started by scripts/e2e-server.mjs, which passes the settings it also gives the app.
import { startIdp } from "../tests/oidc-idp";

const need = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set (scripts/e2e-server.mjs sets it)`);
  return v;
};

const idp = await startIdp({
  port: Number(need("E2E_IDP_PORT")),
  clients: [{ client_id: need("OIDC_CLIENT_ID"), client_secret: need("OIDC_CLIENT_SECRET"), redirect_uris: [need("E2E_IDP_REDIRECT")] }],
  users: [
    { login: "hanako", sub: "e2e-hanako", email: "hanako@uni.example", email_verified: true, name: "Hanako Yamada", student_number: "S2026001" },
    // The seeded demo student's email: signing in as her must not take over the password account.
    { login: "alice", sub: "e2e-alice", email: "alice@handprop.test", email_verified: true, name: "Alice at the University" },
  ],
});
console.log(`test OpenID provider at ${idp.issuer}`);
for (const s of ["SIGINT", "SIGTERM"] as const) process.on(s, () => void idp.close().then(() => process.exit(0)));
