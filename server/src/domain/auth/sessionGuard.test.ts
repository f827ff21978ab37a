import type { SQL } from 'drizzle-orm';
import { MySqlDialect } from 'drizzle-orm/mysql-core';
import type { Db } from '../../db/client';
import { SessionGuard } from './sessionGuard';
import { TokenService } from './tokens';

/** A stand-in for drizzle's select().from().where(): each read waits until the test answers it. */
function fakeDb(table: Map<number, Date | null>) {
  const reads: Array<{ ids: number[]; answer: () => void; fail: (e: Error) => void }> = [];
  const db = {
    select: () => ({
      from: () => ({
        where: (cond: SQL) => {
          const found = new MySqlDialect().sqlToQuery(cond).params.map(Number);
          return new Promise((resolve, reject) => {
            reads.push({
              ids: found,
              answer: () => resolve(found.filter((id) => table.has(id)).map((id) => ({ id, revokedAt: table.get(id) ?? null }))),
              fail: reject,
            });
          });
        },
      }),
    }),
  };
  return { db: db as unknown as Db, reads };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('SessionGuard', () => {
  it('answers concurrent checks with one read, and checks arriving meanwhile with the next one', async () => {
    const { db, reads } = fakeDb(new Map([[1, null], [2, new Date()], [4, null]]));
    const guard = new SessionGuard(db);
    const first = guard.isActive(1);
    const rest = [guard.isActive(2), guard.isActive(3), guard.isActive(4), guard.isActive(4)];
    await tick();
    expect(reads.map((r) => r.ids)).toEqual([[1]]);
    reads[0].answer();
    expect(await first).toBe(true);
    await tick();
    expect(reads.map((r) => r.ids)).toEqual([[1], [2, 3, 4]]);
    reads[1].answer();
    expect(await Promise.all(rest)).toEqual([false, false, true, true]);
    // cached now: no further read
    expect(await guard.isActive(4)).toBe(true);
    expect(reads).toHaveLength(2);
  });

  it('a revocation in this process while the read is out wins over its answer', async () => {
    const { db, reads } = fakeDb(new Map([[7, null]]));
    const guard = new SessionGuard(db);
    const asked = guard.isActive(7);
    await tick();
    await guard.forget(7);
    reads[0].answer();
    expect(await asked).toBe(false);
    expect(await guard.isActive(7)).toBe(false);
  });

  it('a failed read fails its askers only; the next check reads again', async () => {
    const { db, reads } = fakeDb(new Map([[5, null]]));
    const guard = new SessionGuard(db);
    const asked = guard.isActive(5);
    await tick();
    reads[0].fail(new Error('database gone'));
    await expect(asked).rejects.toThrow('database gone');
    const again = guard.isActive(5);
    await tick();
    reads[1].answer();
    expect(await again).toBe(true);
  });
});

describe('TokenService', () => {
  afterEach(() => jest.useRealTimers());

  it('a token verified before is still refused once it expires, and a tampered one never passes', () => {
    jest.useFakeTimers({ now: new Date('2026-12-01T00:00:00Z') });
    const tokens = new TokenService('a-test-secret-a-test-secret-0123456789', 60);
    const t = tokens.signAccess({ uid: 3, role: 'resident', sid: 9 });
    expect(tokens.verifyAccess(t)).toEqual({ uid: 3, role: 'resident', sid: 9 });
    expect(tokens.verifyAccess(t)).toEqual({ uid: 3, role: 'resident', sid: 9 });
    const [h, p, s] = t.split('.');
    expect(tokens.verifyAccess(`${h}.${p}.${s.slice(0, -2)}AA`)).toBeNull();
    expect(new TokenService('another-secret-another-secret-0123456', 60).verifyAccess(t)).toBeNull();
    jest.setSystemTime(new Date('2026-12-01T00:00:59Z'));
    expect(tokens.verifyAccess(t)).not.toBeNull();
    jest.setSystemTime(new Date('2026-12-01T00:01:00Z'));
    expect(tokens.verifyAccess(t)).toBeNull();
    expect(tokens.verifyAccess(t)).toBeNull();
  });
});
