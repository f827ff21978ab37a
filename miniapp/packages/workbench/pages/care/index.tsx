import { Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useRef, useState } from 'react';
import { aria } from '../../../../a11y';
import { careApi, type Assignee, type CareRequest } from '../../../../api/care';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { useRemote } from '../../../../refresh';
import { useSessionGate } from '../../../../session';
import { useAction } from '../../../../useAction';
import './index.scss';

const FILTERS = [
  { key: 'open', label: '进行中' },
  { key: 'completed', label: '已完成' },
  { key: 'all', label: '全部' },
];
/** The flag is computed by the server from the time: refresh often enough to see it appear. */
const REFRESH_MS = 30_000;

function call(phone: string | null) {
  if (!phone) return;
  if (process.env.TARO_ENV === 'h5') window.location.href = `tel:${phone}`;
  else Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined);
}

/** One request on the queue with the next step the worker can take. */
function QueueItem({ r, assignees, onChanged }: { r: CareRequest; assignees: Assignee[]; onChanged: () => void }) {
  const [, run] = useAction(onChanged);
  const act = (fn: () => Promise<unknown>) => run(fn, null);
  const cancel = () => run((typed) => careApi.cancel(r.id, typed.trim() || '工作人员取消'), null, { confirm: { title: '取消这个申请', editable: true, placeholderText: '取消原因（会告诉长辈）' } });
  const assignTo = (id: number) => act(() => careApi.assign(r.id, id));
  const open = r.status !== 'completed' && r.status !== 'cancelled';
  return (
    <View className={`xfh-card xfh-queue__item${r.priority ? ' xfh-queue__item--urgent' : ''}`} id={`queue-${r.id}`}>
      <View className="xfh-queue__top">
        <Text className="xfh-queue__kind">{r.kindLabel}</Text>
        <Text className="xfh-tag" id={`queue-${r.id}-status`}>
          {r.statusLabel}
        </Text>
      </View>
      {r.flagged && (
        <Text className="xfh-error xfh-queue__flag" id={`queue-${r.id}-flag`} {...aria('alert')}>
          {`紧急求助已等待 ${r.waitingMinutes} 分钟未受理！`}
        </Text>
      )}
      <Text>{`${r.senior.realName ?? r.senior.nickname}${r.onBehalf ? `（${r.requestedBy.nickname}代办）` : ''}`}</Text>
      <Text>{r.address}</Text>
      {r.phone && (
        <Text className="xfh-link" onClick={() => call(r.phone)} {...aria('link')}>
          {`电话 ${r.phone}`}
        </Text>
      )}
      {r.note && <Text className="xfh-muted">{`备注：${r.note}`}</Text>}
      {r.assignee && <Text className="xfh-muted">{`服务人员：${r.assignee.nickname}`}</Text>}

      {r.status === 'submitted' && (
        <ActionButton id={`queue-${r.id}-accept`} onClick={() => act(() => careApi.step(r.id, 'accept'))}>
          受理
        </ActionButton>
      )}
      {(r.status === 'accepted' || r.status === 'dispatched') && (
        <View className="xfh-queue__assign">
          <Picker mode="selector" range={assignees.map((a) => `${a.nickname}（${a.kind === 'volunteer' ? '志愿者' : '工作人员'} · 进行中 ${a.openTasks}）`)} onChange={(e) => assignTo(assignees[Number(e.detail.value)].id)}>
            <View className="xfh-button" id={`queue-${r.id}-assign`} {...aria('button')}>
              {r.status === 'accepted' ? '派单：选工作人员或志愿者' : '改派'}
            </View>
          </Picker>
          {assignees.every((a) => a.kind !== 'volunteer') && <Text className="xfh-muted">本综合体还没有审核通过的志愿者</Text>}
        </View>
      )}
      {r.status === 'dispatched' && (
        <ActionButton id={`queue-${r.id}-start`} onClick={() => act(() => careApi.step(r.id, 'start'))}>
          开始服务
        </ActionButton>
      )}
      {r.status === 'in_service' && (
        <ActionButton id={`queue-${r.id}-complete`} onClick={() => act(() => careApi.step(r.id, 'complete'))}>
          服务完成
        </ActionButton>
      )}
      {open && (
        <ActionButton variant="danger" onClick={cancel}>
          取消
        </ActionButton>
      )}
    </View>
  );
}

/** The dispatch queue of the worker's complexes: emergencies first, then oldest first. */
export default function CareQueuePage() {
  const user = useSessionGate();
  const [filter, setFilter] = useState('open');
  // who each complex can dispatch to, fetched once per complex
  const [assignees, setAssignees] = useState<Record<number, Assignee[]>>({});
  const known = useRef(assignees);
  // the flag is computed by the server from the time: the queue reloads every REFRESH_MS while shown
  const { data, error, reload: load } = useRemote(
    true,
    async () => {
      const q = await careApi.queue({ status: filter });
      const missing = [...new Set(q.items.map((r) => r.complexId))].filter((id) => !known.current[id]);
      if (missing.length) {
        const lists = await Promise.all(missing.map((id) => careApi.assignees(id)));
        known.current = { ...known.current, ...Object.fromEntries(missing.map((id, i) => [id, lists[i]])) };
        setAssignees(known.current);
      }
      return q;
    },
    [filter],
    { pullDown: true, pollMs: REFRESH_MS, keepPrevious: true },
  );
  const items: CareRequest[] | null = data?.items ?? null;
  const flagged = data?.flaggedCount ?? 0;

  if (user && user.role !== 'worker' && user.role !== 'district_admin') {
    return (
      <PageShell>
        <StatusView error="派单队列仅供社区工作者使用" />
      </PageShell>
    );
  }

  return (
    <PageShell className="xfh-queue">
      <Text className="xfh-heading">养老服务派单</Text>
      {flagged > 0 && (
        <Text className="xfh-error" id="queue-flagged" {...aria('alert')}>
          {`有 ${flagged} 个紧急求助超过 5 分钟未受理`}
        </Text>
      )}
      <View className="xfh-queue__filters" {...aria('tablist')}>
        {FILTERS.map((f) => (
          <Text
            key={f.key}
            className={`xfh-queue__filter${filter === f.key ? ' xfh-queue__filter--on' : ''}`}
            onClick={() => setFilter(f.key)}
            {...aria('tab', { selected: filter === f.key })}
          >
            {f.label}
          </Text>
        ))}
      </View>
      <StatusView loading={!items && !error} error={error} empty={items?.length === 0 ? '暂时没有申请' : null} onRetry={load} />
      <View id="care-queue">
        {items?.map((r) => (
          <QueueItem key={r.id} r={r} assignees={assignees[r.complexId] ?? []} onChanged={load} />
        ))}
      </View>
    </PageShell>
  );
}
