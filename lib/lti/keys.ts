// The tool's own RSA key pair: made on first use, kept in the database (so every app process signs
// with the same key and a restart keeps it), its public half published at /api/lti/jwks. Platforms
// verify the tool's deep-linking answers and its token requests' client assertions against it.
import { randomBytes } from "node:crypto";
import { exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import type { PrismaClient } from "../db/generated/client";

type Db = PrismaClient;
export const ALG = "RS256";

/** A private key as jose imports it. */
type Key = Awaited<ReturnType<typeof importJWK>>;

export interface SigningKey {
  kid: string;
  key: Key;
}

/** Makes and stores a new key pair. */
async function createKey(db: Db): Promise<void> {
  const { publicKey, privateKey } = await generateKeyPair(ALG, { modulusLength: 2048, extractable: true });
  const kid = randomBytes(12).toString("base64url");
  const pub = { ...(await exportJWK(publicKey)), kid, alg: ALG, use: "sig" };
  const priv = { ...(await exportJWK(privateKey)), kid, alg: ALG };
  await db.ltiKey.create({ data: { kid, publicJwk: JSON.stringify(pub), privateJwk: JSON.stringify(priv) } });
}

/** The newest key row, made first if there is none. Two processes making one at once both publish theirs; both then sign with the same newest. */
async function newestKey(db: Db) {
  const newest = () => db.ltiKey.findFirst({ orderBy: [{ createdAt: "desc" }, { kid: "asc" }] });
  return (await newest()) ?? (await createKey(db), await newest())!;
}

/** The key the tool signs with. */
export async function signingKey(db: Db): Promise<SigningKey> {
  const row = await newestKey(db);
  const key = await importJWK(JSON.parse(row.privateJwk) as JWK, ALG);
  return { kid: row.kid, key };
}

/** The public keys, as a JWK set (RFC 7517 §5). */
export async function publicKeySet(db: Db): Promise<{ keys: JWK[] }> {
  await newestKey(db);
  const rows = await db.ltiKey.findMany({ orderBy: { createdAt: "desc" }, select: { publicJwk: true } });
  return { keys: rows.map((r) => JSON.parse(r.publicJwk) as JWK) };
}
