import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { aria } from '../../a11y';
import type { OpinionSummary } from '../../api/roundtable';
import { formatDateTime } from '../../time';
import OpinionStatus from '../OpinionStatus';
import './index.scss';

interface Props {
  opinion: OpinionSummary;
  /** where a tap goes (resident detail or the staff handling page) */
  url: string;
  /** show the deadline and overdue flag (staff inbox) */
  showDeadline?: boolean;
}

/** One opinion in a list: title, status, category, co-signs; overdue ones stand out for staff. */
export default function OpinionCard({ opinion: o, url, showDeadline }: Props) {
  const due = o.status === 'submitted' || o.status === 'pending_review' ? o.acceptDueAt : o.replyDueAt;
  return (
    <View
      className={`xfh-card xfh-opinion-card${showDeadline && o.overdue ? ' xfh-opinion-card--overdue' : ''}`}
      id={`opinion-${o.id}`}
      onClick={() => Taro.navigateTo({ url })}
      {...aria('link')}
    >
      <View className="xfh-opinion-card__head">
        <Text className="xfh-opinion-card__title">{o.title}</Text>
        <OpinionStatus status={o.status} />
      </View>
      <Text className="xfh-opinion-card__excerpt">{o.excerpt}</Text>
      <View className="xfh-opinion-card__meta">
        <Text className="xfh-muted">
          {o.category} · {o.submitterName ?? ''} · {formatDateTime(o.submittedAt)}
          {o.visibility === 'private' ? ' · 仅工作人员可见' : ''}
        </Text>
        <Text className="xfh-muted">附议 {o.cosignCount}</Text>
      </View>
      {showDeadline && due && (
        <Text className={o.overdue ? 'xfh-error' : 'xfh-muted'}>
          {o.overdue ? '已超期 · ' : ''}
          {o.status === 'submitted' || o.status === 'pending_review' ? '受理期限' : '答复期限'}：{formatDateTime(due)}
        </Text>
      )}
    </View>
  );
}
