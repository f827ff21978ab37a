import { z } from 'zod';
import {
  Department,
  FollowState,
  MilestoneDone,
  OverdueCounts,
  PhotoStaged,
  ProjectBySource,
  Departments,
  ProjectCreate,
  ProjectOfSource,
  ProjectDetail,
  ProjectListQuery,
  ProjectSummary,
  RatingCreate,
  RatingCreated,
  StatusChanged,
  StatusPatch,
  UpdateCreate,
  UpdateCreated,
} from '../../../../shared/api/projects';
import { managedComplexIds, assertCanManageComplex } from '../../domain/access/scope';
import { audit } from '../../domain/audit/log';
import { createProject } from '../../domain/projects/create';
import { addDepartment, listDepartments } from '../../domain/projects/departments';
import { noticeSheetData, renderNoticeSheet } from '../../domain/projects/noticeSheet';
import { readProjectPhoto } from '../../domain/projects/photos';
import { changeStatus, completeMilestone, follow, postUpdate, rateProject, stagePhoto, unfollow } from '../../domain/projects/progress';
import { listProjects, loadVisibleProject, overdueByComplex, projectDetail, projectById, projectOfSource, viewerOfProject } from '../../domain/projects/queries';
import { PROJECT_STATUS_LABELS, PROJECT_LIMITS } from '../../../../shared/projects';
import { readUploadedFile } from '../../http/upload';
import { shanghaiMonth } from '../../domain/time/shanghai';
import { IdParams, decodeCursor, encodeCursor, pageOf, route, zId } from '../../http/route';
import { zMonth } from '../offerings/schema';

const STAFF = ['worker', 'street_admin', 'district_admin'] as const;
const MilestoneParams = z.object({ id: zId, mid: zId });
const PhotoParams = z.object({ id: zId, photoId: zId });
const PhotoQuery = z.object({ exp: z.coerce.number().int().optional(), sig: z.string().max(64).optional() });

export default [
  route({
    method: 'post',
    path: '/api/v1/projects',
    summary: '从决定立项（民生项目）',
    description:
      'Staff of the complex create a project in one step from a decided source: an opinion the complex took up (受理 or later) or adopted at a meeting, an agenda item decided 采纳, or a closed vote with one winning option (else 409 source_not_decided / vote_open / no_winner). Every source is linked (an agenda item\'s opinion, a vote\'s item and opinion too); a source makes one project only (409 already_project). The submitter and co-signers of a source opinion, the meeting\'s attendees and the vote\'s voters follow automatically and are told. Owner: a worker of the complex, a branch, or a department from the district\'s list (`GET /api/v1/departments`). Milestone dates in order and not after `dueDate` (422).',
    tags: ['projects'],
    auth: STAFF,
    body: ProjectCreate,
    status: 201,
    response: ProjectDetail,
    idempotent: true,
    transaction: true,
    audit: ({ body, result }) => ({ action: 'project.create', targetType: 'project', targetId: (result as { id: number }).id, detail: { complexId: body.complexId, source: body.source, owner: body.owner.type } }),
    handler: async ({ body, user, deps, tx }) => {
      const now = deps.clock.now();
      const { id } = await createProject(tx, user, body, now);
      const { project, viewer } = await loadVisibleProject(tx, user, id);
      return { ...(await projectDetail(tx, user, project, viewer, deps.config.JWT_SECRET, now)), subscribeTemplateId: deps.config.WECHAT_TPL_PROJECT || null };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/projects',
    summary: '民生项目列表（推进中在前）',
    description: 'Public projects for anyone signed in (every project of a complex for its staff, with `complexId`); 推进中 first, then 计划中, 已完成, 已搁置.',
    tags: ['projects'],
    query: ProjectListQuery,
    response: pageOf(ProjectSummary),
    handler: async ({ query, user, deps }) => {
      const offset = decodeCursor(query.cursor, z.number().int().min(0)) ?? 0;
      const page = await listProjects(deps.db, user, { complexId: query.complexId, status: query.status, offset, limit: query.limit }, deps.clock.now());
      return { items: page.items, nextCursor: page.nextOffset === null ? null : encodeCursor(page.nextOffset) };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/projects/overdue',
    summary: '逾期节点数（按综合体）',
    description: 'Open milestones past their due date (Shanghai day) of planned or in-progress projects, counted per complex the caller manages.',
    tags: ['projects'],
    auth: STAFF,
    response: OverdueCounts,
    handler: async ({ user, deps }) => ({ items: await overdueByComplex(deps.db, await managedComplexIds(deps.db, user), deps.clock.now()) }),
  }),
  route({
    method: 'get',
    path: '/api/v1/projects/by-source',
    summary: '某个决定（意见/议题/投票）是否已立项',
    description: 'Staff: the project an opinion, agenda item or vote became, or `null` (also when the caller may not see that project). The decision pages use it to offer 立项跟踪 or 查看项目.',
    tags: ['projects'],
    auth: STAFF,
    query: ProjectBySource,
    response: ProjectOfSource,
    handler: async ({ query, user, deps }) => {
      const found = await projectOfSource(deps.db, query.type, query.id);
      const p = found ? await projectById(deps.db, found.id) : null;
      if (!p || !(await viewerOfProject(deps.db, user, p))) return { project: null };
      return { project: { id: p.id, title: p.title, status: p.status, statusLabel: PROJECT_STATUS_LABELS[p.status] } };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/projects/:id',
    summary: '项目详情（节点、进展时间线、来源、关注、评议）',
    description: 'A private project is visible to the staff of its complex, its owner and its followers only (else 404).',
    tags: ['projects'],
    params: IdParams,
    response: ProjectDetail,
    handler: async ({ params, user, deps }) => {
      const { project, viewer } = await loadVisibleProject(deps.db, user, params.id);
      return { ...(await projectDetail(deps.db, user, project, viewer, deps.config.JWT_SECRET, deps.clock.now())), subscribeTemplateId: deps.config.WECHAT_TPL_PROJECT || null };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/projects/:id/updates',
    summary: '发布项目进展（文字与照片，发布后不可修改）',
    description: 'The owner (the owning worker or a member of the owning branch) or staff of the complex; others 403. Followers get at most one notice a day about updates (in-app, and a subscribe message where allowed). 409 when the project is done or shelved.',
    tags: ['projects'],
    params: IdParams,
    body: UpdateCreate,
    status: 201,
    idempotent: true,
    response: UpdateCreated,
    audit: { none: 'the domain use case writes project.update inside its own transaction (it sends subscribe messages after the commit)' },
    handler: ({ params, body, user, deps, facts }) => postUpdate(deps, user, params.id, body, facts),
  }),
  route({
    method: 'post',
    path: '/api/v1/projects/:id/photos',
    summary: '上传进展照片（发布进展前）',
    description: `The owner or staff of the complex stage one photo for the update they are writing: a JPEG or PNG (checked by its bytes, at most ${PROJECT_LIMITS.photoBytes / 1024 / 1024} MB) as the raw body (Content-Type: image/jpeg) or the first file of a multipart form (wx.uploadFile). It is re-encoded (upright, no EXIF/GPS), counts against the account's daily photo bytes (429), and is seen by nobody until \`POST /projects/:id/updates {text, photoIds}\` publishes it. 413 file_too_large, 415 unsupported_file_type, 403 for others, 409 when the project is done or shelved.`,
    tags: ['projects'],
    params: IdParams,
    upload: 'image/jpeg',
    quota: 'content',
    status: 201,
    response: PhotoStaged,
    audit: { none: 'a staged photo is published (and audited) with its update' },
    handler: async ({ params, user, deps, ctx }) => {
      const file = await readUploadedFile(ctx, PROJECT_LIMITS.photoBytes);
      return stagePhoto(deps, user, params.id, file.data);
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/projects/:id/milestones/:mid/done',
    summary: '完成项目节点',
    description: 'The owner or staff of the complex (others 403). A planned project becomes in progress. Every follower is told once per milestone. 409 already_done.',
    tags: ['projects'],
    params: MilestoneParams,
    response: MilestoneDone,
    audit: { none: 'the domain use case writes project.milestone_done inside its own transaction' },
    handler: ({ params, user, deps, facts }) => completeMilestone(deps, user, params.id, params.mid, facts),
  }),
  route({
    method: 'patch',
    path: '/api/v1/projects/:id',
    summary: '改变项目状态（计划中/推进中/已完成/已搁置）',
    description: 'The owner or staff of the complex. `done` needs every milestone done (409 milestones_open) and asks every follower to rate; `shelved` needs a `reason` (422); a done project never moves (409 invalid_transition).',
    tags: ['projects'],
    params: IdParams,
    body: StatusPatch,
    response: StatusChanged,
    audit: { none: 'the domain use case writes project.status inside its own transaction' },
    handler: ({ params, body, user, deps, facts }) => changeStatus(deps, user, params.id, body, facts),
  }),
  route({
    method: 'post',
    path: '/api/v1/projects/:id/follow',
    summary: '关注项目',
    tags: ['projects'],
    params: IdParams,
    status: 201,
    response: FollowState,
    handler: ({ params, user, deps }) => follow(deps, user, params.id),
  }),
  route({
    method: 'delete',
    path: '/api/v1/projects/:id/follow',
    summary: '取消关注项目',
    tags: ['projects'],
    params: IdParams,
    response: FollowState,
    handler: ({ params, user, deps }) => unfollow(deps, user, params.id),
  }),
  route({
    method: 'post',
    path: '/api/v1/projects/:id/rating',
    summary: '评议已完成的项目（1–5 星）',
    description: `Once per follower after the project is done (409 not_done before, 409 already_rated twice, 403 for non-followers); pays evaluation points once.`,
    tags: ['projects'],
    params: IdParams,
    body: RatingCreate,
    status: 201,
    idempotent: true,
    response: RatingCreated,
    handler: ({ params, body, user, deps }) => rateProject(deps, user, params.id, body),
  }),
  route({
    method: 'get',
    path: '/api/v1/projects/:id/photos/:photoId',
    summary: '项目进展照片',
    description: 'With a signed link from the detail, or a bearer token of someone who may see the project; anyone else 404.',
    tags: ['projects'],
    auth: 'public',
    params: PhotoParams,
    query: PhotoQuery,
    raw: true,
    handler: async ({ params, query, user, deps, ctx }) => {
      const p = await projectById(deps.db, params.id);
      const visible = !!p && !!user && !!(await viewerOfProject(deps.db, user, p));
      const photo = await readProjectPhoto(deps.db, deps.config.UPLOAD_DIR, deps.config.JWT_SECRET, params.id, params.photoId, query, visible, deps.clock.now());
      ctx.type = photo.mime;
      ctx.set('Cache-Control', 'private, max-age=3600');
      ctx.set('X-Content-Type-Options', 'nosniff');
      ctx.body = photo.data;
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/departments',
    summary: '区级职能部门名单（项目负责部门）',
    tags: ['projects'],
    auth: [...STAFF, 'branch_admin'],
    response: Departments,
    handler: async ({ deps }) => ({ items: await listDepartments(deps.db) }),
  }),
  route({
    method: 'post',
    path: '/api/v1/departments',
    summary: '新增职能部门（区级管理员）',
    tags: ['projects'],
    auth: ['district_admin'],
    body: z.object({ name: z.string().trim().min(2).max(64) }),
    status: 201,
    response: Department,
    transaction: true,
    audit: ({ result }) => ({ action: 'department.create', targetType: 'department', targetId: (result as { id: number }).id, detail: { name: (result as { name: string }).name } }),
    handler: ({ body, tx }) => addDepartment(tx, body.name),
  }),
  route({
    method: 'get',
    path: '/api/v1/complexes/:id/notice-sheet.pdf',
    summary: '纸质月报：综合体公告栏 A4 单页（PDF）',
    description:
      'Staff of the complex. For `month` (YYYY-MM, default the current Shanghai month): the next month\'s activities and branch services with times and a QR code to each booking page, the answers given in the month to public opinions, the progress of open projects and the hotline. The CJK font is embedded; if it is missing on the server → 503 unavailable (install fonts-noto-cjk or set PDF_CJK_FONT).',
    tags: ['projects', 'places'],
    auth: STAFF,
    params: IdParams,
    query: z.object({ month: zMonth.optional() }),
    raw: true,
    handler: async ({ params, query, user, deps, ctx, facts }) => {
      await assertCanManageComplex(deps.db, user, params.id);
      const month = query.month ?? shanghaiMonth(deps.clock.now());
      const data = await noticeSheetData(deps.db, params.id, month);
      const pdf = await renderNoticeSheet(data, { fontPath: deps.config.PDF_CJK_FONT, fontFace: deps.config.PDF_CJK_FONT_FACE, baseUrl: deps.config.PUBLIC_BASE_URL });
      await audit(deps.db, { actorId: user.id, action: 'complex.notice_sheet', targetType: 'complex', targetId: params.id, detail: { month }, ...facts });
      ctx.type = 'application/pdf';
      ctx.set('Content-Disposition', `inline; filename="notice-${params.id}-${month}.pdf"; filename*=UTF-8''${encodeURIComponent(`${data.complex.name}-${month}-公告.pdf`)}`);
      ctx.body = pdf;
    },
  }),
];
