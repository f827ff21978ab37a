import { and, eq, sql } from 'drizzle-orm';
import type { Config } from '../../config';
import type { Db } from '../client';
import {
  branchComplexes,
  branchMembers,
  branches,
  communities,
  complexes,
  facilities,
  serviceCategories,
  serviceItems,
  spaces,
  staffComplexes,
  streets,
  users,
} from '../schema';
import { encryptPhone, hashPhone, maskPhone } from '../../domain/auth/phone';
import type { Logger } from '../../logger';
import { demoSeeders } from './demo';
import { BRANCH_ORDINALS, COMMUNITIES, COMPLEXES, DEPARTMENTS, SERVICE_CATALOG, STREETS, sevenSpaces } from './places.data';

/** Demo staff accounts (dev login; listed in README.md). */
export const DEMO_STAFF = {
  districtAdmin: '13900000001',
  worker: '13900000002',
  branchAdmin: '13900000003',
} as const;

/** A demo senior (70+) and a family member, for the elder-care demos. */
export const DEMO_RESIDENTS = [
  { phone: '13900000004', nickname: '张阿姨', realName: '张秀英', birthDate: '1952-03-15', elderMode: true },
  { phone: '13900000005', nickname: '小李', realName: '李明', birthDate: '1985-07-02', elderMode: false },
];

export type { DemoSeeder, SeedContext } from './types';

const M_PER_DEG = 111_320;
const offset = (lat: number, lng: number, [north, east]: [number, number]) => ({
  lat: Math.round((lat + north / M_PER_DEG) * 1e6) / 1e6,
  lng: Math.round((lng + east / (M_PER_DEG * Math.cos((lat * Math.PI) / 180))) * 1e6) / 1e6,
});

async function idBy<T extends { id: number }>(rows: Promise<T[]>): Promise<number> {
  const [r] = await rows;
  if (!r) throw new Error('seed: row vanished');
  return r.id;
}

/** Reference data (places, catalogue, branches, demo staff). Idempotent. */
export async function seedReference(db: Db, config: Config): Promise<void> {
  // streets and communities
  const streetIds = new Map<string, number>();
  for (const [i, s] of STREETS.entries()) {
    await db.insert(streets).values({ name: s.name, kind: s.kind, sortOrder: i + 1 }).onDuplicateKeyUpdate({ set: { name: sql`name` } });
    streetIds.set(s.name, await idBy(db.select({ id: streets.id }).from(streets).where(eq(streets.name, s.name))));
  }
  const communityIds = new Map<string, number>();
  for (const [street, names] of Object.entries(COMMUNITIES)) {
    const streetId = streetIds.get(street)!;
    for (const name of names) {
      await db.insert(communities).values({ streetId, name }).onDuplicateKeyUpdate({ set: { name: sql`name` } });
      communityIds.set(`${street}/${name}`, await idBy(db.select({ id: communities.id }).from(communities).where(and(eq(communities.streetId, streetId), eq(communities.name, name)))));
    }
  }

  // complexes, facilities, spaces
  const complexIds: number[] = [];
  for (const [i, c] of COMPLEXES.entries()) {
    await db
      .insert(complexes)
      .values({
        streetId: streetIds.get(c.street)!,
        communityId: communityIds.get(`${c.street}/${c.community}`) ?? null,
        name: c.name,
        mode: c.mode,
        address: c.address,
        lat: c.lat,
        lng: c.lng,
        hotline: c.hotline,
        openingHours: c.openingHours ?? '周一至周日 08:30-20:30',
        description: c.description,
      })
      .onDuplicateKeyUpdate({ set: { name: sql`name` } });
    const complexId = await idBy(db.select({ id: complexes.id }).from(complexes).where(eq(complexes.name, c.name)));
    complexIds.push(complexId);
    const facilityIds: number[] = [];
    for (const [fi, f] of c.facilities.entries()) {
      const p = offset(c.lat, c.lng, f.offsetM);
      await db
        .insert(facilities)
        .values({ complexId, name: f.name, address: f.address, lat: p.lat, lng: p.lng, isMain: fi === 0 })
        .onDuplicateKeyUpdate({ set: { name: sql`name` } });
      facilityIds.push(await idBy(db.select({ id: facilities.id }).from(facilities).where(and(eq(facilities.complexId, complexId), eq(facilities.name, f.name)))));
    }
    const all = [...sevenSpaces(i), ...c.extra];
    for (const [si, s] of all.entries()) {
      // spread the standard spaces over a star-moon complex's satellites
      const fIndex = s.facility ?? (c.mode === 'flagship' ? 0 : si % facilityIds.length);
      await db
        .insert(spaces)
        .values({
          complexId,
          facilityId: facilityIds[Math.min(fIndex, facilityIds.length - 1)],
          name: s.name,
          type: s.type,
          bookable: s.bookable ?? false,
          capacity: s.capacity ?? 0,
          description: s.description ?? '',
        })
        .onDuplicateKeyUpdate({ set: { name: sql`name` } });
    }
  }

  // the district service list
  for (const [ci, cat] of SERVICE_CATALOG.entries()) {
    await db.insert(serviceCategories).values({ name: cat.name, sortOrder: ci + 1 }).onDuplicateKeyUpdate({ set: { name: sql`name` } });
    const categoryId = await idBy(db.select({ id: serviceCategories.id }).from(serviceCategories).where(eq(serviceCategories.name, cat.name)));
    for (const [ii, name] of cat.items.entries()) {
      await db.insert(serviceItems).values({ categoryId, name, sortOrder: ii + 1 }).onDuplicateKeyUpdate({ set: { name: sql`name` } });
    }
  }

  // 149 branches, each paired with one complex, every third with a second one
  let n = 0;
  const branchIds: number[] = [];
  for (const d of DEPARTMENTS) {
    for (let k = 0; k < d.branches; k++) {
      const name = `${d.name}机关${BRANCH_ORDINALS[k]}党支部`;
      await db
        .insert(branches)
        .values({ name, department: d.name, secretary: `${'王李张刘陈杨赵黄周吴'[n % 10]}书记`, contact: `0571-8700${String(1000 + n).slice(-4)}` })
        .onDuplicateKeyUpdate({ set: { name: sql`name` } });
      const branchId = await idBy(db.select({ id: branches.id }).from(branches).where(eq(branches.name, name)));
      branchIds.push(branchId);
      const paired = [complexIds[n % complexIds.length]];
      if (n % 3 === 0) paired.push(complexIds[(n + 5) % complexIds.length]);
      for (const complexId of paired) {
        await db.insert(branchComplexes).values({ branchId, complexId }).onDuplicateKeyUpdate({ set: { branchId: sql`branch_id` } });
      }
      n++;
    }
  }

  // demo staff and residents
  const person = async (phone: string, values: Partial<typeof users.$inferInsert>) => {
    const phoneHash = hashPhone(phone, config.PII_KEY);
    await db
      .insert(users)
      .values({ phoneHash, phoneEnc: encryptPhone(phone, config.PII_KEY), phoneMasked: maskPhone(phone), ...values })
      .onDuplicateKeyUpdate({ set: { phoneHash: sql`phone_hash`, updatedAt: sql`updated_at` } });
    return idBy(db.select({ id: users.id }).from(users).where(eq(users.phoneHash, phoneHash)));
  };
  await person(DEMO_STAFF.districtAdmin, { role: 'district_admin', nickname: '区民政局管理员', realName: '周敏' });
  const workerId = await person(DEMO_STAFF.worker, { role: 'worker', nickname: '阳光社区小陈', realName: '陈晓' });
  await db.insert(staffComplexes).values({ userId: workerId, complexId: complexIds[0] }).onDuplicateKeyUpdate({ set: { userId: sql`user_id` } });
  const branchAdminId = await person(DEMO_STAFF.branchAdmin, { role: 'branch_admin', nickname: '区委办第一支部', realName: '王建国' });
  await db.insert(branchMembers).values({ userId: branchAdminId, branchId: branchIds[0] }).onDuplicateKeyUpdate({ set: { userId: sql`user_id` } });
  for (const r of DEMO_RESIDENTS) {
    await person(r.phone, { role: 'resident', nickname: r.nickname, realName: r.realName, birthDate: r.birthDate, elderMode: r.elderMode, homeComplexId: complexIds[0], address: '文新街道阳光社区 3 幢 2 单元 301' });
  }
}

/** Reference data plus the feature domains' demo data. Idempotent. */
export async function seedAll(db: Db, config: Config, logger?: Logger, now = new Date()): Promise<void> {
  await seedReference(db, config);
  if (config.SEED_DEMO) {
    for (const s of demoSeeders) {
      await s.run(db, { config, logger, now });
      logger?.debug({ seeder: s.name }, 'demo data seeded');
    }
  }
}

/** At start-up: seed only an empty database (called under the migration lock). */
export async function seedIfEmpty(db: Db, config: Config, logger?: Logger): Promise<void> {
  const [{ n }] = await db.select({ n: sql<number>`count(*)` }).from(streets);
  if (Number(n) > 0) return;
  logger?.info('empty database: seeding reference and demo data');
  // One transaction: a seed that fails half-way leaves the database empty, so the next start retries.
  await db.transaction((tx) => seedAll(tx as unknown as Db, config, logger));
}
