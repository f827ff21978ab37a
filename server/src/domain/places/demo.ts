import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { asc, eq, isNull } from 'drizzle-orm';
import { complexPhotos, complexes, users } from '../../db/schema';
import type { DemoSeeder } from '../../db/demoSeeder';

// Drawn by scripts/demo-photos.mjs (no real person or place in them), 960 × 540 JPEG.
const DEMO_PHOTOS = ['front', 'garden', 'room'];
const DEMO_DIR = path.join(__dirname, 'demo-photos');
const PER_COMPLEX = 2;

/**
 * Demo photos for the complexes that have none: two of the three drawn pictures each (the cover
 * is the first), copied into UPLOAD_DIR/complexes as staff uploads would be. Idempotent: a
 * complex with any photo is left alone.
 */
export const seedComplexPhotos: DemoSeeder = async (db, { config }) => {
  const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.role, 'district_admin')).orderBy(asc(users.id)).limit(1);
  if (!admin) return;
  const bare = await db
    .select({ id: complexes.id })
    .from(complexes)
    .leftJoin(complexPhotos, eq(complexPhotos.complexId, complexes.id))
    .where(isNull(complexPhotos.id))
    .orderBy(asc(complexes.id));
  if (bare.length === 0) return;
  const dir = path.resolve(config.UPLOAD_DIR, 'complexes');
  await mkdir(dir, { recursive: true });
  for (const c of bare) {
    for (let i = 0; i < PER_COMPLEX; i++) {
      const name = DEMO_PHOTOS[(c.id + i) % DEMO_PHOTOS.length];
      const fileName = `${c.id}-demo-${name}.jpg`;
      await copyFile(path.join(DEMO_DIR, `${name}.jpg`), path.join(dir, fileName));
      await db.insert(complexPhotos).values({ complexId: c.id, fileName, width: 960, height: 540, uploadedBy: admin.id });
    }
  }
};
