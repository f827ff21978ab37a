import { Text, View } from '@tarojs/components';
import type { MonthRecord } from '../../../../api/branch';

/** A branch's figures for a month; `full` adds volunteer hours and the average rating. */
export default function MonthStats({ record, full = false, idPrefix }: { record: MonthRecord; full?: boolean; idPrefix: string }) {
  const stats: Array<[string, string | number, string]> = [
    ['sessions', record.sessionsHeld, '开展场次'],
    ['served', record.residentsServed, '服务居民（签到）'],
  ];
  if (full) {
    stats.push(['hours', record.volunteerHours, '志愿时长（小时）']);
    const rated = record.averageRating !== null && record.ratingCount > 0;
    stats.push(['rating', rated ? record.averageRating!.toFixed(1) : '—', rated ? `平均评分（${record.ratingCount} 人次评价）` : '暂无评价']);
  }
  return (
    <View className="xfh-branch__stats">
      {stats.map(([key, value, label]) => (
        <View key={key} className="xfh-branch__stat">
          <Text className="xfh-branch__stat-value" id={`${idPrefix}-${key}`}>{value}</Text>
          <Text className="xfh-muted">{label}</Text>
        </View>
      ))}
    </View>
  );
}
