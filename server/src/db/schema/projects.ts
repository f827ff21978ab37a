import { date, index, int, mysqlEnum, mysqlTable, primaryKey, smallint, tinyint, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { COMMITMENT_STATUSES, PROJECT_OWNER_TYPES, PROJECT_SOURCE_TYPES, PROJECT_STATUSES } from '../../../../shared/projects';
import { createdAt, id, ref, updatedAt, utc } from '../columns';
import { branches } from './branches';
import { serviceItems } from './catalog';
import { complexes } from './places';
import { users } from './users';

/** Departments (职能部门) the district keeps; a project may be owned by one of them. */
export const departments = mysqlTable(
  'departments',
  {
    id: id(),
    name: varchar('name', { length: 64 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('departments_name_uq').on(t.name)],
);

/**
 * 民生项目: a decision being carried out (推动). `status` moves only through the rules in
 * domain/projects/rules.ts. Owned by a worker, a party branch or a department.
 */
export const projects = mysqlTable(
  'projects',
  {
    id: id(),
    complexId: ref('complex_id').notNull().references(() => complexes.id),
    title: varchar('title', { length: 60 }).notNull(),
    status: mysqlEnum('status', PROJECT_STATUSES).notNull().default('planned'),
    shelvedReason: varchar('shelved_reason', { length: 200 }),
    visibility: mysqlEnum('visibility', ['public', 'private']).notNull().default('public'),
    ownerType: mysqlEnum('owner_type', PROJECT_OWNER_TYPES).notNull(),
    ownerUserId: ref('owner_user_id').references(() => users.id),
    ownerBranchId: ref('owner_branch_id').references(() => branches.id),
    ownerDepartmentId: ref('owner_department_id').references(() => departments.id),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    createdBy: ref('created_by').notNull().references(() => users.id),
    startedAt: utc('started_at'),
    completedAt: utc('completed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('projects_complex_status_idx').on(t.complexId, t.status, t.id), index('projects_completed_idx').on(t.completedAt)],
);

/** Links back to what was decided: each opinion, agenda item or vote makes at most one project. */
export const projectSources = mysqlTable(
  'project_sources',
  {
    id: id(),
    projectId: ref('project_id').notNull().references(() => projects.id),
    sourceType: mysqlEnum('source_type', PROJECT_SOURCE_TYPES).notNull(),
    sourceId: ref('source_id').notNull(),
    title: varchar('title', { length: 100 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('project_sources_uq').on(t.sourceType, t.sourceId), index('project_sources_project_idx').on(t.projectId)],
);

export const projectMilestones = mysqlTable(
  'project_milestones',
  {
    id: id(),
    projectId: ref('project_id').notNull().references(() => projects.id),
    seq: smallint('seq').notNull(),
    title: varchar('title', { length: 60 }).notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    doneAt: utc('done_at'),
    doneBy: ref('done_by').references(() => users.id),
    /** when the owner was told it is overdue (once) */
    overdueFlaggedAt: utc('overdue_flagged_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('project_milestones_seq_uq').on(t.projectId, t.seq), index('project_milestones_due_idx').on(t.doneAt, t.dueDate)],
);

/** Progress notes; append-only (never edited after publishing). */
export const projectUpdates = mysqlTable(
  'project_updates',
  {
    id: id(),
    projectId: ref('project_id').notNull().references(() => projects.id),
    authorId: ref('author_id').notNull().references(() => users.id),
    text: varchar('text', { length: 1000 }).notNull(),
    photoCount: tinyint('photo_count').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index('project_updates_project_idx').on(t.projectId, t.id)],
);

/** Up to 3 photos per update; the file lives under UPLOAD_DIR/projects/. */
export const projectUpdatePhotos = mysqlTable(
  'project_update_photos',
  {
    id: id(),
    /** NULL while the photo is staged (uploaded with wx.uploadFile, not yet published with an update) */
    updateId: ref('update_id').references(() => projectUpdates.id),
    projectId: ref('project_id').references(() => projects.id),
    uploadedBy: ref('uploaded_by').references(() => users.id),
    seq: tinyint('seq').notNull(),
    mime: varchar('mime', { length: 16 }).notNull(),
    bytes: int('bytes').notNull(),
    fileName: varchar('file_name', { length: 100 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('project_update_photos_seq_uq').on(t.updateId, t.seq), index('project_update_photos_uploader_idx').on(t.uploadedBy, t.createdAt)],
);

export const projectFollowers = mysqlTable(
  'project_followers',
  {
    projectId: ref('project_id').notNull().references(() => projects.id),
    userId: ref('user_id').notNull().references(() => users.id),
    /** source: followed automatically (submitter, co-signer, attendee, voter); self: chose to */
    origin: mysqlEnum('origin', ['source', 'self']).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.userId] }), index('project_followers_user_idx').on(t.userId)],
);

/**
 * What each follower was told, keyed so it is told once: `m:<milestoneId>`, `done`, or
 * `u:<YYYY-MM-DD>` (updates fold into one notice per Shanghai day).
 */
export const projectNotices = mysqlTable(
  'project_notices',
  {
    projectId: ref('project_id').notNull().references(() => projects.id),
    userId: ref('user_id').notNull().references(() => users.id),
    noticeKey: varchar('notice_key', { length: 32 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.userId, t.noticeKey] })],
);

/** 评议 of a completed project: one per follower. */
export const projectRatings = mysqlTable(
  'project_ratings',
  {
    id: id(),
    projectId: ref('project_id').notNull().references(() => projects.id),
    userId: ref('user_id').notNull().references(() => users.id),
    complexId: ref('complex_id').notNull().references(() => complexes.id),
    stars: tinyint('stars').notNull(),
    comment: varchar('comment', { length: 500 }).notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('project_ratings_uq').on(t.projectId, t.userId), index('project_ratings_complex_idx').on(t.complexId, t.createdAt)],
);

/** 承诺清单: a branch's yearly list of promises; the district admin approves it. */
export const branchCommitments = mysqlTable(
  'branch_commitments',
  {
    id: id(),
    branchId: ref('branch_id').notNull().references(() => branches.id),
    year: smallint('year').notNull(),
    status: mysqlEnum('status', COMMITMENT_STATUSES).notNull().default('submitted'),
    filedBy: ref('filed_by').notNull().references(() => users.id),
    approvedBy: ref('approved_by').references(() => users.id),
    approvedAt: utc('approved_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('branch_commitments_uq').on(t.branchId, t.year)],
);

export const branchCommitmentItems = mysqlTable(
  'branch_commitment_items',
  {
    id: id(),
    commitmentId: ref('commitment_id').notNull().references(() => branchCommitments.id),
    catalogItemId: ref('catalog_item_id').notNull().references(() => serviceItems.id),
    complexId: ref('complex_id').notNull().references(() => complexes.id),
    targetSessions: int('target_sessions').notNull(),
    targetResidents: int('target_residents').notNull().default(0),
  },
  (t) => [uniqueIndex('branch_commitment_items_uq').on(t.commitmentId, t.catalogItemId, t.complexId)],
);
