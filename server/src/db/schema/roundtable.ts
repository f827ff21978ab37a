import { index, int, mysqlEnum, mysqlTable, text, tinyint, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { AGENDA_DECISIONS, EVALUATION_TARGETS, MEETING_STATUSES, MEETING_TYPES, VOTE_ELIGIBILITY, VOTE_RESULTS_VISIBILITIES } from '../../../../shared/opinions';
import { createdAt, id, jsonText, ref, updatedAt, utc } from '../columns';
import { opinions } from './opinions';
import { complexes } from './places';
import { users } from './users';

/** 民意小圆桌 / 民生圆桌会 / 居民议事会. `signedCount` is the stock taken with a conditional UPDATE. */
export const meetings = mysqlTable(
  'meetings',
  {
    id: id(),
    complexId: ref('complex_id').notNull().references(() => complexes.id),
    type: mysqlEnum('type', MEETING_TYPES).notNull(),
    topic: varchar('topic', { length: 60 }).notNull(),
    description: varchar('description', { length: 1000 }).notNull().default(''),
    place: varchar('place', { length: 100 }).notNull(),
    startAt: utc('start_at').notNull(),
    endAt: utc('end_at').notNull(),
    capacity: int('capacity').notNull(),
    signedCount: int('signed_count').notNull().default(0),
    status: mysqlEnum('status', MEETING_STATUSES).notNull().default('scheduled'),
    minutes: text('minutes'),
    minutesAt: utc('minutes_at'),
    createdBy: ref('created_by').notNull().references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('meetings_complex_start_idx').on(t.complexId, t.startAt), index('meetings_start_idx').on(t.startAt, t.id)],
);

/** Agenda items, most of them built from opinions; one item per opinion per meeting. */
export const meetingAgendaItems = mysqlTable(
  'meeting_agenda_items',
  {
    id: id(),
    meetingId: ref('meeting_id').notNull().references(() => meetings.id),
    opinionId: ref('opinion_id').references(() => opinions.id),
    title: varchar('title', { length: 60 }).notNull(),
    seq: int('seq').notNull(),
    decision: mysqlEnum('decision', AGENDA_DECISIONS),
    decisionNote: varchar('decision_note', { length: 500 }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('meeting_agenda_opinion_uq').on(t.meetingId, t.opinionId), index('meeting_agenda_meeting_idx').on(t.meetingId, t.seq)],
);

export const meetingSignups = mysqlTable(
  'meeting_signups',
  {
    id: id(),
    meetingId: ref('meeting_id').notNull().references(() => meetings.id),
    userId: ref('user_id').notNull().references(() => users.id),
    checkedInAt: utc('checked_in_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('meeting_signups_uq').on(t.meetingId, t.userId), index('meeting_signups_user_idx').on(t.userId)],
);

/** 票决. `eligibilityRefId` is a community, street or meeting id depending on `eligibility`. */
export const votes = mysqlTable(
  'votes',
  {
    id: id(),
    complexId: ref('complex_id').notNull().references(() => complexes.id),
    meetingId: ref('meeting_id').references(() => meetings.id),
    agendaItemId: ref('agenda_item_id').references(() => meetingAgendaItems.id),
    question: varchar('question', { length: 100 }).notNull(),
    description: varchar('description', { length: 1000 }).notNull().default(''),
    maxChoices: tinyint('max_choices').notNull().default(1),
    eligibility: mysqlEnum('eligibility', VOTE_ELIGIBILITY).notNull(),
    eligibilityRefId: ref('eligibility_ref_id').notNull(),
    opensAt: utc('opens_at').notNull(),
    closesAt: utc('closes_at').notNull(),
    resultsVisibility: mysqlEnum('results_visibility', VOTE_RESULTS_VISIBILITIES).notNull().default('after_close'),
    ballotCount: int('ballot_count').notNull().default(0),
    createdBy: ref('created_by').notNull().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('votes_complex_idx').on(t.complexId, t.closesAt)],
);

export const voteOptions = mysqlTable(
  'vote_options',
  {
    id: id(),
    voteId: ref('vote_id').notNull().references(() => votes.id),
    seq: tinyint('seq').notNull(),
    label: varchar('label', { length: 60 }).notNull(),
    onlineCount: int('online_count').notNull().default(0),
    paperCount: int('paper_count').notNull().default(0),
  },
  (t) => [uniqueIndex('vote_options_seq_uq').on(t.voteId, t.seq)],
);

/** One ballot per person per vote: the unique key is what guarantees it. */
export const ballots = mysqlTable(
  'ballots',
  {
    id: id(),
    voteId: ref('vote_id').notNull().references(() => votes.id),
    userId: ref('user_id').notNull().references(() => users.id),
    optionIds: jsonText<number[]>('option_ids').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('ballots_vote_user_uq').on(t.voteId, t.userId)],
);

/** Paper ballots counted at the venue, entered by a worker in batches (each one audited). */
export const votePaperTallies = mysqlTable(
  'vote_paper_tallies',
  {
    id: id(),
    voteId: ref('vote_id').notNull().references(() => votes.id),
    enteredBy: ref('entered_by').notNull().references(() => users.id),
    counts: jsonText<Array<{ optionId: number; count: number }>>('counts').notNull(),
    note: varchar('note', { length: 200 }).notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [index('vote_paper_tallies_vote_idx').on(t.voteId)],
);

/** 评议: 1–5 stars on something the resident used; one per person per thing. */
export const evaluations = mysqlTable(
  'evaluations',
  {
    id: id(),
    userId: ref('user_id').notNull().references(() => users.id),
    targetType: mysqlEnum('target_type', EVALUATION_TARGETS).notNull(),
    targetId: ref('target_id').notNull(),
    /** the complex it concerns, for per-complex indicators */
    complexId: ref('complex_id').notNull().references(() => complexes.id),
    stars: tinyint('stars').notNull(),
    comment: varchar('comment', { length: 500 }).notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('evaluations_user_target_uq').on(t.userId, t.targetType, t.targetId),
    index('evaluations_target_idx').on(t.targetType, t.targetId),
    index('evaluations_complex_idx').on(t.complexId, t.createdAt),
  ],
);
