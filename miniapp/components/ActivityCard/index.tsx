import { Text, View } from '@tarojs/components';
import type { ActivitySummary } from '../../api/booking';
import { aria } from '../../a11y';
import { formatRange } from '../../time';
import Cover from '../Cover';
import './index.scss';

const STATUS_TEXT: Record<string, string> = { draft: '草稿', cancelled: '已取消', finished: '已结束' };

/** One activity in a list: when, where, seats left (or waitlist), and who it suits. */
export default function ActivityCard({ a, onClick }: { a: ActivitySummary; onClick: () => void }) {
  const full = a.seatsLeft === 0;
  const waitLeft = a.waitlistCapacity - a.waitlistCount;
  const seatText =
    a.status !== 'published' ? STATUS_TEXT[a.status] : !full ? `剩余 ${a.seatsLeft} 个名额` : waitLeft > 0 ? `已满 · 可候补 ${waitLeft} 位` : '已约满';
  return (
    <View className="xfh-card xfh-activity" onClick={onClick} {...aria('link')} id={`activity-${a.id}`}>
      <Cover kind="activity" text={`${a.organizerBranchName ? '党员服务' : ''}${a.category} ${a.title}`} />
      <View className="xfh-activity__head">
        <Text className="xfh-activity__title">{a.title}</Text>
        {a.elderFriendly && <Text className="xfh-tag xfh-tag--flagship">适合老年人</Text>}
      </View>
      <Text className="xfh-activity__when">{formatRange(a.startAt, a.endAt)}</Text>
      <Text className="xfh-muted">
        {a.complexName}
        {a.location ? ` · ${a.location}` : ''}
      </Text>
      <View className="xfh-activity__foot">
        <Text className={`xfh-activity__seats${full || a.status !== 'published' ? ' xfh-activity__seats--full' : ''}`}>{seatText}</Text>
        <Text className="xfh-muted">
          {a.category}
          {a.organizerBranchName ? ` · ${a.organizerBranchName}` : ''}
          {a.pointsReward ? ` · 签到 +${a.pointsReward} 积分` : ''}
        </Text>
      </View>
    </View>
  );
}
