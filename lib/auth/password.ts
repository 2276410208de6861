// Password hashing with scrypt (node:crypto): slow by design, salted, compared in constant time.
// Kept free of next-auth imports so seed scripts can use it.
//
// Parameters: OWASP's scrypt recommendation (N = 2^17, r = 8, p = 1): 128 MiB and about half a
// second of a core per hash (measured figures: docs/decisions/005-password-hashing.md). The async crypto.scrypt runs on libuv's thread pool, so a hash
// never blocks the event loop; slow ones run one at a time per process (see `scrypt` below).
// Each stored hash names its own parameters ("scrypt$N$r$p$salt$hash"), so hashes made with
// weaker ones (N = 2^15 before) still verify, and sign-in replaces them (needsRehash).
//
// One-time passwords (a roster import's initial passwords, an instructor's reset) are different:
// the server draws them at random with 96 bits, so no dictionary applies and an offline search
// must try ~2^95 candidates whatever each costs: the slow hash buys nothing there. They are hashed
// at N = 2^10 (1 MiB, a few ms), so a roster of 300 takes about a second instead of minutes.
// Their stored hashes say so by their kind ("scrypt-random$…"), and sign-in leaves them as they
// are: hashing the same random secret again at N = 2^17 would make it no harder to find, and cost
// half a second at the worst moment (a class signing in on the evening of a deadline). A password the person chooses (Account) is an ordinary
// hash at OWASP's parameters. An older one-time hash stored as plain "scrypt$1024$…" cannot be told
// from a chosen password's, so sign-in still upgrades it.
import { randomBytes, randomInt, scrypt as scryptCallback, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import { fastTestHashing } from "../env";
import { runTask, waitingFor } from "../workers/pool";

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

const scryptOnPool = promisify(scryptCallback) as (password: string, salt: Buffer, keylen: number, options: ScryptParams & { maxmem: number }) => Promise<Buffer>;

/**
 * Slow hashes (N ≥ 2^14) run one at a time in each process, on the worker pool's hashing thread,
 * which runs at a lower CPU priority (lib/workers/pool.ts). Each takes 128 MiB and half a second of
 * a core; on libuv's pool four would run at once, at the requests' priority, and on two cores a
 * few sign-ins then held up everyone's graded submissions (`npm run load`); a burst
 * of sign-ins, right or wrong, could hold half a gigabyte. Queued and yielding, they cost sign-in
 * some waiting instead. Past SLOW_QUEUE_LIMIT waiting, a hash is refused at once (sign-in then
 * says to try again in a few minutes) rather than kept waiting for longer than anyone would.
 * Cheap hashes (one-time passwords, the test suites') stay on libuv's pool.
 */
const SLOW_N = 2 ** 14;
export const SLOW_QUEUE_LIMIT = 30;

export class HashingBusy extends Error {
  constructor() {
    super(`more than ${SLOW_QUEUE_LIMIT} password hashes waiting in this process`);
  }
}

async function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptParams & { maxmem: number }): Promise<Buffer> {
  if (options.N < SLOW_N) return scryptOnPool(password, salt, keylen, options);
  if (waitingFor("scrypt") >= SLOW_QUEUE_LIMIT) throw new HashingBusy();
  return Buffer.from(await runTask("scrypt", { password, salt, keylen, N: options.N, r: options.r, p: options.p, maxmem: options.maxmem }));
}

/** Today's OWASP parameters: what every new hash uses. */
export const OWASP_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };
/** Random one-time passwords only (see the top of this file): never a password a person chose. */
export const ONE_TIME_SCRYPT: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };
/** Bits of randomness in a one-time password (at least 80 make the cheap hash safe). */
export const ONE_TIME_BITS = 96;
/** For the test suites only, which create many accounts; see fastTestHashing() in lib/env.ts. */
const TEST_SCRYPT: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };
/** Stored hashes beyond these are refused rather than computed (a crafted row must not cost gigabytes). */
const LIMITS: ScryptParams = { N: 2 ** 20, r: 32, p: 16 };
const KEY_LENGTH = 32;

/** The parameters new hashes get: OWASP's, unless the test suites explicitly asked for cheap ones. */
export const currentParams = (): ScryptParams => (fastTestHashing() ? TEST_SCRYPT : OWASP_SCRYPT);

/** The parameters of a one-time password's hash (the test suites' cheap ones when they asked). */
export const oneTimeParams = (): ScryptParams => (fastTestHashing() ? TEST_SCRYPT : ONE_TIME_SCRYPT);

/**
 * Letters and digits a reader cannot mistake for one another (no 0/O, 1/l/I) and that a spreadsheet
 * never reads as the start of a formula (base64url's "-" did: the CSV export then had to quote it,
 * and the password a teacher copied from Excel was wrong).
 */
const ONE_TIME_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
/** Characters for at least ONE_TIME_BITS of randomness: 17 of 56 give 98.7 bits. */
export const ONE_TIME_LENGTH = Math.ceil(ONE_TIME_BITS / Math.log2(ONE_TIME_ALPHABET.length));

/** A fresh random one-time password, each character drawn uniformly (crypto.randomInt). */
export const newOneTimePassword = (): string => Array.from({ length: ONE_TIME_LENGTH }, () => ONE_TIME_ALPHABET[randomInt(ONE_TIME_ALPHABET.length)]).join("");

/** scrypt needs 128·N·r·p bytes; node refuses anything over maxmem (32 MiB by default). */
const maxmem = ({ N, r, p }: ScryptParams) => 128 * N * r * p + 16 * 1024 * 1024;

/** The kind of a chosen password's hash, and of a server-drawn random one's (see the top of this file). */
const CHOSEN = "scrypt";
const RANDOM = "scrypt-random";

/** "kind$N$r$p$salt$hash", base64 parts. */
async function hashAs(kind: typeof CHOSEN | typeof RANDOM, password: string, params: ScryptParams): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, { ...params, maxmem: maxmem(params) });
  return [kind, params.N, params.r, params.p, salt.toString("base64"), key.toString("base64")].join("$");
}

/** The hash of a password a person chose (or may have chosen): "scrypt$N$r$p$salt$hash". */
export const hashPassword = (password: string, params: ScryptParams = currentParams()): Promise<string> => hashAs(CHOSEN, password, params);

/** The hash of a one-time password from newOneTimePassword(), at the cheap parameters, marked as such. */
export const hashOneTimePassword = (password: string): Promise<string> => hashAs(RANDOM, password, oneTimeParams());

interface Parsed {
  random: boolean;
  params: ScryptParams;
  salt: Buffer;
  hash: Buffer;
}

function parse(stored: string): Parsed | null {
  const [kind, n, r, p, salt, hash, ...rest] = stored.split("$");
  if ((kind !== CHOSEN && kind !== RANDOM) || !salt || !hash || rest.length) return null;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  const { N } = params;
  if (![N, params.r, params.p].every((x) => Number.isSafeInteger(x) && x >= 1)) return null;
  if (N < 2 || (N & (N - 1)) !== 0 || N > LIMITS.N || params.r > LIMITS.r || params.p > LIMITS.p) return null;
  const h = Buffer.from(hash, "base64");
  if (h.length < 16) return null;
  return { random: kind === RANDOM, params, salt: Buffer.from(salt, "base64"), hash: h };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const key = await scrypt(password.normalize("NFKC"), parsed.salt, parsed.hash.length, { ...parsed.params, maxmem: maxmem(parsed.params) });
  return timingSafeEqual(key, parsed.hash);
}

/**
 * Whether a stored hash was made with weaker parameters than new hashes get (then sign-in rehashes
 * it). A one-time password's marked hash never is: its strength is the secret's 96 random bits.
 */
export function needsRehash(stored: string, target: ScryptParams = currentParams()): boolean {
  const parsed = parse(stored);
  if (!parsed) return false; // not a hash we can verify: nothing to upgrade
  const { N, r, p } = parsed.params;
  const weaker = N < target.N || r < target.r || p < target.p;
  return parsed.hash.length < KEY_LENGTH || (weaker && !parsed.random);
}

/** The parameters a stored hash names (null when it is not one of ours). */
export const paramsOf = (stored: string): ScryptParams | null => parse(stored)?.params ?? null;

/** Whether a stored hash is a server-drawn one-time password's: its owner has not chosen their own yet. */
export const isOneTimeHash = (stored: string): boolean => parse(stored)?.random === true;
