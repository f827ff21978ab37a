import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { consentEvents, type ConsentKind } from '../../db/schema';

/** Appends one grant or withdrawal, with its time (the history 设置 shows and the export carries). */
export async function recordConsent(db: DbOrTx, userId: number, kind: ConsentKind, granted: boolean, at: Date, version: string | null = null): Promise<void> {
  await db.insert(consentEvents).values({ userId, kind, granted, version, at });
}

/** The latest answer for one kind, or null when the person never answered in 设置. */
export async function latestConsent(db: DbOrTx, userId: number, kind: ConsentKind) {
  const [row] = await db
    .select()
    .from(consentEvents)
    .where(and(eq(consentEvents.userId, userId), eq(consentEvents.kind, kind)))
    .orderBy(desc(consentEvents.id))
    .limit(1);
  return row ?? null;
}

/** True when the person withdrew this consent in 设置 (and did not grant it again since). */
export async function consentWithdrawn(db: DbOrTx, userId: number, kind: ConsentKind): Promise<boolean> {
  const row = await latestConsent(db, userId, kind);
  return row !== null && !row.granted;
}
