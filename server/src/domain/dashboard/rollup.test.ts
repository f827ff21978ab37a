import { eq, inArray } from 'drizzle-orm';
import { bookings, opinions } from '../../db/schema';
import { dashboardFactory } from '../../../test/support/dashboard';
import { startTestServer, type TestServer } from '../../../test/support/harness';
import { SUM_KEYS, addFigures, emptyFigures, type Figures } from './figures';
import { directFigures, figuresByComplex } from './queries';
import { refreshDashboard } from './refresh';

let t: TestServer;
afterAll(() => t.close());

/** A small seeded PRNG so a failure can be replayed. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const norm = (f: Figures) => ({ ...Object.fromEntries(SUM_KEYS.map((k) => [k, f[k]])), firstResponseHours: [...f.firstResponseHours].sort((a, b) => a - b) });

describe('the roll-up equals direct aggregates over the raw tables', () => {
  it('after random activity and incremental refreshes (and again after a second run)', async () => {
    t = await startTestServer();
    const seed = Number(process.env.ROLLUP_SEED ?? Date.now() % 100000);
    const rnd = prng(seed);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
    const f = dashboardFactory(t);
    const S = await f.street('随机');
    const C = [await f.complex(S), await f.complex(S), await f.complex(S)];
    const staff = await f.user();
    const people = await Promise.all(Array.from({ length: 12 }, () => f.user()));
    const day = () => `2032-05-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
    const hour = (h: number) => `T${String(h).padStart(2, '0')}:00:00+08:00`;
    const inst = (d: string, h: number) => `${d}${hour(h)}`;
    t.clock.set('2032-05-20T12:00:00+08:00');
    await refreshDashboard(t.deps.db, t.clock.now());

    const bookingIds: number[] = [];
    const opinionIds: number[] = [];
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 8; i++) {
        const c = pick(C);
        const a = await f.activity(c, inst(day(), 8 + Math.floor(rnd() * 12)), staff, rnd() < 0.3 ? { branchId: 1 } : {});
        const users = [...people].sort(() => rnd() - 0.5).slice(0, 1 + Math.floor(rnd() * 6));
        for (const u of users) bookingIds.push(await f.booking(a, u, pick(['booked', 'checked_in', 'no_show', 'cancelled', 'waitlisted'] as const)));
        if (rnd() < 0.3) await f.offeringRecord(a, 1, staff);
        if (rnd() < 0.4) await f.volunteer(c, inst(day(), 9), staff, [{ userId: people[0], approvedMinutes: 30 + Math.floor(rnd() * 200) }, { userId: people[1 + Math.floor(rnd() * 11)] }]);
        // opinions around the moving clock, so accept deadlines pass between runs
        const d = `2032-05-${18 + Math.floor(rnd() * 10)}`;
        const status = pick(['submitted', 'accepted', 'replied', 'closed', 'rejected', 'pending_review'] as const);
        const sub = inst(d, 9);
        const dueA = new Date(new Date(sub).getTime() + 48 * 3600_000);
        const acc = new Date(new Date(sub).getTime() + Math.floor(rnd() * 96) * 3600_000);
        const dueR = new Date(acc.getTime() + 15 * 86_400_000);
        const rep = new Date(acc.getTime() + Math.floor(rnd() * 25) * 86_400_000);
        const iso = (x: Date) => x.toISOString();
        opinionIds.push(
          await f.opinion(c, pick(people), {
            status,
            submittedAt: sub,
            acceptDueAt: iso(dueA),
            ...(status === 'rejected' ? { closedAt: iso(acc) } : {}),
            ...(['accepted', 'replied', 'closed'].includes(status) ? { acceptedAt: iso(acc), replyDueAt: iso(dueR) } : {}),
            ...(['replied', 'closed'].includes(status) ? { repliedAt: iso(rep) } : {}),
            ...(status === 'closed' ? { closedAt: iso(rep), rating: pick(['satisfied', 'basically_satisfied', 'unsatisfied'] as const) } : {}),
            visibility: pick(['public', 'private'] as const),
          }),
        );
        if (rnd() < 0.4) await f.evaluation(c, pick(people), 1 + Math.floor(rnd() * 5), inst(day(), 15), 1_000_000 + bookingIds.length);
        if (rnd() < 0.3) await f.care(c, pick(people), inst(day(), 10), rnd() < 0.5 ? { stars: 1 + Math.floor(rnd() * 5), at: inst(day(), 16) } : undefined);
      }
      // change some existing rows: check-ins, cancellations, an opinion accepted late
      for (const id of bookingIds.filter(() => rnd() < 0.2)) await t.deps.db.update(bookings).set({ status: pick(['checked_in', 'cancelled', 'no_show'] as const) }).where(eq(bookings.id, id));
      const toAccept = opinionIds.filter(() => rnd() < 0.15);
      if (toAccept.length) {
        await t.deps.db.update(opinions).set({ status: 'accepted', acceptedAt: new Date('2032-05-29T10:00:00+08:00'), replyDueAt: new Date('2032-06-13T10:00:00+08:00') }).where(inArray(opinions.id, toAccept));
      }
      // time passes: deadlines cross without any write
      t.clock.advance(2 * 86_400_000);
      // no margin: only what the watermark and the passing deadlines find is recomputed
      await refreshDashboard(t.deps.db, t.clock.now(), { marginMs: 0 });
    }
    // opinions nobody accepts, due in the quiet spell below
    const q0 = t.clock.now().getTime();
    for (const c of C) {
      await f.opinion(c, people[2], { status: 'submitted', submittedAt: new Date(q0 - 86_400_000).toISOString(), acceptDueAt: new Date(q0 + 86_400_000).toISOString() });
    }
    await refreshDashboard(t.deps.db, t.clock.now(), { marginMs: 0 });
    // a quiet spell: no writes at all, only accept deadlines passing
    t.clock.advance(3 * 86_400_000);
    await refreshDashboard(t.deps.db, t.clock.now(), { marginMs: 0 });
    const now = t.clock.now();
    const check = async (from: string, to: string) => {
      const rolled = await figuresByComplex(t.deps.db, C, from, to);
      for (const c of C) expect({ c, seed, ...norm(rolled.get(c)!) }).toEqual({ c, seed, ...norm(await directFigures(t.deps.db, [c], from, to, now)) });
      const all = C.reduce((acc, c) => addFigures(acc, rolled.get(c)!), emptyFigures());
      expect({ seed, ...norm(all) }).toEqual({ seed, ...norm(await directFigures(t.deps.db, C, from, to, now)) });
      return all;
    };
    const whole = await check('2032-05-01', '2032-05-31');
    expect(whole.bookings).toBeGreaterThan(0);
    expect(whole.opinions).toBeGreaterThan(0);
    await check('2032-05-08', '2032-05-15');
    // idempotent: another run changes nothing
    await refreshDashboard(t.deps.db, now);
    expect(norm((await figuresByComplex(t.deps.db, C, '2032-05-01', '2032-05-31')).get(C[0])!)).toEqual(norm(await directFigures(t.deps.db, [C[0]], '2032-05-01', '2032-05-31', now)));
  });
});
