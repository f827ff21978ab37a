import { Image, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { opinionsApi, photoSrc, pressKey, type AssignableWorker, type OpinionDetail, type StaffStep } from '../../../../api/roundtable';
import ActionButton from '../../../../components/ActionButton';
import ChoiceChips from '../../../../components/ChoiceChips';
import FormField from '../../../../components/FormField';
import OpinionStatus from '../../../../components/OpinionStatus';
import OpinionTimeline from '../../../../components/OpinionTimeline';
import PageShell from '../../../../components/PageShell';
import ProjectFromSource from '../../../../components/ProjectFromSource';
import { SelectField } from '../../../../components/PickerField';
import StatusView from '../../../../components/StatusView';
import { formatDateTime } from '../../../../time';
import { useRemote } from '../../../../refresh';
import { useSessionGate } from '../../../../session';
import { useAction } from '../../../../useAction';

const STEP_LABELS: Record<string, string> = {
  release: '审核通过',
  block: '审核不通过',
  accept: '受理',
  reject: '不予受理',
  assign: '交办',
  start: '开始办理',
  reply: '答复',
};
/** Taken up by the complex (受理 and after): the decision that can become a 民生项目. */
const TAKEN_UP = ['accepted', 'assigned', 'in_progress', 'replied', 'closed'];
const ASSIGN_KINDS = [
  { value: 'department' as const, label: '部门' },
  { value: 'branch' as const, label: '结对党支部' },
  { value: 'worker' as const, label: '工作人员' },
];

/** 办理: the worker's side of one opinion — the steps the state machine allows from here. */
export default function HandlePage() {
  const user = useSessionGate();
  const id = Number(useRouter().params.id);
  const { data: o, error, reload: load } = useRemote<OpinionDetail>(!!user, () => opinionsApi.detail(id), [id]);
  const [step, setStep] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [assignKind, setAssignKind] = useState<'department' | 'branch' | 'worker'>('department');
  const [assignTo, setAssignTo] = useState('');
  // whom the opinion's complex can assign to: loaded when the worker opens 交办
  const [branches, setBranches] = useState<Array<{ id: number; name: string }> | null>(null);
  const [workers, setWorkers] = useState<AssignableWorker[] | null>(null);
  const [pick, setPick] = useState(-1);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, run] = useAction(load);
  const key = useRef(pressKey());

  const complexId = o?.complexId;
  useEffect(() => {
    if (step !== 'assign' || !complexId) return;
    if (assignKind === 'branch' && branches === null) opinionsApi.pairedBranches(complexId).then(setBranches, () => setBranches([]));
    if (assignKind === 'worker' && workers === null) opinionsApi.complexWorkers(complexId).then(setWorkers, () => setWorkers([]));
  }, [step, assignKind, complexId, branches, workers]);

  const buildStep = (): StaffStep | string => {
    const t = text.trim();
    switch (step) {
      case 'reject':
      case 'block':
        return t ? { step, reason: t } : '请填写理由';
      case 'reply':
        return t ? { step, reply: t } : '请填写答复内容';
      case 'assign': {
        if (assignKind === 'department') {
          const v = assignTo.trim();
          return v ? { step, to: { type: 'department', name: v }, note: t || undefined } : '请填写部门名称';
        }
        if (assignKind === 'branch') {
          const b = branches?.[pick];
          return b ? { step, to: { type: 'branch', branchId: b.id }, note: t || undefined } : '请选择结对党支部';
        }
        const w = workers?.[pick];
        return w ? { step, to: { type: 'worker', userId: w.id }, note: t || undefined } : '请选择工作人员';
      }
      default:
        return { step: step as 'accept' | 'release' | 'start', note: t || undefined };
    }
  };

  const send = () => {
    const s = buildStep();
    if (typeof s === 'string') return setFormError(s);
    setFormError(null);
    return run(
      async () => {
        await opinionsApi.staffStep(id, s, key.current);
        key.current = pressKey();
      },
      `${STEP_LABELS[s.step]}成功`,
      {
        then: () => {
          setStep(null);
          setText('');
          setAssignTo('');
          setPick(-1);
        },
        onError: (e) => {
          const fields = ((e as { details?: { fields?: Record<string, string> } }).details?.fields) ?? null;
          if (fields) setFormError(Object.values(fields).join('；'));
        },
      },
    );
  };

  if (!o) {
    return (
      <PageShell>
        <StatusView loading={!error} error={error} onRetry={load} />
      </PageShell>
    );
  }
  if (o.viewer !== 'staff') {
    return (
      <PageShell>
        <StatusView error="您不是该综合体的工作人员" />
      </PageShell>
    );
  }
  const textLabel = step === 'reply' ? '答复内容' : step === 'reject' || step === 'block' ? '理由（必填）' : '备注（可选）';

  return (
    <PageShell>
      <View className="xfh-card xfh-stack">
        <Text className="xfh-heading" id="handle-title">
          {o.title}
        </Text>
        <OpinionStatus status={o.status} id="handle-status" />
        <Text className="xfh-muted">
          {o.category} · {o.submitterName} · {o.visibility === 'private' ? '不公开' : '公开'} · 附议 {o.cosignCount}
        </Text>
        {o.heldReason && <Text className="xfh-error">内容检查：{o.heldReason === 'wechat_review' ? '微信内容安全建议人工复核' : '内容检查暂不可用，需人工审核'}</Text>}
        {o.overdue && <Text className="xfh-error">已超期</Text>}
        <Text className="xfh-muted">
          受理期限 {formatDateTime(o.acceptDueAt)}
          {o.replyDueAt ? ` · 答复期限 ${formatDateTime(o.replyDueAt)}` : ''}
        </Text>
        <Text>{o.content}</Text>
        <View>
          {o.photos.map((p) => (
            <Image key={p.id} src={photoSrc(p.url)} mode="aspectFill" style="width: 100px; height: 100px; margin-right: 8px" ariaLabel="意见照片" />
          ))}
        </View>
        {o.reply && <Text>答复：{o.reply}</Text>}
        {o.assignee && <Text className="xfh-muted">交办：{o.assignee.label}</Text>}
      </View>

      {TAKEN_UP.includes(o.status) && <ProjectFromSource sourceType="opinion" sourceId={o.id} complexId={o.complexId} title={o.title} />}

      {o.actions.length > 0 && (
        <View className="xfh-card" id="handle-actions">
          <Text className="xfh-section-title">办理</Text>
          <ChoiceChips id="handle-step" label="办理操作" options={o.actions.map((a) => ({ value: a, label: STEP_LABELS[a] ?? a }))} value={step} onChange={(v) => { setStep(v); setFormError(null); }} />
          {step === 'assign' && (
            <>
              <ChoiceChips id="assign-kind" label="交办给" options={ASSIGN_KINDS} value={assignKind} onChange={(k) => { setAssignKind(k); setPick(-1); setFormError(null); }} />
              {assignKind === 'department' && <FormField id="assign-to" label="部门名称" value={assignTo} onInput={setAssignTo} maxlength={64} />}
              {assignKind === 'branch' &&
                (branches === null ? (
                  <Text className="xfh-muted">正在加载结对党支部…</Text>
                ) : (
                  <SelectField id="assign-branch" label="结对党支部" options={branches.map((b) => b.name)} index={pick} onChange={setPick} empty="本综合体还没有结对党支部" />
                ))}
              {assignKind === 'worker' &&
                (workers === null ? (
                  <Text className="xfh-muted">正在加载工作人员…</Text>
                ) : (
                  <SelectField
                    id="assign-worker"
                    label="工作人员"
                    options={workers.map((w) => (w.phoneMasked ? `${w.name}（${w.phoneMasked}）` : w.name))}
                    index={pick}
                    onChange={setPick}
                    empty="本综合体还没有工作人员"
                  />
                ))}
            </>
          )}
          {step && <FormField id="handle-text" label={textLabel} value={text} onInput={setText} maxlength={step === 'reply' ? 1000 : 500} multiline={step === 'reply' || step === 'reject' || step === 'block'} />}
          {formError && <Text className="xfh-error">{formError}</Text>}
          {step && (
            <ActionButton id="handle-send" loading={busy} onClick={send}>
              确认{STEP_LABELS[step]}
            </ActionButton>
          )}
        </View>
      )}

      <Text className="xfh-section-title">办理进度</Text>
      <OpinionTimeline entries={o.timeline} />
    </PageShell>
  );
}
