import { DEFAULT_WEIGHTS, INDEX_TERM_KEYS, emptyFigures, indexOf, indicatorsOf, meanIndex, median, termScores, weightsValid } from './figures';

describe('活跃指数 terms (pure)', () => {
  it('default weights sum to 1 and are valid', () => {
    expect(INDEX_TERM_KEYS.reduce((s, k) => s + DEFAULT_WEIGHTS[k], 0)).toBeCloseTo(1, 9);
    expect(weightsValid(DEFAULT_WEIGHTS)).toBe(true);
    expect(weightsValid({ ...DEFAULT_WEIGHTS, checkIns: 0.3 })).toBe(false);
    expect(weightsValid({ ...DEFAULT_WEIGHTS, checkIns: -0.1, attendanceRate: 0.45 })).toBe(false);
  });

  it('normalises each term: per-30-day targets capped at 100, rates against a target, nothing measured = 0', () => {
    const f = { ...emptyFigures(), checkIns: 150, bookings: 200, volunteerMinutes: 50 * 60, opinions: 40, replyMeasured: 4, replyOnTime: 3, satisfactionSum: 9, satisfactionCount: 2, branchSessions: 1 };
    const s = termScores(f, 30);
    expect(s.checkIns).toEqual({ value: 150, score: 50 });
    expect(s.attendanceRate).toEqual({ value: 0.75, score: 83.3 });
    expect(s.volunteerHours).toEqual({ value: 50, score: 50 });
    expect(s.opinions).toEqual({ value: 40, score: 100 }); // capped
    expect(s.onTimeReplies).toEqual({ value: 0.75, score: 75 });
    expect(s.satisfaction).toEqual({ value: 4.5, score: 87.5 });
    expect(s.branchSessions).toEqual({ value: 1, score: 25 });
    // the same activity over 60 days is half as intense
    expect(termScores(f, 60).checkIns.score).toBe(25);
    const none = termScores(emptyFigures(), 30);
    for (const k of INDEX_TERM_KEYS) expect(none[k].score).toBe(0);
    expect(none.attendanceRate.value).toBeNull();
  });

  it('value = Σ weight × score; a parent is the mean of its complexes', () => {
    const a = termScores({ ...emptyFigures(), checkIns: 300, bookings: 300 }, 30);
    const b = termScores(emptyFigures(), 30);
    // checkIns 300/300 → 100, attendance 100% ≥ 90% → 100: 0.2 × 100 + 0.15 × 100
    expect(indexOf(a, DEFAULT_WEIGHTS).value).toBe(35);
    const parent = meanIndex([a, b], { ...emptyFigures(), checkIns: 300, bookings: 300 }, 30, DEFAULT_WEIGHTS);
    expect(parent.terms.find((x) => x.key === 'checkIns')).toMatchObject({ value: 300, score: 50 });
    expect(parent.value).toBe(17.5);
  });

  it('indicators and the median', () => {
    expect(median([72, 2, 6])).toBe(6);
    expect(median([1, 2, 3, 10])).toBe(2.5);
    expect(median([])).toBeNull();
    const i = indicatorsOf({ ...emptyFigures(), opinions: 4, resolved: 1, acceptMeasured: 3, acceptOnTime: 2 });
    expect(i).toMatchObject({ acceptOnTimeRate: 0.6667, replyOnTimeRate: null, resolutionRate: 0.25, satisfaction: { average: null, count: 0 } });
  });
});
