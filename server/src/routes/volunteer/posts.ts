import QRCode from 'qrcode';
import { z } from 'zod';
import { forbidden, notFound } from '../../errors';
import { IdParams, decodeCursor, encodeCursor, pageOf, route } from '../../http/route';
import { issueVenueCode } from '../../domain/checkin/venueCode';
import { canManagePost, createPost, loadPost } from '../../domain/volunteer/posts';
import { signUp } from '../../domain/volunteer/signups';
import { complexNames } from '../../domain/points/queries';
import { mySignups, postRoster, publishedPosts } from '../../domain/volunteer/queries';
import { presentPost, presentSignup } from './present';
import { piiShownOf, withPii } from '../../http/piiShown';
import { PostBody, PostsQuery } from './schema';
import { Post, Roster, Signup, VenueCode } from '../../../../shared/api/volunteer';

const Cursor = z.tuple([z.string(), z.number().int().positive()]);

export default [
  route({
    method: 'get',
    path: '/api/v1/volunteer-posts',
    summary: '志愿岗位列表',
    description: 'Published posts that have not ended, soonest first (`when=all` also lists past ones); with `mySignup` for the caller.',
    tags: ['volunteer'],
    query: PostsQuery,
    response: pageOf(Post),
    handler: async ({ user, query, deps }) => {
      const now = deps.clock.now();
      const after = decodeCursor(query.cursor, Cursor);
      const rows = await publishedPosts(deps.db, { complexId: query.complexId, upcoming: query.when === 'upcoming', now, after: after ? { startAt: new Date(after[0]), id: after[1] } : null }, query.limit);
      const page = rows.slice(0, query.limit);
      const names = await complexNames(deps.db, page.map((p) => p.complexId));
      const mine = await mySignups(deps.db, user.id, page.map((p) => p.id));
      const last = page[page.length - 1];
      return {
        items: page.map((p) => ({ ...presentPost(p, names.get(p.complexId) ?? ''), mySignup: mine.has(p.id) ? presentSignup(mine.get(p.id)!) : null })),
        nextCursor: rows.length > query.limit ? encodeCursor([last.startAt.toISOString(), last.id]) : null,
      };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/volunteer-posts/:id',
    summary: '志愿岗位详情',
    tags: ['volunteer'],
    params: IdParams,
    response: Post,
    handler: async ({ user, params, deps }) => {
      const p = await loadPost(deps.db, params.id);
      if (!p) throw notFound('找不到该志愿岗位');
      const canManage = await canManagePost(deps.db, user, p);
      if (p.status !== 'published' && !canManage) throw notFound('找不到该志愿岗位');
      const names = await complexNames(deps.db, [p.complexId]);
      const mine = await mySignups(deps.db, user.id, [p.id]);
      return { ...presentPost(p, names.get(p.complexId) ?? ''), mySignup: mine.has(p.id) ? presentSignup(mine.get(p.id)!) : null, canManage };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/volunteer-posts',
    summary: '发布志愿岗位',
    description:
      'Workers of the complex (and district admins); a branch admin only for its own offering (`activityId` of an activity its branch organizes). `pointsPerHour` defaults to 10.',
    tags: ['volunteer'],
    auth: ['worker', 'street_admin', 'branch_admin', 'district_admin'],
    body: PostBody,
    status: 201,
    idempotent: true,
    response: Post,
    transaction: true,
    audit: ({ body, result }) => ({ action: 'volunteer_post.create', targetType: 'volunteer_post', targetId: (result as { id: number }).id, detail: { complexId: body.complexId, title: body.title, positions: body.positions } }),
    handler: async ({ user, body, deps, tx }) => {
      const id = await createPost(tx, user, body, deps.clock.now());
      const p = (await loadPost(tx, id))!;
      const names = await complexNames(tx, [p.complexId]);
      return presentPost(p, names.get(p.complexId) ?? '');
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/volunteer-posts/:id/signups',
    summary: '报名志愿岗位',
    description:
      'Approved volunteers of the post\'s complex only (403 `not_a_volunteer`). Never more sign-ups than positions: 409 `post_full`; 409 `already_signed_up`; 409 `signup_closed` once started.',
    tags: ['volunteer'],
    params: IdParams,
    status: 201,
    idempotent: true,
    response: Signup,
    handler: async ({ user, params, deps }) => presentSignup(await signUp(deps.db, user.id, params.id, deps.clock.now())),
  }),
  route({
    method: 'get',
    path: '/api/v1/volunteer-posts/:id/signups',
    summary: '岗位报名名单（工作人员）',
    tags: ['volunteer'],
    auth: ['worker', 'street_admin', 'branch_admin', 'district_admin'],
    params: IdParams,
    response: Roster,
    pii: { fields: ['realName'], purpose: 'volunteer_roster', subjects: ({ result }) => piiShownOf(result) },
    handler: async ({ user, params, deps }) => {
      const p = await loadPost(deps.db, params.id);
      if (!p) throw notFound('找不到该志愿岗位');
      if (!(await canManagePost(deps.db, user, p))) throw forbidden('您不是该志愿岗位所属综合体的工作人员');
      const rows = await postRoster(deps.db, p.id);
      const items = rows.map((r) => ({ ...presentSignup(r.s), userId: r.s.userId, realName: r.realName, phoneMasked: r.phoneMasked }));
      return withPii({ items, nextCursor: null }, rows.filter((r) => Number(r.realIsSet)).map((r) => ({ userId: r.s.userId, complexId: p.complexId })));
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/volunteer-posts/:id/venue-code',
    summary: '岗位签到二维码（工作人员，60 秒有效，每 30 秒刷新）',
    tags: ['volunteer'],
    auth: ['worker', 'street_admin', 'branch_admin', 'district_admin'],
    params: IdParams,
    response: VenueCode,
    handler: async ({ user, params, deps }) => {
      const p = await loadPost(deps.db, params.id);
      if (!p) throw notFound('找不到该志愿岗位');
      if (!(await canManagePost(deps.db, user, p))) throw forbidden('您不是该志愿岗位所属综合体的工作人员');
      const c = issueVenueCode(deps.config.JWT_SECRET, 'post', p.id, deps.clock.now());
      return { code: c.code, expiresAt: c.expiresAt.toISOString(), qrDataUrl: await QRCode.toDataURL(c.code, { margin: 1, width: 320 }) };
    },
  }),
];

