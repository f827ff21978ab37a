import { Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { VOLUNTEER_SKILL_LABELS, type VolunteerSkill } from '@shared/volunteer';
import { volunteerApi, type StaffApplication } from '../../../../api/volunteer';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { useSessionGate } from '../../../../session';
import '../../styles.scss';

/** Workers approve or decline (with a reason) volunteer registrations at their complexes. */
export default function StaffApplicationsPage() {
  useSessionGate();
  const [items, setItems] = useState<StaffApplication[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reasons, setReasons] = useState<Record<number, string>>({});
  const [busy, setBusy] = useState<number | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      setItems((await volunteerApi.applications()).items);
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);
  useDidShow(() => {
    load();
  });

  const decide = async (a: StaffApplication, approve: boolean) => {
    const reason = reasons[a.id]?.trim();
    if (!approve && !reason) return Taro.showToast({ title: '不通过时请填写原因', icon: 'none' });
    setBusy(a.id);
    try {
      await volunteerApi.decide(a.id, approve, reason);
      Taro.showToast({ title: approve ? '已通过' : '已退回', icon: 'success' });
      await load();
    } catch {
      // shown by the request wrapper
    } finally {
      setBusy(null);
    }
  };

  return (
    <PageShell>
      <Text className="xfh-heading">志愿者审核</Text>
      <StatusView loading={!items && !error} error={error} onRetry={load} empty={items?.length === 0 ? '没有待审核的注册' : null} />
      {items?.map((a) => (
        <View key={a.id} className="xfh-card xfh-vp-item" id={`application-${a.id}`}>
          <View className="xfh-vp-item__head">
            <Text className="xfh-vp-item__title">{a.realName}</Text>
            <Text className="xfh-muted">{a.phoneMasked}</Text>
          </View>
          <Text className="xfh-muted">{a.complexName}</Text>
          <Text>技能：{a.skills.map((s) => VOLUNTEER_SKILL_LABELS[s as VolunteerSkill] ?? s).join('、')}</Text>
          <Input
            className="xfh-vp-input"
            placeholder="不通过的原因（不通过时必填）"
            value={reasons[a.id] ?? ''}
            onInput={(e) => setReasons({ ...reasons, [a.id]: e.detail.value })}
            nativeProps={{ 'aria-label': `${a.realName} 不通过的原因` }}
          />
          <View className="xfh-vp-actions">
            <ActionButton className="approve-application" loading={busy === a.id} onClick={() => decide(a, true)}>通过</ActionButton>
            <ActionButton variant="secondary" disabled={busy === a.id} onClick={() => decide(a, false)}>不通过</ActionButton>
          </View>
        </View>
      ))}
    </PageShell>
  );
}
