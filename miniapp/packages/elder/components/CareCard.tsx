import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { aria } from '../../../a11y';
import type { CareRequest } from '../../../api/care';
import { ROUTES } from '../../../routes';
import { formatDateTime } from '../../../time';
import { stars } from './format';
import './CareCard.scss';

/** One care request in a list: kind, status, when; opens its progress page. */
export default function CareCard({ r }: { r: CareRequest }) {
  return (
    <View
      className={`xfh-care-card${r.kind === 'emergency' ? ' xfh-care-card--urgent' : ''}`}
      id={`care-${r.id}`}
      onClick={() => Taro.navigateTo({ url: ROUTES.careRequest(r.id) })}
      {...aria('link')}
    >
      <View className="xfh-care-card__top">
        <Text className="xfh-care-card__kind">{r.kindLabel}</Text>
        <Text className={`xfh-care-status xfh-care-status--${r.status}`} id={`care-${r.id}-status`}>
          {r.statusLabel}
        </Text>
      </View>
      <Text className="xfh-muted">
        {formatDateTime(r.createdAt)}
        {r.onBehalf ? ` · ${r.requestedBy.nickname}代办` : ''}
        {r.assignee ? ` · 服务人员：${r.assignee.nickname}` : ''}
      </Text>
      {r.rating !== null && <Text className="xfh-care-card__stars">{`我的评价 ${stars(r.rating)}`}</Text>}
      {r.status === 'completed' && r.rating === null && <Text className="xfh-link">服务已完成，去评价</Text>}
    </View>
  );
}
