// Response schemas of party-branch pairing and service offerings (结对 · 我为民生综合体送服务), the
// district coverage matrix and the service catalog: used by the server's route specs and, as z.infer
// types, by the mini-program (`import type`, so zod stays out of its bundle). zod only.
import { z } from 'zod';

export const BranchSummary = z.object({ id: z.number().int(), name: z.string(), department: z.string(), complexIds: z.array(z.number().int()) });

export const BranchMember = z.object({
  id: z.number().int(),
  nickname: z.string(),
  realName: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  joinedAt: z.string(),
});

export const BranchDetail = z.object({
  id: z.number().int(),
  name: z.string(),
  department: z.string(),
  secretary: z.string(),
  contact: z.string(),
  complexIds: z.array(z.number().int()),
  complexes: z.array(z.object({ id: z.number().int(), name: z.string(), streetId: z.number().int(), address: z.string() })),
  /** only for the branch's own accounts and district admins; null for everyone else */
  members: z.array(BranchMember).nullable(),
  /** whether the caller may act for this branch */
  canManage: z.boolean(),
});

export const BranchMembers = z.object({ members: z.array(BranchMember) });
export const BranchPairs = z.object({ branchId: z.number().int(), complexIds: z.array(z.number().int()) });

export const OFFERING_STATUSES = ['draft', 'published', 'cancelled', 'finished'] as const;

export const Offering = z.object({
  id: z.number().int(),
  title: z.string(),
  description: z.string(),
  location: z.string(),
  complexId: z.number().int(),
  complexName: z.string(),
  branchId: z.number().int(),
  branchName: z.string(),
  department: z.string(),
  serviceItemId: z.number().int(),
  serviceItemName: z.string(),
  categoryId: z.number().int(),
  categoryName: z.string(),
  startAt: z.string(),
  endAt: z.string(),
  capacity: z.number().int(),
  bookedCount: z.number().int(),
  volunteersNeeded: z.number().int(),
  pointsReward: z.number().int(),
  status: z.enum(OFFERING_STATUSES),
  distanceM: z.number().int().optional(),
});

export const OfferingRecord = z.object({ peopleServed: z.number().int(), notes: z.string(), recordedBy: z.number().int(), updatedAt: z.string() });

export const OfferingDetail = Offering.extend({
  myBooking: z
    .object({ id: z.number().int(), status: z.string(), waitlistPosition: z.number().int().nullable(), canCancel: z.boolean(), checkedInAt: z.string().nullable() })
    .nullable(),
  /** whether the caller may manage it (its branch's accounts, district admins) */
  canManage: z.boolean(),
  /** for managers only */
  checkedInCount: z.number().int().optional(),
  record: OfferingRecord.nullable().optional(),
});

export const WorkbenchOffering = Offering.extend({ checkedInCount: z.number().int(), record: OfferingRecord.nullable() });

export const RosterEntry = z.object({
  bookingId: z.number().int(),
  userId: z.number().int(),
  nickname: z.string(),
  realName: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  status: z.string(),
  statusLabel: z.string(),
  waitlistSeq: z.number().int().nullable(),
  checkedInAt: z.string().nullable(),
  bookedAt: z.string(),
});

export const OfferingCheckIn = z.object({
  bookingId: z.number().int(),
  userId: z.number().int(),
  status: z.literal('checked_in'),
  checkedInAt: z.string(),
  pointsAwarded: z.number().int(),
  alreadyCheckedIn: z.boolean(),
});

export const SessionRecord = z.object({ record: OfferingRecord.nullable(), checkedInCount: z.number().int() });

export const MonthRecord = z.object({
  branchId: z.number().int(),
  month: z.string(),
  sessionsHeld: z.number().int(),
  residentsServed: z.number().int(),
  peopleServedRecorded: z.number().int(),
  sessionsRecorded: z.number().int(),
  volunteerHours: z.number(),
  /** average stars (1–5, one decimal) of residents' ratings of the month's held sessions; null without any */
  averageRating: z.number().nullable(),
  ratingCount: z.number().int(),
  sessions: z.array(
    z.object({
      offeringId: z.number().int(),
      title: z.string(),
      startAt: z.string(),
      complexId: z.number().int(),
      complexName: z.string(),
      categoryName: z.string(),
      bookedCount: z.number().int(),
      checkedIn: z.number().int(),
      recorded: z.boolean(),
      peopleServed: z.number().int().nullable(),
      notes: z.string().nullable(),
      /** residents' ratings of this session: average stars (one decimal), null without any */
      averageRating: z.number().nullable(),
      ratingCount: z.number().int(),
    }),
  ),
});

export const Pairing = z.object({
  branchId: z.number().int(),
  branchName: z.string(),
  department: z.string(),
  complexId: z.number().int(),
  complexName: z.string(),
  streetName: z.string(),
});

export const PairingImport = z.object({ imported: z.number().int(), removed: z.number().int(), branches: z.number().int(), complexes: z.number().int(), unpairedBranches: z.number().int() });

export const Coverage = z.object({
  month: z.string(),
  categories: z.array(z.object({ id: z.number().int(), name: z.string() })),
  complexes: z.array(
    z.object({
      complexId: z.number().int(),
      complexName: z.string(),
      streetName: z.string(),
      pairedBranches: z.array(z.object({ id: z.number().int(), name: z.string() })),
      /** offerings this month per category, in the order of `categories` */
      cells: z.array(z.number().int()),
      total: z.number().int(),
      flagged: z.boolean(),
      flagReason: z.string().nullable(),
    }),
  ),
  flaggedCount: z.number().int(),
  ranking: z.array(
    z.object({
      rank: z.number().int(),
      branchId: z.number().int(),
      name: z.string(),
      department: z.string(),
      sessionsHeld: z.number().int(),
      residentsServed: z.number().int(),
      /** average stars of residents' ratings of the month's held sessions; null without any */
      averageRating: z.number().nullable(),
      ratingCount: z.number().int(),
    }),
  ),
});

/** 区级服务清单: categories with their service items. */
export const Catalog = z.object({
  items: z.array(z.object({ id: z.number().int(), name: z.string(), items: z.array(z.object({ id: z.number().int(), name: z.string() })) })),
});
