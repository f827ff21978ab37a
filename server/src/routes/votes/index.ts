import { z } from 'zod';
import { IdParams, PageQuery, decodeCursor, encodeCursor, pageOf, route, zId, zInstant } from '../../http/route';
import { VOTE_ELIGIBILITY, VOTE_RESULTS_VISIBILITIES } from '../../../../shared/opinions';
import { BallotCast, Created, VoteDetail, VoteSummary } from '../../../../shared/api/roundtable';
import { addPaperTally, castBallot, listVotes, openVote, voteDetail } from '../../domain/roundtable/votes';

const STAFF = ['worker', 'street_admin', 'district_admin'] as const;
export default [
  route({
    method: 'post',
    path: '/api/v1/votes',
    summary: '发起票决',
    description: 'Question, 2–10 options, up to maxChoices (1 = single choice), who may vote (community / street of the complex — id optional, defaults to the complex\'s own — or the checked-in attendees of one of its meetings), open and close times, results live or after the close.',
    tags: ['votes'],
    auth: STAFF,
    body: z
      .object({
        complexId: zId,
        question: z.string().trim().min(1, '请填写投票事项').max(100),
        description: z.string().trim().max(1000).optional(),
        options: z.array(z.string().trim().min(1, '选项不能为空').max(60)).min(2, '至少 2 个选项').max(10, '最多 10 个选项'),
        maxChoices: z.number().int().min(1).max(10).default(1),
        eligibility: z.object({ type: z.enum(VOTE_ELIGIBILITY), id: zId.optional() }),
        opensAt: zInstant,
        closesAt: zInstant,
        resultsVisibility: z.enum(VOTE_RESULTS_VISIBILITIES).default('after_close'),
        meetingId: zId.optional(),
        agendaItemId: zId.optional(),
      })
      .strict(),
    status: 201,
    idempotent: true,
    response: Created,
    transaction: true,
    // the options as stored: the body's labels, already trimmed
    audit: ({ body, result }) => ({ action: 'vote.open', targetType: 'vote', targetId: (result as { id: number }).id, detail: { question: body.question, options: body.options } }),
    handler: ({ user, body, deps, tx }) => openVote(tx, user, body, deps.clock.now()),
  }),
  route({
    method: 'get',
    path: '/api/v1/votes',
    summary: '票决列表',
    tags: ['votes'],
    auth: 'public',
    query: PageQuery.extend({ complexId: zId.optional() }),
    response: pageOf(VoteSummary),
    handler: async ({ query, deps }) => {
      const p = await listVotes(deps.db, { complexId: query.complexId, limit: query.limit, cursor: decodeCursor(query.cursor, z.number().int().positive()) }, deps.clock.now());
      return { items: p.items, nextCursor: p.nextCursor ? encodeCursor(p.nextCursor) : null };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/votes/:id',
    summary: '票决详情（结果按设置在截止后或实时公开）',
    description: 'Counts per option: online, paper and total — hidden (absent) until the close unless results are live; the complex\'s staff always see them.',
    tags: ['votes'],
    auth: 'public',
    params: IdParams,
    response: VoteDetail,
    handler: ({ user, params, deps }) => voteDetail(deps.db, user, params.id, deps.clock.now()),
  }),
  route({
    method: 'post',
    path: '/api/v1/votes/:id/ballots',
    summary: '投票',
    description: 'One ballot per eligible person, guaranteed by a unique key: 409 already_voted, 403 not_eligible, 409 vote_not_open / vote_closed, 422 too many or foreign options.',
    tags: ['votes'],
    params: IdParams,
    body: z.object({ optionIds: z.array(zId).min(1, '请至少选一项').max(10) }).strict(),
    status: 201,
    idempotent: true,
    response: BallotCast,
    handler: ({ user, params, body, deps }) => castBallot(deps, user, params.id, body.optionIds),
  }),
  route({
    method: 'post',
    path: '/api/v1/votes/:id/paper-tallies',
    summary: '录入纸质票',
    description: 'Adds a batch of paper ballots per option; shown beside the online counts and in the totals. Audited.',
    tags: ['votes'],
    auth: STAFF,
    params: IdParams,
    body: z.object({ counts: z.array(z.object({ optionId: zId, count: z.number().int().min(0).max(100000) })).min(1), note: z.string().trim().max(200).optional() }).strict(),
    status: 201,
    idempotent: true,
    response: VoteDetail,
    transaction: true,
    audit: ({ params, body }) => ({ action: 'vote.paper_tally', targetType: 'vote', targetId: params.id, detail: { counts: body.counts, note: body.note ?? '' } }),
    handler: ({ user, params, body, deps, tx }) => addPaperTally(tx, user, params.id, body, deps.clock.now()),
  }),
];
