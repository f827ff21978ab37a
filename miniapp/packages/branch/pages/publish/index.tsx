import { Input, Label, Picker, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useMemo, useState } from 'react';
import { ApiError } from '../../../../api/request';
import { branchApi, idemKey, type CatalogCategory } from '../../../../api/branch';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { ROUTES } from '../../../../routes';
import { shanghaiInstant, shanghaiToday, soonestSlot } from '../../../../time';
import { useActingBranchId } from '../../acting';
import '../../styles.scss';
import { useAction } from '../../../../useAction';
import { useRemote } from '../../../../refresh';

const FIELD_NAMES: Record<string, string> = {
  complexId: '综合体',
  serviceItemId: '服务项目',
  startAt: '开始时间',
  endAt: '结束时间',
  capacity: '名额',
  description: '服务介绍',
  volunteersNeeded: '志愿者',
};

/** Publish an item of the district service list at one of the branch's paired complexes. */
export default function PublishPage() {
  const branchId = useActingBranchId();
  const { data: branch } = useRemote(!!branchId, () => branchApi.branch(branchId!).catch(() => null), [branchId]);
  const { data: catalogData } = useRemote(!!branchId, () => branchApi.catalog().catch((): CatalogCategory[] => []), [branchId]);
  const catalog = useMemo(() => catalogData ?? [], [catalogData]);
  const [catIndex, setCatIndex] = useState(0);
  const [itemIndex, setItemIndex] = useState(0);
  const [complexIndex, setComplexIndex] = useState(0);
  const [slot] = useState(() => soonestSlot());
  const [date, setDate] = useState(slot.date);
  const [start, setStart] = useState(slot.start);
  const [end, setEnd] = useState(slot.end);
  const [capacity, setCapacity] = useState('20');
  const [volunteers, setVolunteers] = useState('0');
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, run] = useAction();
  // One key per form: a retried tap publishes once.
  const [key] = useState(idemKey);

  const items = useMemo(() => catalog[catIndex]?.items ?? [], [catalog, catIndex]);

  const submit = async () => {
    const problems: string[] = [];
    if (itemIndex < 0 || !items[itemIndex]) problems.push('请选择服务项目');
    if (!branch?.complexes[complexIndex]) problems.push('请选择综合体');
    if (!description.trim()) problems.push('请填写服务介绍');
    if (end <= start) problems.push('结束时间要晚于开始时间');
    setErrors(problems);
    if (problems.length || !branchId) return;
    await run(
      () =>
        branchApi.publish(
          branchId,
          {
            complexId: branch!.complexes[complexIndex].id,
            serviceItemId: items[itemIndex].id,
            description: description.trim(),
            startAt: shanghaiInstant(date, start),
            endAt: shanghaiInstant(date, end),
            capacity: Number(capacity) || 0,
            volunteersNeeded: Number(volunteers) || 0,
          },
          key,
        ),
      '已发布',
      {
        then: (o) => Taro.redirectTo({ url: ROUTES.offering(o.id) }),
        onError: (e) => {
          const err = e as ApiError;
          const fields = (err.details as { fields?: Record<string, string> } | undefined)?.fields;
          setErrors(fields ? Object.entries(fields).map(([k, v]) => `${FIELD_NAMES[k] ?? k}：${v}`) : [err.message]);
        },
      },
    );
  };

  if (!branchId) {
    return (
      <PageShell>
        <StatusView error="您的账号还没有关联党支部" />
      </PageShell>
    );
  }

  return (
    <PageShell className="xfh-branch">
      <Text className="xfh-heading">发布送服务</Text>
      <Text className="xfh-muted">从区级服务清单中选择项目，在本支部结对的综合体开展。</Text>

      <View className="xfh-card" style={{ marginTop: '12px' }}>
        <View className="xfh-branch__field">
          <Text className="xfh-branch__field-label">服务类别</Text>
          <Picker mode="selector" range={catalog.map((c) => c.name)} value={catIndex} onChange={(e) => { setCatIndex(Number(e.detail.value)); setItemIndex(0); }}>
            <View className="xfh-branch__picker" id="pick-category">{catalog[catIndex]?.name ?? '加载中…'}</View>
          </Picker>
        </View>
        <View className="xfh-branch__field">
          <Text className="xfh-branch__field-label">服务项目</Text>
          <Picker mode="selector" range={items.map((i) => i.name)} value={Math.max(0, itemIndex)} onChange={(e) => setItemIndex(Number(e.detail.value))}>
            <View className="xfh-branch__picker" id="pick-item">{items[itemIndex]?.name ?? '请选择'}</View>
          </Picker>
        </View>
        <View className="xfh-branch__field">
          <Text className="xfh-branch__field-label">结对综合体</Text>
          <Picker mode="selector" range={(branch?.complexes ?? []).map((c) => c.name)} value={complexIndex} onChange={(e) => setComplexIndex(Number(e.detail.value))}>
            <View className="xfh-branch__picker" id="pick-complex">{branch?.complexes[complexIndex]?.name ?? '加载中…'}</View>
          </Picker>
        </View>
        <View className="xfh-branch__field">
          <Text className="xfh-branch__field-label">日期</Text>
          <Picker mode="date" value={date} start={shanghaiToday()} onChange={(e) => setDate(e.detail.value)}>
            <View className="xfh-branch__picker" id="pick-date">{date}</View>
          </Picker>
        </View>
        <View className="xfh-branch__row">
          <View style={{ flex: 1 }}>
            <Text className="xfh-branch__field-label">开始</Text>
            <Picker mode="time" value={start} onChange={(e) => setStart(e.detail.value)}>
              <View className="xfh-branch__picker" id="pick-start">{start}</View>
            </Picker>
          </View>
          <View style={{ flex: 1 }}>
            <Text className="xfh-branch__field-label">结束</Text>
            <Picker mode="time" value={end} onChange={(e) => setEnd(e.detail.value)}>
              <View className="xfh-branch__picker" id="pick-end">{end}</View>
            </Picker>
          </View>
        </View>
      </View>

      <View className="xfh-card">
        <Label className="xfh-branch__field" for="capacity-input">
          <Text className="xfh-branch__field-label">名额（人）</Text>
        </Label>
        <Input id="capacity-input" nativeProps={{ 'aria-label': '名额（人）' }} className="xfh-branch__input" type="number" value={capacity} onInput={(e) => setCapacity(e.detail.value)} />
        <Label className="xfh-branch__field" for="volunteers-input">
          <Text className="xfh-branch__field-label" style={{ marginTop: '16px' }}>需要志愿者（人）</Text>
        </Label>
        <Input id="volunteers-input" nativeProps={{ 'aria-label': '需要志愿者（人）' }} className="xfh-branch__input" type="number" value={volunteers} onInput={(e) => setVolunteers(e.detail.value)} />
        <Label className="xfh-branch__field" for="description-input">
          <Text className="xfh-branch__field-label" style={{ marginTop: '16px' }}>服务介绍</Text>
        </Label>
        <Textarea id="description-input" nativeProps={{ 'aria-label': '服务介绍' }} className="xfh-branch__textarea" maxlength={2000} value={description} placeholder="服务内容、适合人群、需携带的材料" onInput={(e) => setDescription(e.detail.value)} />
      </View>

      {errors.length > 0 && (
        <View className="xfh-card" id="publish-errors">
          {errors.map((m) => (
            <Text key={m} className="xfh-error" style={{ display: 'block' }}>{m}</Text>
          ))}
        </View>
      )}
      <ActionButton id="submit-offering" disabled={busy || undefined} onClick={submit}>
        {busy ? '正在发布…' : '发布'}
      </ActionButton>
    </PageShell>
  );
}
