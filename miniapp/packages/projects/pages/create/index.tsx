import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { PROJECT_SOURCE_TYPES, type ProjectSourceType } from '@shared/projects';
import { projectsApi } from '../../../../api/projects';
import { opinionsApi, type AssignableWorker } from '../../../../api/roundtable';
import ActionButton from '../../../../components/ActionButton';
import ChoiceChips from '../../../../components/ChoiceChips';
import FormField from '../../../../components/FormField';
import PageShell from '../../../../components/PageShell';
import { SelectField } from '../../../../components/PickerField';
import StatusView from '../../../../components/StatusView';
import { shanghaiToday } from '../../../../time';
import { useRemote } from '../../../../refresh';
import { ROUTES } from '../../../../routes';
import { useSessionGate } from '../../../../session';
import { hint, useAction } from '../../../../useAction';
import './index.scss';

type OwnerType = 'worker' | 'branch' | 'department';
const SOURCE_LABELS: Record<ProjectSourceType, string> = { opinion: '居民意见', agenda_item: '议事会决定', vote: '票决结果' };
const OWNERS: Array<{ value: OwnerType; label: string }> = [
  { value: 'worker', label: '社区工作者' },
  { value: 'branch', label: '结对党支部' },
  { value: 'department', label: '职能部门' },
];

const decoded = (v: string | undefined) => {
  if (!v) return '';
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
};

/**
 * Staff: turn a decision (an opinion taken up, a meeting's adopted item, a vote's winner) into a
 * project. Opened from the 立项跟踪 button on that decision's page, which fills in the source and
 * the complex; the owner comes from the complex's workers, its paired branches or the district's
 * department list.
 */
export default function ProjectCreatePage() {
  const user = useSessionGate();
  const q = useRouter().params;
  const sourceType = (PROJECT_SOURCE_TYPES as readonly string[]).includes(q.sourceType ?? '') ? (q.sourceType as ProjectSourceType) : null;
  const sourceId = Number(q.sourceId) || 0;
  const complexId = Number(q.complexId) || 0;
  const sourceTitle = decoded(q.title);
  const [title, setTitle] = useState(sourceTitle.slice(0, 60));
  const [ownerType, setOwnerType] = useState<OwnerType>('worker');
  const [workers, setWorkers] = useState<AssignableWorker[] | null>(null);
  const [workerPick, setWorkerPick] = useState(-1);
  const [branches, setBranches] = useState<Array<{ id: number; name: string }> | null>(null);
  const [branchPick, setBranchPick] = useState(-1);
  const [departmentId, setDepartmentId] = useState<number | null>(null);
  const [dueDate, setDueDate] = useState(shanghaiToday(60));
  const [milestones, setMilestones] = useState([{ title: '', dueDate: shanghaiToday(30) }]);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, run] = useAction();
  const [, act] = useAction();
  const ready = !!user && !!sourceType && !!sourceId && !!complexId;
  const { data: depts, reload: reloadDepts } = useRemote(ready && ownerType === 'department', () => projectsApi.departments(), [ownerType]);
  const [newDept, setNewDept] = useState('');

  useEffect(() => {
    if (!ready) return;
    opinionsApi.complexWorkers(complexId).then(
      (ws) => {
        setWorkers(ws);
        setWorkerPick(ws.findIndex((w) => w.id === user!.id));
      },
      () => setWorkers([]),
    );
  }, [ready, complexId, user]);
  useEffect(() => {
    if (ready && ownerType === 'branch' && branches === null) opinionsApi.pairedBranches(complexId).then(setBranches, () => setBranches([]));
  }, [ready, ownerType, complexId, branches]);

  if (!user) return <PageShell>{null}</PageShell>;
  if (!sourceType || !sourceId || !complexId) {
    return (
      <PageShell className="xfh-project-new">
        <StatusView error="请从意见办理、议事会议程或票决结果页面点「立项跟踪」，来源会自动带入。" />
        <ActionButton id="project-new-inbox" variant="secondary" onClick={() => Taro.redirectTo({ url: ROUTES.opinionInbox })}>
          去意见办理
        </ActionButton>
        <ActionButton id="project-new-meetings" variant="secondary" onClick={() => Taro.redirectTo({ url: ROUTES.staffMeetings })}>
          去议事会与票决
        </ActionButton>
      </PageShell>
    );
  }

  const setMilestone = (i: number, patch: Partial<{ title: string; dueDate: string }>) => setMilestones((ms) => ms.map((m, j) => (j === i ? { ...m, ...patch } : m)));

  const ownerOf = (): { type: OwnerType; id?: number } | string => {
    if (ownerType === 'worker') return workers?.[workerPick] ? { type: 'worker', id: workers[workerPick].id } : '请选择负责的社区工作者';
    if (ownerType === 'branch') return branches?.[branchPick] ? { type: 'branch', id: branches[branchPick].id } : '请选择负责的党支部';
    return departmentId ? { type: 'department', id: departmentId } : '请选择负责的职能部门';
  };

  const submit = () => {
    if (busy) return;
    const owner = ownerOf();
    if (typeof owner === 'string') return setFormError(owner);
    if (title.trim().length < 2) return setFormError('请填写项目名称（至少 2 个字）');
    setFormError(null);
    return run(
      () =>
        projectsApi.create({
          complexId,
          title: title.trim(),
          source: { type: sourceType, id: sourceId },
          owner,
          dueDate,
          milestones: milestones.filter((m) => m.title.trim()).map((m) => ({ title: m.title.trim(), dueDate: m.dueDate })),
        }),
      '已立项，已通知关注的居民',
      {
        then: (p) => Taro.redirectTo({ url: ROUTES.project(p.id) }),
        onError: (e) => {
          const fields = (e as { details?: { fields?: Record<string, string> } }).details?.fields;
          if (fields) setFormError(Object.values(fields).join('；'));
        },
      },
    );
  };

  return (
    <PageShell className="xfh-project-new">
      <Text className="xfh-heading">立项跟踪</Text>
      <Text className="xfh-muted">提出、附议这件事的居民，参会和投票的居民会自动关注项目，节点完成和结项时会收到通知。</Text>
      <View className="xfh-card" id="project-source">
        <Text className="xfh-section-title">来源：{SOURCE_LABELS[sourceType]}</Text>
        <Text>{sourceTitle || `编号 ${sourceId}`}</Text>
      </View>
      <View className="xfh-card">
        <FormField id="project-title" name="title" label="项目名称" value={title} onInput={setTitle} maxlength={60} />
        <ChoiceChips id="project-owner-type" label="负责" options={OWNERS} value={ownerType} onChange={(v) => { setOwnerType(v); setFormError(null); }} />
        {ownerType === 'worker' &&
          (workers === null ? (
            <Text className="xfh-muted">正在加载工作人员…</Text>
          ) : (
            <SelectField id="project-owner-worker" label="负责的社区工作者" options={workers.map((w) => (w.id === user.id ? `${w.name}（我）` : w.name))} index={workerPick} onChange={setWorkerPick} empty="本综合体还没有工作人员" />
          ))}
        {ownerType === 'branch' &&
          (branches === null ? (
            <Text className="xfh-muted">正在加载结对党支部…</Text>
          ) : (
            <SelectField id="project-owner-branch" label="结对党支部" options={branches.map((b) => b.name)} index={branchPick} onChange={setBranchPick} empty="本综合体还没有结对党支部" />
          ))}
        {ownerType === 'department' && depts && (
          <ChoiceChips id="project-owner-department" label="职能部门（区里维护的名单）" options={depts.items.map((d) => ({ value: d.id, label: d.name }))} value={departmentId} onChange={setDepartmentId} />
        )}
        {ownerType === 'department' && user.role === 'district_admin' && (
          <View id="project-department-add">
            <FormField id="project-department-name" label="名单里没有？新增职能部门（区级管理员）" value={newDept} onInput={setNewDept} maxlength={64} />
            <ActionButton
              variant="secondary"
              onClick={() => {
                if (newDept.trim().length < 2) return hint('请填写部门名称');
                return act(async () => {
                  const d = await projectsApi.addDepartment(newDept.trim());
                  setNewDept('');
                  await reloadDepts();
                  setDepartmentId(d.id);
                }, null);
              }}
            >
              加入部门名单
            </ActionButton>
          </View>
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
      {formError && (
        <Text className="xfh-error" id="project-form-error">
          {formError}
        </Text>
      )}
      <ActionButton id="project-create" loading={busy} onClick={submit}>
        立项
      </ActionButton>
    </PageShell>
  );
}
