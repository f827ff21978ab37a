import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ApiError } from '../../../../api/request';
import { privacyApi, type Blocker } from '../../../../api/privacy';
import ActionButton from '../../../../components/ActionButton';
import ChoiceChips from '../../../../components/ChoiceChips';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { formatDateTime } from '../../../../time';
import { useSessionGate } from '../../../../session';
import { loadMe } from '../../../../stores/auth';
import './index.scss';
import { useAction } from '../../../../useAction';
import { useRemote } from '../../../../refresh';

const OPINION_CHOICES = [
  { value: 'anonymise' as const, label: '保留公开意见，署名“已注销用户”' },
  { value: 'remove' as const, label: '删除我的公开意见正文' },
];

/**
 * 注销账号: what goes and what stays, the open matters that must end first, a confirmation, and
 * then the 7-day cooling-off notice with a way to cancel.
 */
export default function DeletionPage() {
  useSessionGate();
  const [choice, setChoice] = useState<'anonymise' | 'remove'>('anonymise');
  const [blockers, setBlockers] = useState<Blocker[] | null>(null);
  const { data: s, error, reload: load } = useRemote(true, async () => {
    const d = await privacyApi.deletion();
    setBlockers(d.blockers);
    return d;
  });
  const [busy, run] = useAction(async () => {
    await loadMe().catch(() => undefined);
    await load();
  });

  const ask = async () => {
    const { confirm } = await Taro.showModal({
      title: '确认注销账号',
      content: `注销后个人信息将被删除且无法恢复。提交后有 ${s?.coolingOffDays ?? 7} 天冷静期，期间重新登录即可撤销。确定申请注销吗？`,
      confirmText: '申请注销',
      confirmColor: '#b42318',
      cancelText: '再想想',
    });
    if (!confirm) return;
    await run(() => privacyApi.requestDeletion(choice), null, {
      onError: (e) => {
        if (e instanceof ApiError && e.code === 'deletion_blocked') setBlockers((e.details as { blockers: Blocker[] }).blockers);
      },
    });
  };

  const cancel = () => run(() => privacyApi.cancelDeletion(), '已撤销注销');

  return (
    <PageShell className="xfh-deletion">
      <Text className="xfh-heading">注销账号</Text>
      <StatusView loading={!s && !error} error={error} onRetry={load} />
      {s?.status === 'pending' && (
        <View id="deletion-pending" className="xfh-card xfh-deletion__pending">
          <Text className="xfh-deletion__pending-title">冷静期中</Text>
          <Text id="deletion-date">{`您的账号将于 ${formatDateTime(s.scheduledFor)} 注销。`}</Text>
          <Text>在此之前重新登录，或点下面的按钮，都会撤销注销，账号和数据保持不变。</Text>
          <ActionButton id="deletion-cancel" disabled={busy} onClick={cancel}>
            撤销注销，继续使用
          </ActionButton>
        </View>
      )}
      {s?.status === 'none' && (
        <>
          <View className="xfh-card xfh-deletion__list" id="deletion-removed">
            <Text className="xfh-section-title">将被删除</Text>
            {s.removed.map((line) => (
              <Text key={line}>{`· ${line}`}</Text>
            ))}
          </View>
          <View className="xfh-card xfh-deletion__list" id="deletion-kept">
            <Text className="xfh-section-title">将会保留（不再与您关联）</Text>
            {s.kept.map((line) => (
              <Text key={line}>{`· ${line}`}</Text>
            ))}
            <Text className="xfh-muted">保留这些记录，是因为积分账目、投票结果和服务统计需要完整；它们不再包含您的姓名、电话或住址。</Text>
          </View>
          {blockers && blockers.length > 0 && (
            <View className="xfh-card xfh-deletion__list" id="deletion-blockers">
              <Text className="xfh-section-title xfh-deletion__warn">请先处理以下事项</Text>
              {blockers.map((b) => (
                <View key={`${b.kind}-${b.id}`} className="xfh-deletion__blocker">
                  <Text className="xfh-deletion__blocker-title">{b.title}</Text>
                  <Text>{b.message}</Text>
                  <ActionButton variant="secondary" onClick={() => Taro.navigateTo({ url: b.link })}>
                    去处理
                  </ActionButton>
                </View>
              ))}
            </View>
          )}
          <View className="xfh-card xfh-deletion__list">
            <Text className="xfh-section-title">我的公开意见</Text>
            <ChoiceChips id="deletion-opinions" label="公开意见如何处理" options={OPINION_CHOICES} value={choice} onChange={setChoice} />
            <Text className="xfh-muted">无论选哪一项，意见中的照片都会删除。</Text>
          </View>
          <ActionButton id="deletion-request" variant="danger" disabled={busy || (blockers?.length ?? 0) > 0} onClick={ask}>
            申请注销账号
          </ActionButton>
          <Text className="xfh-muted">亲情代办的家人不能替长辈注销，需长辈本人操作。</Text>
        </>
      )}
    </PageShell>
  );
}
