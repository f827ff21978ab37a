/**
 * 数智平台 figures and the 活跃指数, pure (no database): what a complex did in a period, the
 * indicators derived from it, and the index terms with their documented normalisation.
 */

/** Sums over the days of a period for one complex (or a set of them). */
export interface Figures {
  bookings: number;
  checkIns: number;
  residentsServed: number;
  volunteerMinutes: number;
  opinions: number;
  careRequests: number;
  satisfactionSum: number;
  satisfactionCount: number;
  acceptMeasured: number;
  acceptOnTime: number;
  replyMeasured: number;
  replyOnTime: number;
  resolved: number;
  /** every first-response time in the period, in hours (any order) */
  firstResponseHours: number[];
  branchSessions: number;
}

export const SUM_KEYS = [
  'bookings',
  'checkIns',
  'residentsServed',
  'volunteerMinutes',
  'opinions',
  'careRequests',
  'satisfactionSum',
  'satisfactionCount',
  'acceptMeasured',
  'acceptOnTime',
  'replyMeasured',
  'replyOnTime',
  'resolved',
  'branchSessions',
] as const;

export function emptyFigures(): Figures {
  return {
    bookings: 0,
    checkIns: 0,
    residentsServed: 0,
    volunteerMinutes: 0,
    opinions: 0,
    careRequests: 0,
    satisfactionSum: 0,
    satisfactionCount: 0,
    acceptMeasured: 0,
    acceptOnTime: 0,
    replyMeasured: 0,
    replyOnTime: 0,
    resolved: 0,
    firstResponseHours: [],
    branchSessions: 0,
  };
}

/** Adds `b` into `a` (mutates and returns `a`). */
export function addFigures(a: Figures, b: Figures): Figures {
  for (const k of SUM_KEYS) a[k] += b[k];
  for (const h of b.firstResponseHours) a.firstResponseHours.push(h);
  return a;
}

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;
const rate = (num: number, den: number) => (den > 0 ? round(num / den) : null);

export function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return round(s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2, 2);
}

export interface Indicators {
  satisfaction: { average: number | null; count: number };
  acceptOnTimeRate: number | null;
  replyOnTimeRate: number | null;
  resolutionRate: number | null;
  medianFirstResponseHours: number | null;
}

export function indicatorsOf(f: Figures): Indicators {
  return {
    satisfaction: { average: f.satisfactionCount ? round(f.satisfactionSum / f.satisfactionCount, 2) : null, count: f.satisfactionCount },
    acceptOnTimeRate: rate(f.acceptOnTime, f.acceptMeasured),
    replyOnTimeRate: rate(f.replyOnTime, f.replyMeasured),
    resolutionRate: rate(f.resolved, f.opinions),
    medianFirstResponseHours: median(f.firstResponseHours),
  };
}

/** Differences (current − previous) of the indicators; null when either side is null. */
export function indicatorDelta(cur: Indicators, prev: Indicators) {
  const d = (a: number | null, b: number | null, digits = 4) => (a === null || b === null ? null : round(a - b, digits));
  return {
    satisfaction: { average: d(cur.satisfaction.average, prev.satisfaction.average, 2), count: cur.satisfaction.count - prev.satisfaction.count },
    acceptOnTimeRate: d(cur.acceptOnTimeRate, prev.acceptOnTimeRate),
    replyOnTimeRate: d(cur.replyOnTimeRate, prev.replyOnTimeRate),
    resolutionRate: d(cur.resolutionRate, prev.resolutionRate),
    medianFirstResponseHours: d(cur.medianFirstResponseHours, prev.medianFirstResponseHours, 2),
  };
}

export function countsOf(f: Figures) {
  return {
    bookings: f.bookings,
    checkIns: f.checkIns,
    volunteerHours: round(f.volunteerMinutes / 60, 1),
    opinions: f.opinions,
    careRequests: f.careRequests,
    residentsServed: f.residentsServed,
  };
}

// ---- 活跃指数 -----------------------------------------------------------------------------

export const INDEX_TERM_KEYS = ['checkIns', 'attendanceRate', 'volunteerHours', 'opinions', 'onTimeReplies', 'satisfaction', 'branchSessions'] as const;
export type IndexTermKey = (typeof INDEX_TERM_KEYS)[number];

/**
 * How each term becomes a score 0–100 (documented in docs/DASHBOARD.md). Volume terms are scaled
 * to a per-complex target per 30 days (the target grows with the period's length) and capped at
 * 100; rate terms are the rate itself against a target rate; nothing to measure scores 0 (the
 * index rewards activity, not silence).
 */
export const INDEX_TERMS: Record<IndexTermKey, { label: string; defaultWeight: number; normalisation: string; target: number }> = {
  checkIns: { label: '活动签到人次', defaultWeight: 0.2, target: 300, normalisation: '每30天签到人次 ÷ 300 × 100，封顶100' },
  attendanceRate: { label: '到场率', defaultWeight: 0.15, target: 0.9, normalisation: '签到 ÷ 预约 ÷ 90% × 100，封顶100；无预约记0' },
  volunteerHours: { label: '志愿服务时长', defaultWeight: 0.15, target: 100, normalisation: '每30天核定志愿时长 ÷ 100小时 × 100，封顶100' },
  opinions: { label: '民意征集', defaultWeight: 0.1, target: 20, normalisation: '每30天意见条数 ÷ 20 × 100，封顶100' },
  onTimeReplies: { label: '按时答复率', defaultWeight: 0.15, target: 1, normalisation: '15日内答复率 × 100；无待答复记0' },
  satisfaction: { label: '满意度', defaultWeight: 0.15, target: 5, normalisation: '(平均星级 − 1) ÷ 4 × 100；无评价记0' },
  branchSessions: { label: '党支部送服务场次', defaultWeight: 0.1, target: 4, normalisation: '每30天已办场次 ÷ 4 × 100，封顶100' },
};

export type Weights = Record<IndexTermKey, number>;

export const DEFAULT_WEIGHTS: Weights = Object.fromEntries(INDEX_TERM_KEYS.map((k) => [k, INDEX_TERMS[k].defaultWeight])) as Weights;

/** Weights must be ≥ 0 and sum to 1 (within 0.001). */
export function weightsValid(w: Weights): boolean {
  const vals = INDEX_TERM_KEYS.map((k) => w[k]);
  if (vals.some((v) => !(v >= 0 && v <= 1))) return false;
  return Math.abs(vals.reduce((a, b) => a + b, 0) - 1) < 0.001;
}

export interface IndexTerm {
  key: IndexTermKey;
  label: string;
  weight: number;
  /** the raw figure the score is made from (count, hours, rate 0–1 or average stars) */
  value: number | null;
  score: number;
}

const cap = (x: number) => Math.max(0, Math.min(100, x));
const score1 = (x: number) => Math.round(cap(x) * 10) / 10;

/** The raw value and score of each term for one complex over `days` days. */
export function termScores(f: Figures, days: number): Record<IndexTermKey, { value: number | null; score: number }> {
  const per30 = (x: number, target: number) => score1(((x * 30) / Math.max(1, days) / target) * 100);
  const attendance = rate(f.checkIns, f.bookings);
  const onTime = rate(f.replyOnTime, f.replyMeasured);
  const sat = f.satisfactionCount ? round(f.satisfactionSum / f.satisfactionCount, 2) : null;
  const hours = round(f.volunteerMinutes / 60, 1);
  return {
    checkIns: { value: f.checkIns, score: per30(f.checkIns, INDEX_TERMS.checkIns.target) },
    attendanceRate: { value: attendance, score: attendance === null ? 0 : score1((attendance / INDEX_TERMS.attendanceRate.target) * 100) },
    volunteerHours: { value: hours, score: per30(f.volunteerMinutes / 60, INDEX_TERMS.volunteerHours.target) },
    opinions: { value: f.opinions, score: per30(f.opinions, INDEX_TERMS.opinions.target) },
    onTimeReplies: { value: onTime, score: onTime === null ? 0 : score1(onTime * 100) },
    satisfaction: { value: sat, score: sat === null ? 0 : score1(((f.satisfactionSum / f.satisfactionCount - 1) / 4) * 100) },
    branchSessions: { value: f.branchSessions, score: per30(f.branchSessions, INDEX_TERMS.branchSessions.target) },
  };
}

export interface ActivityIndex {
  value: number;
  terms: IndexTerm[];
}

/** value = Σ weight × score, rounded to 0.1. */
export function indexOf(scores: Record<IndexTermKey, { value: number | null; score: number }>, w: Weights): ActivityIndex {
  const terms = INDEX_TERM_KEYS.map((key) => ({ key, label: INDEX_TERMS[key].label, weight: w[key], value: scores[key].value, score: scores[key].score }));
  return { value: Math.round(terms.reduce((s, t) => s + t.weight * t.score, 0) * 10) / 10, terms };
}

/**
 * A street's or the district's index: the complex-weighted mean of its complexes (each complex
 * counts the same). Each term's score is the mean of the complexes' scores, so value = Σ weight ×
 * score still holds; each term's value is the raw figure over the whole scope.
 */
export function meanIndex(children: Array<Record<IndexTermKey, { value: number | null; score: number }>>, scopeFigures: Figures, days: number, w: Weights): ActivityIndex {
  const own = termScores(scopeFigures, days);
  const mean = Object.fromEntries(
    INDEX_TERM_KEYS.map((k) => [k, { value: own[k].value, score: children.length ? Math.round((children.reduce((s, c) => s + c[k].score, 0) / children.length) * 10) / 10 : 0 }]),
  ) as Record<IndexTermKey, { value: number | null; score: number }>;
  return indexOf(mean, w);
}
