import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { VOLUNTEER_SKILL_LABELS, type VolunteerSkill } from '@shared/volunteer';
import { volunteerApi, type StaffApplication } from '../../../../api/volunteer';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { useRemote } from '../../../../refresh';
import { useSessionGate } from '../../../../session';
import { hint, useAction } from '../../../../useAction';
import '../../styles.scss';

/** Workers approve or decline (with a reason) volunteer registrations at their complexes. */
export default function StaffApplicationsPage() {
  useSessionGate();
  const { data, error, reload: load } = useRemote(true, () => volunteerApi.applications());
  const items = data?.items ?? null;
  const [reasons, setReasons] = useState<Record<number, string>>({});
  const [running, run] = useAction(load);
  const [which, setWhich] = useState<number | null>(null);
  const busy = running ? which : null;

  const decide = (a: StaffApplication, approve: boolean) => {
    const reason = reasons[a.id]?.trim();
    if (!approve && !reason) return hint('不通过时请填写原因');
    setWhich(a.id);
    return run(() => volunteerApi.decide(a.id, approve, reason), approve ? '已通过' : '已退回');
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
