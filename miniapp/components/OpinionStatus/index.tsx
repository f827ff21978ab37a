import { Text } from '@tarojs/components';
import type { OpinionStatus as Status } from '@shared/opinions';
import { OPINION_STATUS_LABELS } from '@shared/opinions';
import './index.scss';

/** The coloured status tag of an opinion (待受理, 已答复 …). */
export default function OpinionStatus({ status, id }: { status: Status; id?: string }) {
  return (
    <Text className={`xfh-opinion-status xfh-opinion-status--${status}`} id={id}>
      {OPINION_STATUS_LABELS[status]}
    </Text>
  );
}
