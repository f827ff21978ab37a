import { z } from 'zod';
import { zId } from '../../http/route';

const text = (max: number, label: string) => z.string().trim().min(1, `${label}不能为空`).max(max, `${label}最多 ${max} 个字`);

export const BranchCreate = z
  .object({
    name: text(100, '党支部名称'),
    department: text(64, '所属部门'),
    secretary: z.string().trim().max(32, '书记姓名最多 32 个字').optional(),
    contact: z.string().trim().max(32, '联系方式最多 32 个字').optional(),
  })
  .strict();

export const BranchPatch = z
  .object({
    name: text(100, '党支部名称').optional(),
    department: text(64, '所属部门').optional(),
    secretary: z.string().trim().max(32, '书记姓名最多 32 个字').optional(),
    contact: z.string().trim().max(32, '联系方式最多 32 个字').optional(),
  })
  .strict();

export const MemberAdd = z
  .object({
    userId: zId.optional(),
    phone: z.string().trim().regex(/^1[3-9]\d{9}$/, '请输入 11 位手机号').optional(),
  })
  .strict()
  .refine((v) => (v.userId === undefined) !== (v.phone === undefined), { message: '请填写用户编号或手机号（二选一）', path: ['phone'] });

export const PairAdd = z.object({ complexId: zId }).strict();
export const MemberParams = z.object({ id: zId, userId: zId });
export const PairParams = z.object({ id: zId, complexId: zId });
