// The sign-in throttle's counts in the database (table SignInRecord, one row per key), so that
// every app process sees the same failures and locks.
import type { PrismaClient } from "../db/client";
import type { ThrottleRecord, ThrottleStore } from "./throttle";

const fromRow = (r: { failures: number; windowStart: Date; lockedUntil: Date | null }): ThrottleRecord => ({
  failures: r.failures,
  windowStart: r.windowStart.getTime(),
  lockedUntil: r.lockedUntil?.getTime() ?? 0,
});
const toRow = (r: ThrottleRecord) => ({ failures: r.failures, windowStart: new Date(r.windowStart), lockedUntil: r.lockedUntil ? new Date(r.lockedUntil) : null });

export function databaseThrottleStore(db: PrismaClient): ThrottleStore {
  return {
    async get(key) {
      const r = await db.signInRecord.findUnique({ where: { key } });
      return r ? fromRow(r) : undefined;
    },
    async addFailure(key, now) {
      const r = await db.signInRecord.upsert({
        where: { key },
        create: { key, failures: 1, windowStart: new Date(now) },
        update: { failures: { increment: 1 } },
      });
      return fromRow(r);
    },
    async put(key, record) {
      await db.signInRecord.upsert({ where: { key }, create: { key, ...toRow(record) }, update: toRow(record) });
    },
    async delete(key) {
      await db.signInRecord.deleteMany({ where: { key } });
    },
    async prune(windowBefore, now) {
      await db.signInRecord.deleteMany({
        where: { windowStart: { lt: new Date(windowBefore) }, OR: [{ lockedUntil: null }, { lockedUntil: { lte: new Date(now) } }] },
      });
    },
  };
}
