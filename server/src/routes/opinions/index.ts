import { z } from 'zod';
import { IdParams, encodeCursor, decodeIdCursor, pageOf, route } from '../../http/route';
import { readUploadedFile } from '../../http/upload';
import { validationFailed } from '../../errors';
import { OPINION_CATEGORIES, OPINION_LIMITS } from '../../../../shared/opinions';
import { loadVisibleOpinion } from '../../domain/opinions/access';
import { addPhoto, readPhoto } from '../../domain/opinions/photos';
import { presentDetail } from '../../domain/opinions/present';
import { cosign, hotTopics, listMine, listPublic } from '../../domain/opinions/queries';
import { submitOpinion } from '../../domain/opinions/submit';
import { takeAction } from '../../domain/opinions/transitions';
import {
  AssignBody,
  EvaluateBody,
  HotTopicsQuery,
  MineQuery,
  NoteBody,
  PhotoParams,
  PhotoQuery,
  PublicListQuery,
  ReasonBody,
  ReplyBody,
  SubmitBody,
} from './schema';
import { Cosigned, HotTopics, OpinionDetail, OpinionMeta, OpinionPhoto, OpinionSummary, StatusOut } from '../../../../shared/api/roundtable';
import workbench from './workbench';
import { addDays, shanghaiDay } from '../../domain/time/shanghai';

const withCursor = <T>(p: { items: T[]; nextCursor: number | null }) => ({ items: p.items, nextCursor: p.nextCursor ? encodeCursor(p.nextCursor) : null });

/** One route per workflow step; the state machine and access rules live in domain/opinions. */
const stepRoute = <S extends z.ZodType>(name: string, summary: string, body: S, toInput: (b: z.output<S>) => Parameters<typeof takeAction>[3]) =>
  route({
    method: 'post',
    path: `/api/v1/opinions/:id/${name}`,
    summary,
    description: 'A workflow step. Illegal from the current status → 409 invalid_transition; staff steps need a worker of the opinion\'s complex or a district admin (else 403); someone else\'s private opinion → 404. Audited; the submitter is notified in-app and, if subscribed, by a WeChat subscribe message.',
    tags: ['opinions'],
    params: IdParams,
    body,
    idempotent: true,
    response: StatusOut,
    handler: async ({ user, params, body, deps, facts }) => ({ id: params.id, ...(await takeAction(deps, user, params.id, toInput(body), facts)) }),
  });

export default [
  route({
    method: 'get',
    path: '/api/v1/opinions/meta',
    summary: '意见分类与订阅消息模板',
    description: 'Categories, limits and the WeChat subscribe-message template ids the mini-program asks the user to allow before submitting.',
    tags: ['opinions'],
    auth: 'public',
    response: OpinionMeta,
    handler: ({ deps }) => ({
      categories: [...OPINION_CATEGORIES],
      limits: { ...OPINION_LIMITS },
      subscribeTemplateIds: [deps.config.WECHAT_TPL_OPINION, deps.config.WECHAT_TPL_MEETING].filter(Boolean),
    }),
  }),
  route({
    method: 'post',
    path: '/api/v1/opinions',
    quota: 'content',
    summary: '提交意见（民意小圆桌）',
    description:
      'Runs our sensitive-word list and WeChat msg_sec_check v2 before storing. risky → 422 content_rejected and nothing is kept; review, or WeChat unreachable → stored as pending_review (not public) for a worker. Accounts without a WeChat openid: word list only while DEV_LOGIN is on, otherwise held for review. Accept deadline: 2 working days.',
    tags: ['opinions'],
    body: SubmitBody,
    status: 201,
    idempotent: true,
    response: StatusOut,
    handler: ({ user, body, deps }) => submitOpinion(deps, user, body),
  }),
  route({
    method: 'get',
    path: '/api/v1/opinions',
    summary: '公开的意见（可附议）',
    tags: ['opinions'],
    auth: 'public',
    query: PublicListQuery,
    response: pageOf(OpinionSummary),
    handler: async ({ user, query, deps }) =>
      withCursor(await listPublic(deps.db, { ...query, cursor: decodeIdCursor(query.cursor) }, deps.clock.now(), user?.id ?? null)),
  }),
  route({
    method: 'get',
    path: '/api/v1/me/opinions',
    summary: '我的意见',
    tags: ['opinions'],
    query: MineQuery,
    response: pageOf(OpinionSummary),
    handler: async ({ user, query, deps }) => withCursor(await listMine(deps.db, user.id, { ...query, cursor: decodeIdCursor(query.cursor) }, deps.clock.now())),
  }),
  route({
    method: 'get',
    path: '/api/v1/opinions/hot-topics',
    summary: '民意热度：高频词',
    description:
      'The top 20 terms of the opinions submitted in [from, to] (Asia/Shanghai dates, default the last 30 days) in a complex or a street, each opinion weighted by 1 + its co-signs, stop words dropped. Read from the hot-topic roll-up that the dashboard job keeps (segmented once per opinion with jieba, at most a minute behind), so it stays fast however many opinions exist. Staff of the place see all released opinions counted, others only public ones.',
    tags: ['opinions'],
    auth: 'public',
    query: HotTopicsQuery,
    response: HotTopics,
    handler: async ({ user, query, deps }) => {
      if (!query.complexId && !query.streetId) throw validationFailed({ complexId: '请指定民生综合体或街道' });
      const now = deps.clock.now();
      const to = query.to ?? shanghaiDay(now);
      const from = query.from ?? addDays(to, -29);
      if (from > to) throw validationFailed({ from: '开始日期不能晚于结束日期' });
      const r = await hotTopics(deps.db, user, { complexId: query.complexId, streetId: query.streetId, fromDay: from, toDay: to });
      return { from, to, ...r };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/opinions/:id',
    summary: '意见详情与办理时间线',
    description: 'With status and timeline (who did what, when). Someone else\'s private opinion → 404. Photo links are signed for an hour.',
    tags: ['opinions'],
    auth: 'public',
    params: IdParams,
    response: OpinionDetail,
    handler: async ({ user, params, deps }) => {
      const { opinion, viewer } = await loadVisibleOpinion(deps.db, user, params.id);
      return presentDetail(deps.db, opinion, viewer, user, deps.config.JWT_SECRET, deps.clock.now());
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/opinions/:id/photos',
    quota: 'content',
    summary: '上传意见照片',
    description: `The submitter adds up to ${OPINION_LIMITS.photos} photos before acceptance: a JPEG or PNG (checked by its bytes) of at most 5 MB, as the raw body (Content-Type: image/jpeg) or the first file of a multipart form (wx.uploadFile). 413 file_too_large, 415 unsupported_file_type, 409 too_many_photos.`,
    tags: ['opinions'],
    params: IdParams,
    status: 201,
    response: OpinionPhoto,
    handler: async ({ user, params, deps, ctx }) => {
      const file = await readUploadedFile(ctx, OPINION_LIMITS.photoBytes);
      return addPhoto(deps, user, params.id, file.data);
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/opinions/:id/photos/:photoId',
    summary: '意见照片',
    description: 'The image, for those who may see the opinion (bearer token) or holding a signed link from the detail; anyone else → 404.',
    tags: ['opinions'],
    auth: 'public',
    params: PhotoParams,
    query: PhotoQuery,
    raw: true,
    handler: async ({ user, params, query, deps, ctx }) => {
      const p = await readPhoto(deps, user, params.id, params.photoId, query);
      ctx.type = p.mime;
      ctx.set('Cache-Control', 'private, max-age=3600');
      ctx.set('X-Content-Type-Options', 'nosniff');
      ctx.body = p.data;
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/opinions/:id/cosign',
    summary: '附议',
    description: 'Once per person (409 already_cosigned); not one\'s own (409 own_opinion) nor a closed one (409 opinion_closed).',
    tags: ['opinions'],
    params: IdParams,
    status: 201,
    idempotent: true,
    response: Cosigned,
    handler: ({ user, params, deps }) => cosign(deps.db, user, params.id),
  }),
  stepRoute('release', '内容审核通过（放行）', NoteBody, (b) => ({ action: 'release', note: b.note })),
  stepRoute('block', '内容审核不通过', ReasonBody, (b) => ({ action: 'block', reason: b.reason })),
  stepRoute('accept', '受理', NoteBody, (b) => ({ action: 'accept', note: b.note })),
  stepRoute('reject', '不予受理（须说明理由）', ReasonBody, (b) => ({ action: 'reject', reason: b.reason })),
  stepRoute('assign', '交办（工作人员、部门或结对党支部）', AssignBody, (b) => ({ action: 'assign', to: b.to, note: b.note })),
  stepRoute('start', '开始办理', NoteBody, (b) => ({ action: 'start', note: b.note })),
  stepRoute('reply', '答复', ReplyBody, (b) => ({ action: 'reply', reply: b.reply })),
  stepRoute('evaluate', '评价答复（满意 / 基本满意 / 不满意）', EvaluateBody, (b) => ({ action: 'evaluate', rating: b.rating, comment: b.comment })),
  ...workbench,
];
