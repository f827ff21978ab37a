// Branch workbench helpers that are not about time (times are in miniapp/time.ts).

export const seatsLeft = (o: { capacity: number; bookedCount: number }) => Math.max(0, o.capacity - o.bookedCount);

/** "平均评分 4.5（12 人次评价）", or "暂无评价" when nobody rated. */
export function formatRating(averageRating: number | null, ratingCount: number): string {
  return averageRating === null || ratingCount === 0 ? '暂无评价' : `平均评分 ${averageRating.toFixed(1)}（${ratingCount} 人次评价）`;
}
