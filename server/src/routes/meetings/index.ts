import { z } from 'zod';
import { IdParams, PageQuery, decodeCursor, encodeCursor, pageOf, route, zId, zInstant } from '../../http/route';
import { AGENDA_DECISIONS, MEETING_TYPES } from '../../../../shared/opinions';
import { AgendaAdded, Created, MeetingCheckedIn, MeetingDetail, MeetingListItem, MeetingVenueCode, MinutesPublished, SignedUp } from '../../../../shared/api/roundtable';
import {
  addAgendaItem,
  cancelSignup,
  checkIn,
  listMeetings,
  meetingDetail,
  meetingVenueCode,
  publishMinutes,
  removeAgendaItem,
  scheduleMeeting,
  signUp,
} from '../../domain/roundtable/meetings';

const STAFF = ['worker', 'street_admin', 'district_admin'] as const;

export default [
  route({
    method: 'post',
    path: '/api/v1/meetings',
    summary: '安排议事会（民意小圆桌 / 民生圆桌会 / 居民议事会）',
    tags: ['meetings'],
    auth: STAFF,
    body: z
      .object({
        complexId: zId,
        type: z.enum(MEETING_TYPES),
        topic: z.string().trim().min(1, '请填写主题').max(60),
        description: z.string().trim().max(1000).optional(),
        place: z.string().trim().min(1, '请填写地点').max(100),
        startAt: zInstant,
        endAt: zInstant,
        capacity: z.number().int().min(1, '名额至少 1 人').max(500),
      })
      .strict(),
    status: 201,
    idempotent: true,
    response: Created,
    handler: ({ user, body, deps, facts }) => scheduleMeeting(deps, user, body, facts),
  }),
  route({
    method: 'get',
    path: '/api/v1/meetings',
    summary: '议事会列表',
    description: 'Upcoming (default, soonest first) or past=1 (newest first), optionally of one complex.',
    tags: ['meetings'],
    auth: 'public',
    query: PageQuery.extend({ complexId: zId.optional(), past: z.enum(['1', '0']).optional() }),
    response: pageOf(MeetingListItem),
    handler: async ({ user, query, deps }) => {
      const p = await listMeetings(deps.db, { complexId: query.complexId, past: query.past === '1', limit: query.limit, cursor: decodeCursor(query.cursor, z.number().int().positive()) }, user?.id ?? null, deps.clock.now());
      return { items: p.items, nextCursor: p.nextCursor ? encodeCursor(p.nextCursor) : null };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/meetings/:id',
    summary: '议事会详情：议程、报名、纪要与决定',
    tags: ['meetings'],
    auth: 'public',
    params: IdParams,
    response: MeetingDetail,
    handler: ({ user, params, deps }) => meetingDetail(deps.db, user, params.id, deps.clock.now()),
  }),
  route({
    method: 'post',
    path: '/api/v1/meetings/:id/agenda',
    summary: '加入议程（从意见或自拟议题）',
    description: 'An accepted opinion of the meeting\'s complex (once per meeting: 409 already_on_agenda) or a free title.',
    tags: ['meetings'],
    auth: STAFF,
    params: IdParams,
    body: z.object({ opinionId: zId.optional(), title: z.string().trim().min(1).max(60).optional() }).strict(),
    status: 201,
    response: AgendaAdded,
    handler: ({ user, params, body, deps, facts }) => addAgendaItem(deps, user, params.id, body, facts),
  }),
  route({
    method: 'delete',
    path: '/api/v1/meetings/:id/agenda/:itemId',
    summary: '移出议程',
    tags: ['meetings'],
    auth: STAFF,
    params: z.object({ id: zId, itemId: zId }),
    status: 204,
    handler: ({ user, params, deps, facts }) => removeAgendaItem(deps, user, params.id, params.itemId, facts),
  }),
  route({
    method: 'post',
    path: '/api/v1/meetings/:id/signups',
    summary: '报名参加',
    description: 'Capacity-safe: 409 meeting_full, already_signed_up, signup_closed (started or concluded).',
    tags: ['meetings'],
    params: IdParams,
    status: 201,
    idempotent: true,
    response: SignedUp,
    handler: ({ user, params, deps }) => signUp(deps, user, params.id),
  }),
  route({
    method: 'delete',
    path: '/api/v1/meetings/:id/signups/me',
    summary: '取消报名',
    tags: ['meetings'],
    params: IdParams,
    status: 204,
    handler: ({ user, params, deps }) => cancelSignup(deps, user, params.id),
  }),
  route({
    method: 'get',
    path: '/api/v1/meetings/:id/venue-code',
    summary: '现场签到码（工作人员出示，60 秒有效）',
    tags: ['meetings'],
    auth: STAFF,
    params: IdParams,
    response: MeetingVenueCode,
    handler: ({ user, params, deps }) => meetingVenueCode(deps, user, params.id),
  }),
  route({
    method: 'post',
    path: '/api/v1/meetings/:id/checkin',
    summary: '扫码签到',
    description: 'The venue code of this meeting (422 invalid_code), from an hour before the start to the end (409 checkin_closed), for those signed up (409 not_signed_up).',
    tags: ['meetings'],
    params: IdParams,
    body: z.object({ code: z.string().trim().min(1).max(200) }).strict(),
    response: MeetingCheckedIn,
    handler: ({ user, params, body, deps }) => checkIn(deps, user, params.id, body.code),
  }),
  route({
    method: 'post',
    path: '/api/v1/meetings/:id/minutes',
    summary: '发布会议纪要与议题决定',
    description: 'Once, after the start, with a decision (adopted / not_adopted / to_vote) for every agenda item. An adopted opinion credits its submitter opinion_adopted points once.',
    tags: ['meetings'],
    auth: STAFF,
    params: IdParams,
    body: z
      .object({
        minutes: z.string().trim().min(1, '请填写纪要').max(5000),
        decisions: z.array(z.object({ itemId: zId, decision: z.enum(AGENDA_DECISIONS), note: z.string().trim().max(500).optional() })).max(50),
      })
      .strict(),
    idempotent: true,
    response: MinutesPublished,
    handler: ({ user, params, body, deps, facts }) => publishMinutes(deps, user, params.id, body, facts),
  }),
];
