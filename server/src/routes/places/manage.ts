import { z } from 'zod';
import { IdParams, pageOf, route, zId } from '../../http/route';
import { readUploadedFile } from '../../http/upload';
import {
  createCommunity,
  createComplex,
  createFacility,
  createSpace,
  removeFacility,
  removeSpace,
  renameCommunity,
  updateComplex,
  updateFacility,
  updateSpace,
} from '../../domain/places/manage';
import { COMPLEX_PHOTO_LIMITS, addComplexPhoto, readComplexPhoto, removeComplexPhoto } from '../../domain/places/photos';
import { communitiesOf } from '../../domain/places/queries';
import { Community, CommunityCreate, CommunityPatch, ComplexCreate, ComplexPatch, FacilityCreate, FacilityPatch, SpaceCreate, SpacePatch } from '../../../../shared/api/residency';

/** Who manages places: district admins, and a street admin within their street (checked per place). */
const ADMINS = ['street_admin', 'district_admin'] as const;
/** Photos are added by anyone who runs the complex. */
const STAFF = ['worker', 'street_admin', 'district_admin'] as const;
const TAGS = ['places'];
const Created = z.object({ id: z.number().int() });
const Removed = z.object({ id: z.number().int(), archived: z.boolean() });
const PhotoParams = z.object({ id: zId, photoId: zId });
const Photo = z.object({ id: z.number().int(), complexId: z.number().int(), url: z.string(), width: z.number().int(), height: z.number().int() });
const audited = (action: string, targetType: string, idOf: (io: { params: unknown; result: unknown }) => unknown, detail?: (body: unknown) => Record<string, unknown>) =>
  ({ params, body, result }: { params: unknown; body: unknown; result: unknown }) => ({
    action,
    targetType,
    targetId: idOf({ params, result }) as number,
    detail: detail ? detail(body) : ((body ?? {}) as Record<string, unknown>),
  });
const resultId = ({ result }: { result: unknown }) => (result as { id: number }).id;
const paramId = ({ params }: { params: unknown }) => (params as { id: number }).id;

export default [
  route({
    method: 'get',
    path: '/api/v1/communities',
    summary: '村社（社区）列表',
    tags: TAGS,
    auth: 'public',
    reference: 'cache',
    query: z.object({ streetId: zId.optional() }),
    response: pageOf(Community),
    handler: async ({ query, deps }) => ({ items: await communitiesOf(deps.db, query.streetId), nextCursor: null }),
  }),
  route({
    method: 'post',
    path: '/api/v1/communities',
    summary: '新建村社',
    tags: TAGS,
    auth: ADMINS,
    body: CommunityCreate,
    status: 201,
    response: Created,
    transaction: true,
    audit: audited('community.create', 'community', resultId),
    handler: ({ user, body, tx }) => createCommunity(tx, user, body),
  }),
  route({
    method: 'patch',
    path: '/api/v1/communities/:id',
    summary: '修改村社名称',
    tags: TAGS,
    auth: ADMINS,
    params: IdParams,
    body: CommunityPatch,
    response: Created,
    transaction: true,
    audit: audited('community.update', 'community', paramId),
    handler: ({ user, params, body, tx }) => renameCommunity(tx, user, params.id, body.name),
  }),
  route({
    method: 'post',
    path: '/api/v1/complexes',
    summary: '新建民生综合体',
    description: 'District admins; a street admin within their street (403 otherwise). The point must lie inside Xihu district (422). The main site (主阵地) is created at the same point; add satellites with POST /complexes/:id/facilities. 409 name_taken.',
    tags: TAGS,
    auth: ADMINS,
    body: ComplexCreate,
    status: 201,
    idempotent: true,
    response: Created,
    transaction: true,
    audit: audited('complex.create', 'complex', resultId),
    handler: ({ user, body, tx }) => createComplex(tx, user, body),
  }),
  route({
    method: 'patch',
    path: '/api/v1/complexes/:id',
    summary: '修改民生综合体（名称、模式、地址、坐标、开放时间、电话；archived 归档）',
    description: 'District admins; the street admin of its street. Moving it moves the main site; a 星月式 complex must keep every satellite within 500 m (422 too_far). `archived: true` hides it from the lists and keeps its history.',
    tags: TAGS,
    auth: ADMINS,
    params: IdParams,
    body: ComplexPatch,
    response: Created,
    transaction: true,
    audit: audited('complex.update', 'complex', paramId),
    handler: ({ user, params, body, deps, tx }) => updateComplex(tx, user, params.id, body, deps.clock.now()),
  }),
  route({
    method: 'post',
    path: '/api/v1/complexes/:id/facilities',
    summary: '新增设施（星月式的卫星点、珠链式的一环）',
    description: 'A 星月式 satellite more than 500 m from the main site → 422 too_far (the message names the distance; `details.distanceM`). Inside Xihu district only.',
    tags: TAGS,
    auth: ADMINS,
    params: IdParams,
    body: FacilityCreate,
    status: 201,
    response: Created,
    transaction: true,
    audit: audited('facility.create', 'facility', resultId, (b) => ({ ...(b as object) })),
    handler: ({ user, params, body, tx }) => createFacility(tx, user, params.id, body),
  }),
  route({
    method: 'patch',
    path: '/api/v1/facilities/:id',
    summary: '修改设施',
    tags: TAGS,
    auth: ADMINS,
    params: IdParams,
    body: FacilityPatch,
    response: z.object({ id: z.number().int(), complexId: z.number().int() }),
    transaction: true,
    audit: audited('facility.update', 'facility', paramId),
    handler: ({ user, params, body, tx }) => updateFacility(tx, user, params.id, body),
  }),
  route({
    method: 'delete',
    path: '/api/v1/facilities/:id',
    summary: '删除设施（有预约记录则归档）',
    description: 'Its spaces go with it; anything that was ever booked is archived instead of deleted (`archived: true`). The main site cannot be removed (409 main_site).',
    tags: TAGS,
    auth: ADMINS,
    params: IdParams,
    response: Removed,
    transaction: true,
    audit: ({ params, result }) => ({ action: 'facility.remove', targetType: 'facility', targetId: params.id, detail: { archived: (result as { archived: boolean }).archived } }),
    handler: ({ user, params, deps, tx }) => removeFacility(tx, user, params.id, deps.clock.now()),
  }),
  route({
    method: 'post',
    path: '/api/v1/facilities/:id/spaces',
    summary: '新增空间（“7+X”类型、是否可预约、容量）',
    tags: TAGS,
    auth: ADMINS,
    params: IdParams,
    body: SpaceCreate,
    status: 201,
    response: Created,
    transaction: true,
    audit: audited('space.create', 'space', resultId),
    handler: ({ user, params, body, tx }) => createSpace(tx, user, params.id, body),
  }),
  route({
    method: 'patch',
    path: '/api/v1/spaces/:id',
    summary: '修改空间',
    tags: TAGS,
    auth: ADMINS,
    params: IdParams,
    body: SpacePatch,
    response: Created,
    transaction: true,
    audit: audited('space.update', 'space', paramId),
    handler: ({ user, params, body, tx }) => updateSpace(tx, user, params.id, body),
  }),
  route({
    method: 'delete',
    path: '/api/v1/spaces/:id',
    summary: '删除空间（有预约记录则归档）',
    description: 'A space that was ever booked (an activity there, a slot booking) is archived — hidden and no longer bookable — instead of deleted.',
    tags: TAGS,
    auth: ADMINS,
    params: IdParams,
    response: Removed,
    transaction: true,
    audit: ({ params, result }) => ({ action: 'space.remove', targetType: 'space', targetId: params.id, detail: { archived: (result as { archived: boolean }).archived } }),
    handler: ({ user, params, deps, tx }) => removeSpace(tx, user, params.id, deps.clock.now()),
  }),
  route({
    method: 'post',
    path: '/api/v1/complexes/:id/photos',
    summary: '上传综合体照片',
    description: `Staff of the complex; a JPEG or PNG of at most 8 MB as the raw body or the first file of a multipart form. Stored turned upright, at most ${COMPLEX_PHOTO_LIMITS.maxSide} px, as JPEG without EXIF; at most ${COMPLEX_PHOTO_LIMITS.perComplex} per complex (409 too_many_photos). Audited.`,
    tags: TAGS,
    auth: STAFF,
    params: IdParams,
    upload: 'image/jpeg',
    status: 201,
    response: Photo,
    transaction: true,
    audit: ({ params, result }) => ({ action: 'complex.photo_add', targetType: 'complex', targetId: params.id, detail: { photoId: (result as { id: number }).id } }),
    handler: async ({ user, params, deps, ctx, tx }) => {
      const file = await readUploadedFile(ctx, COMPLEX_PHOTO_LIMITS.bytes);
      return addComplexPhoto(tx, deps.config.UPLOAD_DIR, user, params.id, file.data);
    },
  }),
  route({
    method: 'delete',
    path: '/api/v1/complexes/:id/photos/:photoId',
    summary: '删除综合体照片',
    tags: TAGS,
    auth: STAFF,
    params: PhotoParams,
    response: Created,
    transaction: true,
    audit: ({ params }) => ({ action: 'complex.photo_remove', targetType: 'complex', targetId: params.id, detail: { photoId: params.photoId } }),
    handler: ({ user, params, deps, tx }) => removeComplexPhoto(tx, deps.config.UPLOAD_DIR, user, params.id, params.photoId),
  }),
  route({
    method: 'get',
    path: '/api/v1/complex-photos/:id',
    summary: '综合体照片（公开）',
    tags: TAGS,
    auth: 'public',
    params: IdParams,
    raw: true,
    handler: async ({ params, deps, ctx }) => {
      ctx.type = 'image/jpeg';
      ctx.set('Cache-Control', 'public, max-age=86400');
      ctx.set('X-Content-Type-Options', 'nosniff');
      ctx.body = await readComplexPhoto(deps.db, deps.config.UPLOAD_DIR, params.id);
    },
  }),
];
