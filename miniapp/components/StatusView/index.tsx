import { Text, View } from '@tarojs/components';
import { aria } from '../../a11y';
import ActionButton from '../ActionButton';
import './index.scss';

interface Props {
  loading?: boolean;
  error?: string | null;
  empty?: string | null;
  onRetry?: () => void;
  /** the one thing to do from the empty state (e.g. 去看看活动) */
  emptyAction?: { label: string; onClick: () => void };
}

/** Loading, error (with a retry button) or empty state for a section; renders nothing otherwise. */
export default function StatusView({ loading, error, empty, onRetry, emptyAction }: Props) {
  if (loading) {
    return (
      <View className="xfh-status" {...aria(null, { live: 'polite' })}>
        <Text className="xfh-muted">正在加载…</Text>
      </View>
    );
  }
  if (error) {
    return (
      <View className="xfh-status" {...aria('alert')}>
        <Text className="xfh-error">{error}</Text>
        {onRetry && (
          <ActionButton variant="secondary" onClick={onRetry}>
            重新加载
          </ActionButton>
        )}
      </View>
    );
  }
  if (empty) {
    return (
      <View className="xfh-status">
        <Text className="xfh-muted">{empty}</Text>
        {emptyAction && (
          <ActionButton variant="secondary" id="empty-action" onClick={emptyAction.onClick}>
            {emptyAction.label}
          </ActionButton>
        )}
      </View>
    );
  }
  return null;
}
