import { activities, bookings, careRequests, complexes, evaluations, offeringRecords, opinions, streets, users, volunteerPosts, volunteerSignups } from '../../src/db/schema';
import type { TestServer } from './harness';

/** Raw rows for dashboard fixtures: exact times, no workflow side effects. */
export function dashboardFactory(t: TestServer) {
  const db = t.deps.db;
  const at = (s: string) => new Date(s);
  let seq = 0;
  const tag = `${Date.now().toString(36)}${process.pid}`;
  return {
    async street(name = '测试') {
      const [r] = await db.insert(streets).values({ name: `${name}${tag}${++seq}`, sortOrder: 99 }).$returningId();
      return r.id;
    },
    async complex(streetId: number) {
      const [r] = await db
        .insert(complexes)
        .values({ streetId, name: `测试综合体${tag}${++seq}`, mode: 'flagship', address: '测试路1号', lat: 30.27, lng: 120.13 })
        .$returningId();
      return r.id;
    },
    async user() {
      const [r] = await db.insert(users).values({ role: 'resident', nickname: `测试${++seq}` }).$returningId();
      return r.id;
    },
    async activity(complexId: number, startAt: string, createdBy: number, o: { branchId?: number; status?: 'published' | 'cancelled' } = {}) {
      const s = at(startAt);
      const [r] = await db
        .insert(activities)
        .values({
          complexId,
          createdBy,
          title: `活动${++seq}`,
          startAt: s,
          endAt: new Date(s.getTime() + 3600_000),
          capacity: 50,
          organizerBranchId: o.branchId ?? null,
          status: o.status ?? 'published',
        })
        .$returningId();
      return r.id;
    },
    async booking(activityId: number, userId: number, status: 'booked' | 'checked_in' | 'no_show' | 'cancelled' | 'waitlisted') {
      const [r] = await db
        .insert(bookings)
        .values({ activityId, userId, status, activeFlag: status === 'cancelled' ? null : 1, endsAt: new Date() })
        .$returningId();
      return r.id;
    },
    async offeringRecord(activityId: number, branchId: number, by: number) {
      await db.insert(offeringRecords).values({ activityId, branchId, peopleServed: 10, recordedBy: by });
    },
    async volunteer(complexId: number, startAt: string, by: number, signups: Array<{ userId: number; approvedMinutes?: number }>) {
      const s = at(startAt);
      const [p] = await db
        .insert(volunteerPosts)
        .values({ complexId, createdBy: by, title: `岗位${++seq}`, startAt: s, endAt: new Date(s.getTime() + 4 * 3600_000), positions: 10, skills: [] })
        .$returningId();
      for (const x of signups) {
        await db.insert(volunteerSignups).values({
          postId: p.id,
          userId: x.userId,
          status: x.approvedMinutes === undefined ? 'checked_out' : 'approved',
          presentMinutes: x.approvedMinutes ?? 60,
          approvedMinutes: x.approvedMinutes ?? null,
          approvedAt: x.approvedMinutes === undefined ? null : s,
        });
      }
      return p.id;
    },
    async opinion(
      complexId: number,
      userId: number,
      o: {
        status: (typeof opinions.$inferInsert)['status'];
        title?: string;
        content?: string;
        submittedAt: string;
        acceptDueAt?: string;
        acceptedAt?: string;
        replyDueAt?: string;
        repliedAt?: string;
        closedAt?: string;
        rating?: 'satisfied' | 'basically_satisfied' | 'unsatisfied';
        visibility?: 'public' | 'private';
      },
    ) {
      const d = (x?: string) => (x ? at(x) : null);
      const [r] = await db
        .insert(opinions)
        .values({
          complexId,
          userId,
          category: '其他',
          title: o.title ?? `意见${++seq}`,
          content: o.content ?? '测试内容',
          status: o.status,
          visibility: o.visibility ?? 'public',
          submittedAt: at(o.submittedAt),
          acceptDueAt: d(o.acceptDueAt),
          acceptedAt: d(o.acceptedAt),
          replyDueAt: d(o.replyDueAt),
          repliedAt: d(o.repliedAt),
          closedAt: d(o.closedAt),
          rating: o.rating ?? null,
        })
        .$returningId();
      return r.id;
    },
    async evaluation(complexId: number, userId: number, stars: number, createdAt: string, targetId = 1) {
      await db.insert(evaluations).values({ userId, targetType: 'activity', targetId, complexId, stars, createdAt: at(createdAt) });
    },
    async care(complexId: number, seniorId: number, createdAt: string, rating?: { stars: number; at: string }) {
      const [r] = await db
        .insert(careRequests)
        .values({
          complexId,
          seniorId,
          requestedBy: seniorId,
          kind: 'meal',
          address: '测试路1号',
          status: rating ? 'completed' : 'submitted',
          createdAt: at(createdAt),
          rating: rating?.stars ?? null,
          ratedAt: rating ? at(rating.at) : null,
        })
        .$returningId();
      return r.id;
    },
  };
}
