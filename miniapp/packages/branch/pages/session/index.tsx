import { Input, Label, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { branchApi, idemKey, type RosterEntry } from '../../../../api/branch';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { ROUTES } from '../../../../routes';
import { useSessionGate } from '../../../../session';
import { formatSlot } from '../../../../time';
import '../../styles.scss';
import { useAction } from '../../../../useAction';
import { useRemote } from '../../../../refresh';

const STATUS: Record<RosterEntry['status'], string> = {
  booked: '已预约',
  waitlisted: '候补',
  cancelled: '已取消',
  checked_in: '已签到',
  no_show: '未到场',
};

/** The organizing branch runs a session: the roster, check-in at the door, and the record afterwards. */
export default function SessionPage() {
  useSessionGate();
  const { params } = useRouter();
  const id = Number(params.id);
  const [served, setServed] = useState('');
  const [notes, setNotes] = useState('');
  // one post per visit, however often the button is pressed
  const [volunteerKey] = useState(idemKey);

  const { data, error, reload: load } = useRemote(
    true,
    async () => {
      const [detail, list] = await Promise.all([branchApi.offering(id), branchApi.roster(id)]);
      if (detail.record) {
        setServed(String(detail.record.peopleServed));
        setNotes(detail.record.notes);
      } else {
        setServed((s) => s || String(list.filter((r) => r.status === 'checked_in').length));
      }
      return { o: detail, roster: list };
    },
    [id],
  );
  const o = data?.o;
  const roster = data?.roster;
  const [saving, run] = useAction(load);
  const [, go] = useAction();

  const checkIn = (r: RosterEntry) => run(() => branchApi.checkIn(id, r.bookingId), `${r.realName || r.nickname} 已签到`);

  const save = () => run(() => branchApi.saveRecord(id, Number(served) || 0, notes.trim()), '记录已保存');

  const recruit = () =>
    o && go(() => branchApi.openVolunteerPost(o, Math.max(1, o.volunteersNeeded), volunteerKey), null, { then: (post) => Taro.navigateTo({ url: ROUTES.volunteerStaffPost(post.id) }) });

  const cancel = () =>
    run(() => branchApi.cancel(id, ''), null, { confirm: { title: '取消这场服务？', content: '已预约的居民会收到取消通知。', danger: true, confirmText: '确认取消', cancelText: '再想想' }, afterFailure: true });

  if (!o || !roster) {
    return (
      <PageShell>
        <StatusView loading={!error} error={error} onRetry={load} />
      </PageShell>
    );
  }

  const active = roster.filter((r) => r.status !== 'cancelled');
  const checkedIn = roster.filter((r) => r.status === 'checked_in').length;
  // the server takes a record once the session began or someone was checked in at the door
  const started = Date.parse(o.startAt) <= Date.now() || checkedIn > 0;
  return (
    <PageShell className="xfh-branch">
      <Text className="xfh-heading">{o.title}</Text>
      <Text className="xfh-muted">{formatSlot(o.startAt, o.endAt)} · {o.complexName}</Text>
      <View className="xfh-branch__stats" style={{ margin: '12px 0' }}>
        <View className="xfh-branch__stat">
          <Text className="xfh-branch__stat-value">{o.bookedCount}/{o.capacity}</Text>
          <Text className="xfh-muted">已预约</Text>
        </View>
        <View className="xfh-branch__stat">
          <Text className="xfh-branch__stat-value" id="checked-in-count">{checkedIn}</Text>
          <Text className="xfh-muted">已签到</Text>
        </View>
      </View>

      <Text className="xfh-section-title">预约名单（{active.length}）</Text>
      <View className="xfh-card" id="roster">
        <StatusView empty={active.length === 0 ? '还没有人预约' : null} />
        {active.map((r) => (
          <View key={r.bookingId} className="xfh-branch__person" id={`roster-${r.bookingId}`}>
            <View>
              <Text style={{ display: 'block' }}>{r.realName || r.nickname}</Text>
              <Text className="xfh-muted">{r.phoneMasked ?? ''} · {STATUS[r.status]}</Text>
            </View>
            {r.status === 'booked' && o.status === 'published' && (
              <ActionButton className="xfh-branch__person-action" id={`checkin-${r.bookingId}`} onClick={() => checkIn(r)}>
                签到
              </ActionButton>
            )}
          </View>
        ))}
      </View>

      {o.status !== 'cancelled' && (
        <>
          <Text className="xfh-section-title">服务记录</Text>
          <View className="xfh-card">
            {started ? (
              <>
                <Label className="xfh-branch__field" for="served-input">
                  <Text className="xfh-branch__field-label">本场服务人数</Text>
                </Label>
                <Input id="served-input" nativeProps={{ 'aria-label': '本场服务人数' }} className="xfh-branch__input" type="number" value={served} onInput={(e) => setServed(e.detail.value)} />
                <Label className="xfh-branch__field" for="notes-input">
                  <Text className="xfh-branch__field-label" style={{ marginTop: '16px' }}>备注</Text>
                </Label>
                <Textarea id="notes-input" nativeProps={{ 'aria-label': '备注' }} className="xfh-branch__textarea" maxlength={500} value={notes} placeholder="服务情况、居民反映的问题" onInput={(e) => setNotes(e.detail.value)} />
                <ActionButton id="save-record" disabled={saving || undefined} onClick={save}>
                  {o.record ? '更新记录' : '保存记录'}
                </ActionButton>
              </>
            ) : (
              <Text className="xfh-muted">服务开始或有居民签到后可以填写记录。</Text>
            )}
          </View>
          {o.status === 'published' && Date.parse(o.startAt) > Date.now() && (
            <ActionButton variant="secondary" id="open-volunteer-post" onClick={recruit}>
              为本场服务招募志愿者（{Math.max(1, o.volunteersNeeded)} 人）
            </ActionButton>
          )}
          {!started && (
            <ActionButton variant="danger" id="cancel-offering" onClick={cancel}>
              取消这场服务
            </ActionButton>
          )}
        </>
      )}
      {o.status === 'cancelled' && <StatusView error="这场服务已取消" />}
    </PageShell>
  );
}
