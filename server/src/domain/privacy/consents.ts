/**
 * Consents a resident can change in 我的 → 设置: location, subscribe messages and 亲情守护, plus the
 * versioned privacy notice. Each grant or withdrawal is a consent_events row with its time, and a
 * withdrawal stops the feature in the same transaction:
 * - location: GET /nearby refuses (403 consent_withdrawn) and /complexes ignores coordinates;
 * - subscribe: every allowance left is spent (remaining 0) and new ones are not recorded;
 * - quiet_home: the watch is turned off (setQuietHome), so the sweep raises nothing.
 */
import { and, asc, desc, eq } from 'drizzle-orm';
import { isDuplicateKey, type DbOrTx, type Tx } from '../../db/client';
import { consentEvents, privacyConsents, quietHomeWatches, wechatSubscriptions, type ConsentKind } from '../../db/schema';
import { PRIVACY_VERSION } from '../../../../shared/constants';
import { CHANGEABLE_CONSENTS as CONSENT_KINDS } from '../../../../shared/api/privacy';
import type { AuthUser, RequestFacts } from '../access/actor';
import { audit } from '../audit/log';
import { setQuietHome } from '../devices/quietHome';
import { latestConsent, recordConsent } from './consentLog';

export type ChangeableConsent = Exclude<ConsentKind, 'privacy'>;
export const CHANGEABLE_CONSENTS: readonly ChangeableConsent[] = CONSENT_KINDS;

export const CONSENT_LABELS: Record<ConsentKind, string> = {
  privacy: '隐私政策',
  location: '位置信息（十分钟服务圈、附近的综合体）',
  subscribe: '微信订阅消息',
  quiet_home: '亲情守护（家中活动传感器）',
};

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** The caller's consents as 设置 shows them, and the history of every change. */
export async function consentsOf(db: DbOrTx, userId: number) {
  const [privacy] = await db.select().from(privacyConsents).where(eq(privacyConsents.userId, userId)).orderBy(desc(privacyConsents.acceptedAt)).limit(1);
  const [watch] = await db.select({ status: quietHomeWatches.status }).from(quietHomeWatches).where(eq(quietHomeWatches.seniorId, userId));
  const loc = await latestConsent(db, userId, 'location');
  const sub = await latestConsent(db, userId, 'subscribe');
  const qh = await latestConsent(db, userId, 'quiet_home');
  const history = await db.select().from(consentEvents).where(eq(consentEvents.userId, userId)).orderBy(asc(consentEvents.id));
  return {
    privacy: { currentVersion: PRIVACY_VERSION, acceptedVersion: privacy?.version ?? null, acceptedAt: iso(privacy?.acceptedAt), upToDate: privacy?.version === PRIVACY_VERSION },
    items: [
      // location and subscribe messages: WeChat asks at first use; granted unless withdrawn here
      { kind: 'location' as const, label: CONSENT_LABELS.location, granted: loc ? loc.granted : true, changedAt: iso(loc?.at) },
      { kind: 'subscribe' as const, label: CONSENT_LABELS.subscribe, granted: sub ? sub.granted : true, changedAt: iso(sub?.at) },
      // 亲情守护 is off until the senior turns it on (or consents to a family member's request)
      { kind: 'quiet_home' as const, label: CONSENT_LABELS.quiet_home, granted: watch?.status === 'active', changedAt: iso(qh?.at), pending: watch?.status === 'pending_consent' },
    ],
    history: history.map((h) => ({ kind: h.kind, label: CONSENT_LABELS[h.kind], granted: h.granted, version: h.version, at: h.at.toISOString() })),
  };
}

/** Grants or withdraws one consent; the feature follows at once (same transaction). */
export async function changeConsent(tx: Tx, user: AuthUser, kind: ChangeableConsent, granted: boolean, now: Date, facts: RequestFacts): Promise<void> {
  if (kind === 'quiet_home') {
    // setQuietHome records the consent event itself (the senior's own answer) and audits
    await setQuietHome(tx, user, user.id, { enabled: granted }, now, facts);
    return;
  }
  await recordConsent(tx, user.id, kind, granted, now);
  if (kind === 'subscribe' && !granted) {
    await tx.update(wechatSubscriptions).set({ remaining: 0 }).where(eq(wechatSubscriptions.userId, user.id));
  }
  await audit(tx, { actorId: user.id, action: granted ? 'consent.grant' : 'consent.withdraw', targetType: 'user', targetId: user.id, detail: { kind }, ...facts });
}

/** Records that the user accepted this version of the privacy notice; accepting it again keeps the first time. */
export async function acceptPrivacy(db: DbOrTx, userId: number, version: string, now: Date): Promise<{ version: string; acceptedAt: string }> {
  try {
    await db.insert(privacyConsents).values({ userId, version, acceptedAt: now });
    await recordConsent(db, userId, 'privacy', true, now, version);
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
  }
  const [row] = await db
    .select()
    .from(privacyConsents)
    .where(and(eq(privacyConsents.userId, userId), eq(privacyConsents.version, version)));
  return { version: row.version, acceptedAt: row.acceptedAt.toISOString() };
}
