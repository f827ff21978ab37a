import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { projectsApi } from '../../../../api/projects';
import ActionButton from '../../../../components/ActionButton';
import ChoiceChips from '../../../../components/ChoiceChips';
import FormField from '../../../../components/FormField';
import PageShell from '../../../../components/PageShell';
import { shanghaiToday } from '../../../../format';
import { useRemote } from '../../../../refresh';
import { ROUTES } from '../../../../routes';
import { useSessionGate } from '../../../../session';
import './index.scss';

type SourceType = 'opinion' | 'agenda_item' | 'vote';
type OwnerType = 'worker' | 'branch' | 'department';
const SOURCES: Array<{ value: SourceType; label: string }> = [
  { value: 'opinion', label: '采纳的意见' },
  { value: 'agenda_item', label: '议事会决定' },
  { value: 'vote', label: '票决结果' },
];
const OWNERS: Array<{ value: OwnerType; label: string }> = [
  { value: 'worker', label: '我负责' },
  { value: 'branch', label: '党支部' },
  { value: 'department', label: '职能部门' },
];

/** Staff: turn a decision (an adopted opinion, a meeting decision, a vote's winner) into a project. */
export default function ProjectCreatePage() {
  const user = useSessionGate();
  const q = useRouter().params;
  const [sourceType, setSourceType] = useState<SourceType>((q.sourceType as SourceType) || 'opinion');
  const [sourceId, setSourceId] = useState(q.sourceId ?? '');
  const [complexId, setComplexId] = useState(q.complexId ?? String(user?.complexIds?.[0] ?? ''));
  const [title, setTitle] = useState(q.title ? decodeURIComponent(q.title) : '');
  const [ownerType, setOwnerType] = useState<OwnerType>('worker');
  const [branchId, setBranchId] = useState('');
  const [departmentId, setDepartmentId] = useState<number | null>(null);
  const [dueDate, setDueDate] = useState(shanghaiToday(60));
  const [milestones, setMilestones] = useState([{ title: '', dueDate: shanghaiToday(30) }]);
  const [busy, setBusy] = useState(false);
  const { data: depts } = useRemote(!!user && ownerType === 'department', () => projectsApi.departments(), [ownerType]);

  const setMilestone = (i: number, patch: Partial<{ title: string; dueDate: string }>) => setMilestones((ms) => ms.map((m, j) => (j === i ? { ...m, ...patch } : m)));

  const submit = async () => {
    if (busy) return;
    if (!Number(complexId) || !Number(sourceId) || !title.trim()) return Taro.showToast({ title: '请填写综合体、来源编号和项目名称', icon: 'none' });
    setBusy(true);
    try {
      const owner = ownerType === 'worker' ? { type: ownerType, id: user!.id } : ownerType === 'branch' ? { type: ownerType, id: Number(branchId) } : { type: ownerType, id: departmentId ?? undefined };
      const p = await projectsApi.create({
        complexId: Number(complexId),
        title: title.trim(),
        source: { type: sourceType, id: Number(sourceId) },
        owner,
        dueDate,
        milestones: milestones.filter((m) => m.title.trim()).map((m) => ({ title: m.title.trim(), dueDate: m.dueDate })),
      });
      Taro.showToast({ title: '已立项，已通知关注的居民', icon: 'success' });
      Taro.redirectTo({ url: ROUTES.project(p.id) });
    } catch {
      // toast shown by the request wrapper
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageShell className="xfh-project-new">
      <Text className="xfh-heading">从决定立项</Text>
      <Text className="xfh-muted">提出、附议这件事的居民，参会和投票的居民会自动关注项目，节点完成和结项时会收到通知。</Text>
      <View className="xfh-card">
        <ChoiceChips id="project-source-type" label="来源" options={SOURCES} value={sourceType} onChange={setSourceType} />
        <FormField id="project-source-id" label="来源编号（意见/议题/投票的编号）" type="number" value={String(sourceId)} onInput={setSourceId} />
        <FormField id="project-complex" name="complexId" label="民生综合体编号" type="number" value={String(complexId)} onInput={setComplexId} />
        <FormField id="project-title" name="title" label="项目名称" value={title} onInput={setTitle} maxlength={60} />
      </View>
      <View className="xfh-card">
        <ChoiceChips id="project-owner-type" label="负责人" options={OWNERS} value={ownerType} onChange={setOwnerType} />
        {ownerType === 'branch' && <FormField id="project-owner-branch" label="党支部编号" type="number" value={branchId} onInput={setBranchId} />}
        {ownerType === 'department' && depts && (
          <ChoiceChips id="project-owner-department" label="职能部门（区里维护的名单）" options={depts.items.map((d) => ({ value: d.id, label: d.name }))} value={departmentId} onChange={setDepartmentId} />
        )}
        <FormField id="project-due" name="dueDate" label="计划完成日期（YYYY-MM-DD）" value={dueDate} onInput={setDueDate} maxlength={10} />
      </View>
      <Text className="xfh-section-title">节点</Text>
      {milestones.map((m, i) => (
        <View key={i} className="xfh-card">
          <FormField id={`project-ms-title-${i}`} label={`节点 ${i + 1} 名称`} value={m.title} onInput={(v) => setMilestone(i, { title: v })} maxlength={60} />
          <FormField id={`project-ms-due-${i}`} label="计划日期（YYYY-MM-DD）" value={m.dueDate} onInput={(v) => setMilestone(i, { dueDate: v })} maxlength={10} />
        </View>
      ))}
      <ActionButton id="project-ms-add" variant="secondary" onClick={() => setMilestones((ms) => [...ms, { title: '', dueDate: ms[ms.length - 1]?.dueDate ?? dueDate }])}>
        添加节点
      </ActionButton>
      <ActionButton id="project-create" loading={busy} onClick={submit}>
        立项
      </ActionButton>
    </PageShell>
  );
}
