// Residency, staff and place-management payloads both sides use (zod only; the mini-program
// imports the types with `import type`, so zod stays out of its bundle).
import { z } from 'zod';
import { COMPLEX_MODES, MANAGED_STAFF_ROLES, RESIDENCY_STATUSES, ROLES, SPACE_TYPES } from '../constants';

export const ResidencyStatus = z.enum(RESIDENCY_STATUSES);
export type ResidencyStatus = z.infer<typeof ResidencyStatus>;

/** GET /me → residency */
export const Residency = z.object({
  complexId: z.number().int().nullable(),
  complexName: z.string().nullable(),
  status: ResidencyStatus,
  verifiedAt: z.string().nullable(),
});
export type Residency = z.infer<typeof Residency>;

/** POST /complexes/:id/residents/:userId/verify (and /revoke, /residency/scan) */
export const ResidencyDecision = z.object({
  userId: z.number().int(),
  complexId: z.number().int(),
  status: ResidencyStatus,
  verifiedAt: z.string().nullable(),
});
export type ResidencyDecision = z.infer<typeof ResidencyDecision>;

/** One row of the 居民认证 list. */
export const ResidentClaim = z.object({
  userId: z.number().int(),
  name: z.string(),
  phoneMasked: z.string().nullable(),
  status: ResidencyStatus,
  claimedAt: z.string().nullable(),
  verifiedAt: z.string().nullable(),
});
export type ResidentClaim = z.infer<typeof ResidentClaim>;

/** GET /me/residency/code: the 认证码 a resident shows at the counter. */
export const ResidencyCode = z.object({ code: z.string(), qrDataUrl: z.string(), complexId: z.number().int(), complexName: z.string().nullable(), expiresAt: z.string(), refreshInS: z.number().int() });
export type ResidencyCode = z.infer<typeof ResidencyCode>;

// ---- staff (人员管理) -----------------------------------------------------------------------

const zPhone = z.string().trim().regex(/^1[3-9]\d{9}$/, '请输入 11 位手机号');

export const StaffAdd = z
  .object({
    phone: zPhone,
    role: z.enum(MANAGED_STAFF_ROLES),
    complexIds: z.array(z.number().int().positive()).max(50).optional(),
    streetId: z.number().int().positive().optional(),
    realName: z.string().trim().min(1).max(32).optional(),
  })
  .strict();
export type StaffAdd = z.infer<typeof StaffAdd>;

export const StaffChange = z
  .object({ complexIds: z.array(z.number().int().positive()).min(1, '至少选择一个综合体').max(50).optional(), streetId: z.number().int().positive().optional() })
  .strict();
export type StaffChange = z.infer<typeof StaffChange>;

export const StaffMember = z.object({
  userId: z.number().int(),
  name: z.string(),
  phoneMasked: z.string().nullable(),
  role: z.enum(ROLES),
  complexIds: z.array(z.number().int()),
  streetId: z.number().int().nullable(),
});
export type StaffMember = z.infer<typeof StaffMember>;

export const StaffRemoved = z.object({ userId: z.number().int(), role: z.string(), removedComplexIds: z.array(z.number().int()), sessionsRevoked: z.boolean() });
export type StaffRemoved = z.infer<typeof StaffRemoved>;

// ---- places (场所管理) ----------------------------------------------------------------------

export const zLatitude = z.number({ error: '请填写纬度' }).min(-90).max(90);
export const zLongitude = z.number({ error: '请填写经度' }).min(-180).max(180);

export const ComplexCreate = z
  .object({
    streetId: z.number().int().positive(),
    communityId: z.number().int().positive().nullable().optional(),
    name: z.string().trim().min(2, '名称至少 2 个字').max(64),
    mode: z.enum(COMPLEX_MODES),
    address: z.string().trim().min(2, '请填写地址').max(200),
    lat: zLatitude,
    lng: zLongitude,
    openingHours: z.string().trim().max(100).optional(),
    hotline: z.string().trim().max(32).optional(),
    description: z.string().trim().max(500).optional(),
  })
  .strict();
export type ComplexCreate = z.infer<typeof ComplexCreate>;

export const ComplexPatch = ComplexCreate.omit({ streetId: true }).partial().extend({ archived: z.boolean().optional() }).strict();
export type ComplexPatch = z.infer<typeof ComplexPatch>;

export const FacilityCreate = z
  .object({ name: z.string().trim().min(1, '请填写名称').max(64), address: z.string().trim().min(2, '请填写地址').max(200), lat: zLatitude, lng: zLongitude })
  .strict();
export type FacilityCreate = z.infer<typeof FacilityCreate>;
export const FacilityPatch = FacilityCreate.partial().strict();

export const SpaceCreate = z
  .object({
    name: z.string().trim().min(1, '请填写名称').max(64),
    type: z.enum(SPACE_TYPES),
    bookable: z.boolean().default(false),
    capacity: z.number().int().min(0).max(10000).default(0),
    description: z.string().trim().max(300).optional(),
  })
  .strict();
export type SpaceCreate = z.infer<typeof SpaceCreate>;
export const SpacePatch = z
  .object({
    name: z.string().trim().min(1).max(64).optional(),
    type: z.enum(SPACE_TYPES).optional(),
    bookable: z.boolean().optional(),
    capacity: z.number().int().min(0).max(10000).optional(),
    description: z.string().trim().max(300).optional(),
  })
  .strict();

export const CommunityCreate = z.object({ streetId: z.number().int().positive(), name: z.string().trim().min(2, '名称至少 2 个字').max(64) }).strict();
export const CommunityPatch = z.object({ name: z.string().trim().min(2, '名称至少 2 个字').max(64) }).strict();
export const Community = z.object({ id: z.number().int(), streetId: z.number().int(), name: z.string() });
