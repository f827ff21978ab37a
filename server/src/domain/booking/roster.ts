import ExcelJS from 'exceljs';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { bookings, slotBookings, users } from '../../db/schema';
import { formatShanghai } from '../time/shanghai';
import { BOOKING_STATUS_LABELS, type BookingStatus } from '../../../../shared/booking';

export interface RosterRow {
  bookingId: number;
  userId: number;
  nickname: string;
  realName: string | null;
  phoneMasked: string | null;
  status: BookingStatus;
  statusLabel: string;
  waitlistSeq: number | null;
  bookedAt: string;
  checkedInAt: string | null;
}

/** Everyone who booked an activity: seats first, then the waitlist in order, then the rest. */
export async function activityRoster(db: Db, activityId: number): Promise<RosterRow[]> {
  const rows = await db
    .select({ b: bookings, nickname: users.nickname, realName: users.realName, phoneMasked: users.phoneMasked })
    .from(bookings)
    .innerJoin(users, eq(users.id, bookings.userId))
    .where(eq(bookings.activityId, activityId))
    .orderBy(sql`FIELD(${bookings.status}, 'checked_in', 'booked', 'no_show', 'waitlisted', 'cancelled')`, asc(bookings.id));
  return rows.map(({ b, ...u }) => ({
    bookingId: b.id,
    userId: b.userId,
    nickname: u.nickname,
    realName: u.realName,
    phoneMasked: u.phoneMasked,
    status: b.status,
    statusLabel: BOOKING_STATUS_LABELS[b.status],
    waitlistSeq: b.waitlistSeq,
    bookedAt: b.createdAt.toISOString(),
    checkedInAt: b.checkedInAt?.toISOString() ?? null,
  }));
}

/** Who booked a space on one date, by slot. */
export async function spaceRoster(db: Db, spaceId: number, day: string) {
  const rows = await db
    .select({ b: slotBookings, nickname: users.nickname, phoneMasked: users.phoneMasked })
    .from(slotBookings)
    .innerJoin(users, eq(users.id, slotBookings.userId))
    .where(and(eq(slotBookings.spaceId, spaceId), eq(slotBookings.day, day)))
    .orderBy(asc(slotBookings.startsAt), asc(slotBookings.id));
  return rows.map(({ b, nickname, phoneMasked }) => ({
    bookingId: b.id,
    userId: b.userId,
    nickname,
    phoneMasked,
    startAt: b.startsAt.toISOString(),
    endAt: b.endsAt.toISOString(),
    status: b.status,
    statusLabel: BOOKING_STATUS_LABELS[b.status],
    checkedInAt: b.checkedInAt?.toISOString() ?? null,
  }));
}

/** The roster as an .xlsx workbook (phone numbers stay masked). */
export async function rosterWorkbook(title: string, startAt: Date, rows: RosterRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '幸福荟';
  const ws = wb.addWorksheet('报名名单');
  ws.addRow([`${title}（${formatShanghai(startAt)}）`]);
  ws.mergeCells(1, 1, 1, 7);
  ws.getRow(1).font = { bold: true, size: 14 };
  ws.addRow(['序号', '昵称', '姓名', '手机号', '状态', '预约时间', '签到时间']).font = { bold: true };
  rows.forEach((r, i) =>
    ws.addRow([
      i + 1,
      r.nickname,
      r.realName ?? '',
      r.phoneMasked ?? '',
      r.statusLabel + (r.waitlistSeq ? `（第 ${r.waitlistSeq} 位）` : ''),
      formatShanghai(new Date(r.bookedAt)),
      r.checkedInAt ? formatShanghai(new Date(r.checkedInAt)) : '',
    ]),
  );
  ws.columns.forEach((c, i) => (c.width = [6, 16, 10, 14, 16, 20, 20][i]));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
