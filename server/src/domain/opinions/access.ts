import { DELETED_USER_NICKNAME } from '../../../../shared/constants';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { opinions } from '../../db/schema';
import { notFound } from '../../errors';
import type { AuthUser } from '../access/actor';
import { canManageComplex } from '../access/scope';
import { HIDDEN_FROM_PUBLIC } from './workflow';

export type OpinionRow = typeof opinions.$inferSelect;
/** How the caller relates to an opinion: wrote it, runs its complex, or just a member of the public. */
export type Viewer = 'owner' | 'staff' | 'public';

/** The caller's relation to the opinion, or null when they may not see it at all. */
export async function viewerOf(db: DbOrTx, user: AuthUser | null, o: OpinionRow): Promise<Viewer | null> {
  if (user && (user.role === 'worker' || user.role === 'street_admin' || user.role === 'district_admin') && (await canManageComplex(db, user, o.complexId))) return 'staff';
  if (user && user.id === o.userId) return 'owner';
  if (o.visibility === 'public' && !HIDDEN_FROM_PUBLIC.includes(o.status)) return 'public';
  return null;
}

/** Loads an opinion the caller may see; anything else (missing, someone else's private one) is 404. */
export async function loadVisibleOpinion(db: DbOrTx, user: AuthUser | null, id: number): Promise<{ opinion: OpinionRow; viewer: Viewer }> {
  const [o] = await db.select().from(opinions).where(eq(opinions.id, id)).limit(1);
  const viewer = o ? await viewerOf(db, user, o) : null;
  if (!o || !viewer) throw notFound('意见不存在或无权查看');
  return { opinion: o, viewer };
}

/** 张三 → 张*, 微信用户 → 微**户: names others see on public opinions. */
export function maskName(name: string | null | undefined): string {
  const chars = Array.from((name ?? '').trim());
  if (name === DELETED_USER_NICKNAME) return name;
  if (chars.length === 0) return '居民';
  if (chars.length === 1) return `${chars[0]}*`;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/**
 * Phone and ID numbers someone typed into a public opinion, masked for everyone but the writer and
 * staff: 13912345678 → 139****5678, 330106195203041528 → 330106********1528 (also with spaces or
 * dashes between the groups, as people type them).
 */
/** Every number masked has three digits in a row; most texts have none, and skip the three scans. */
const THREE_DIGITS = /\d{3}/u;

export function maskPersonalNumbers(text: string): string {
  if (!THREE_DIGITS.test(text)) return text;
  return text
    .replace(/(?<![\dA-Za-z])(\d{6})[\s-]?(\d{4})[\s-]?(\d{4})[\s-]?(\d{3}[\dXx])(?![\dA-Za-z])/gu, (_m, a: string, _b, _c, d: string) => `${a}********${d.slice(-4)}`)
    .replace(/(?<!\d)(\+?86[\s-]?)?(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?!\d)/gu, (_m, cc: string | undefined, a: string, _b, c: string) => `${cc ?? ''}${a}****${c}`)
    .replace(/(?<!\d)(0\d{2,3})[\s-]?(\d{7,8})(?!\d)/gu, (_m, area: string, n: string) => `${area}-${'*'.repeat(n.length - 4)}${n.slice(-4)}`);
}
