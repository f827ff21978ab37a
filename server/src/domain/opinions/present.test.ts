import { maskPersonalNumbers } from './access';
import { presentSummary, type SummaryRow } from './present';

const row = (content: string, title = '标题'): SummaryRow => ({
  id: 1, userId: 2, complexId: 3, category: 'other', title, content, visibility: 'public', status: 'submitted', heldReason: null,
  cosignCount: 0, photoCount: 0, submittedAt: '2026-12-01T02:00:00.000Z', acceptDueAt: '2026-12-03T02:00:00.000Z', replyDueAt: null,
});
const excerpt = (content: string, maskNumbers: boolean) => presentSummary(row(content), { maskNumbers }, '2026-12-02T00:00:00.000Z').excerpt;
/** what the excerpt must be: the whole text masked, then its first 60 characters */
const expected = (content: string) => Array.from(maskPersonalNumbers(content)).slice(0, 60).join('');

describe('opinion list items', () => {
  it('mask numbers in the excerpt exactly as masking the whole text would, wherever the numbers fall', () => {
    // a small deterministic generator: numbers of every kind, with and without separators, at every offset
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const pieces = ['330106195203041528', '330106 1952 0304 152X', '13912345678', '139-1234-5678', '+86 139 1234 5678', '0571-88886666', '057188886666', '1234567', '门口', '路灯坏了，', 'a', ' ', '-', '电梯'];
    for (let i = 0; i < 3000; i++) {
      let text = '';
      while (Array.from(text).length < 40 + rnd(120)) text += pieces[rnd(pieces.length)];
      expect(excerpt(text, true)).toBe(expected(text));
      expect(excerpt(text, false)).toBe(Array.from(text).slice(0, 60).join(''));
    }
  });

  it('mask a title and keep emoji whole', () => {
    const item = presentSummary(row('😀'.repeat(70), '电话13912345678'), { maskNumbers: true }, '2026-12-02T00:00:00.000Z');
    expect(item.title).toBe('电话139****5678');
    expect(item.excerpt).toBe('😀'.repeat(60));
  });

  it('say overdue from the texts', () => {
    expect(presentSummary(row('x'), {}, '2026-12-03T02:00:00.001Z').overdue).toBe(true);
    expect(presentSummary(row('x'), {}, '2026-12-03T02:00:00.000Z').overdue).toBe(false);
  });
});
