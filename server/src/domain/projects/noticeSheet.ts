import { existsSync } from 'node:fs';
import { and, asc, eq, gte, inArray, isNotNull, lt } from 'drizzle-orm';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { DbOrTx } from '../../db/client';
import { activities, branches, complexes, opinions } from '../../db/schema';
import { notFound, unavailable } from '../../errors';
import { formatShanghai, monthRange } from '../time/shanghai';
import { openProjectsOf } from './queries';

/**
 * 纸质月报: the A4 notice-board sheet of one complex for residents who never open the app. For
 * `month` (YYYY-MM, Shanghai) it shows the following month's activities and branch services (each
 * with a QR code to its booking page), the answers given this month to public opinions, the
 * progress of open projects, and the hotline. Made with pdfkit, the CJK font embedded.
 */

export interface SheetOptions {
  fontPath: string;
  fontFace: string;
  baseUrl: string;
}

export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

const monthLabel = (month: string) => `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`;

export async function noticeSheetData(db: DbOrTx, complexId: number, month: string) {
  const [c] = await db.select().from(complexes).where(eq(complexes.id, complexId));
  if (!c) throw notFound('民生综合体不存在');
  const next = monthRange(nextMonth(month));
  const acts = await db
    .select({ id: activities.id, title: activities.title, startAt: activities.startAt, endAt: activities.endAt, location: activities.location, branchName: branches.name, capacity: activities.capacity })
    .from(activities)
    .leftJoin(branches, eq(branches.id, activities.organizerBranchId))
    .where(and(eq(activities.complexId, complexId), eq(activities.status, 'published'), gte(activities.startAt, next.from), lt(activities.startAt, next.to)))
    .orderBy(asc(activities.startAt), asc(activities.id))
    .limit(16);
  const cur = monthRange(month);
  const answers = await db
    .select({ title: opinions.title, reply: opinions.reply, repliedAt: opinions.repliedAt })
    .from(opinions)
    .where(
      and(
        eq(opinions.complexId, complexId),
        eq(opinions.visibility, 'public'),
        inArray(opinions.status, ['replied', 'closed']),
        isNotNull(opinions.reply),
        gte(opinions.repliedAt, cur.from),
        lt(opinions.repliedAt, cur.to),
      ),
    )
    .orderBy(asc(opinions.repliedAt))
    .limit(12);
  return { complex: { id: c.id, name: c.name, address: c.address, hotline: c.hotline }, month, nextMonth: nextMonth(month), activities: acts, answers, projects: await openProjectsOf(db, complexId) };
}

export type SheetData = Awaited<ReturnType<typeof noticeSheetData>>;

export const bookingUrl = (base: string, activityId: number) => `${base.replace(/\/$/, '')}/#/packages/booking/pages/detail/index?id=${activityId}`;

export async function renderNoticeSheet(d: SheetData, o: SheetOptions): Promise<Buffer> {
  if (!existsSync(o.fontPath)) {
    throw unavailable(`服务器缺少中文字体（${o.fontPath}），无法生成公告单；请安装 fonts-noto-cjk（.ci/run 会安装）或设置 PDF_CJK_FONT`);
  }
  const qrs = await Promise.all(d.activities.map((a) => QRCode.toBuffer(bookingUrl(o.baseUrl, a.id), { margin: 0, width: 120, errorCorrectionLevel: 'M' })));
  const doc = new PDFDocument({ size: 'A4', margin: 40, info: { Title: `${d.complex.name} ${monthLabel(d.month)}居民公告`, Author: '幸福荟' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', o.fontPath, o.fontFace);
  doc.font('cjk');
  const width = doc.page.width - 80;
  const ensure = (h: number) => {
    if (doc.y + h > doc.page.height - 60) doc.addPage();
  };
  const heading = (t: string) => {
    ensure(40);
    doc.moveDown(0.6).fontSize(15).fillColor('#b3261e').text(t, 40, doc.y, { width }).fillColor('#000').moveDown(0.3);
  };

  doc.fontSize(22).text(`${d.complex.name}`, { align: 'center' });
  doc.fontSize(16).text(`${monthLabel(d.month)}居民公告`, { align: 'center' });
  doc.fontSize(10).fillColor('#555').text(d.complex.address, { align: 'center' }).fillColor('#000');

  heading(`一、${monthLabel(d.nextMonth)}活动与党员服务（扫码预约）`);
  if (!d.activities.length) doc.fontSize(11).text('下月活动正在安排中，请留意社区通知。');
  d.activities.forEach((a, i) => {
    ensure(70);
    const top = doc.y;
    doc.image(qrs[i], 40 + width - 60, top, { width: 60 });
    doc.fontSize(12).text(`${a.branchName ? '【党员服务】' : ''}${a.title}`, 40, top, { width: width - 70 });
    doc.fontSize(10).text(`时间：${formatShanghai(a.startAt)}–${formatShanghai(a.endAt).slice(-5)}`, { width: width - 70 });
    if (a.location) doc.text(`地点：${a.location}`, { width: width - 70 });
    if (a.branchName) doc.text(`服务单位：${a.branchName}`, { width: width - 70 });
    doc.y = Math.max(doc.y, top + 64);
  });

  heading(`二、${monthLabel(d.month)}民意答复`);
  if (!d.answers.length) doc.fontSize(11).text('本月暂无公开答复。');
  for (const a of d.answers) {
    ensure(50);
    doc.fontSize(12).text(`问：${a.title}`, 40, doc.y, { width });
    doc.fontSize(10).text(`答：${a.reply ?? ''}`, { width });
    doc.moveDown(0.4);
  }

  heading('三、民生项目进展');
  if (!d.projects.length) doc.fontSize(11).text('目前没有推进中的民生项目。');
  for (const p of d.projects) {
    ensure(50);
    doc.fontSize(12).text(`${p.title}（${p.statusLabel}，节点 ${p.done}/${p.total}，计划 ${p.dueDate} 完成）`, 40, doc.y, { width });
    if (p.next) doc.fontSize(10).text(`下一步：${p.next.title}（${p.next.dueDate}）`, { width });
    if (p.lastUpdate) doc.fontSize(10).text(`最新进展：${p.lastUpdate.text}`, { width });
    doc.moveDown(0.4);
  }

  ensure(40);
  doc.moveDown(1).fontSize(13).text(`服务热线：${d.complex.hotline || '请咨询综合体服务台'}`, 40, doc.y, { width, align: 'center' });
  doc.fontSize(9).fillColor('#555').text('用微信扫描二维码即可预约；不会用手机的居民可到服务台或拨打热线请工作人员代为预约。', { width, align: 'center' });
  doc.end();
  return done;
}
