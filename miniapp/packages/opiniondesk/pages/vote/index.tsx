import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { VOTE_ELIGIBILITY, VOTE_ELIGIBILITY_LABELS, type VoteEligibility } from '@shared/opinions';
import { pressKey, votesApi, type VoteDetail } from '../../../../api/roundtable';
import ActionButton from '../../../../components/ActionButton';
import ChoiceChips from '../../../../components/ChoiceChips';
import FormField from '../../../../components/FormField';
import PageShell from '../../../../components/PageShell';
import ProjectFromSource from '../../../../components/ProjectFromSource';
import StatusView from '../../../../components/StatusView';
import { ROUTES } from '../../../../routes';
import { useRemote } from '../../../../refresh';
import { useAction } from '../../../../useAction';
import { useSessionGate } from '../../../../session';
import { shanghaiInput, shanghaiToday, shanghaiWallTime } from '../../../../time';
import { DateTimeField } from '../../../../components/PickerField';

const ELIGIBILITY_OPTIONS = VOTE_ELIGIBILITY.map((e) => ({ value: e, label: VOTE_ELIGIBILITY_LABELS[e] }));
const VISIBILITY_OPTIONS = [
  { value: 'after_close' as const, label: '截止后公布' },
  { value: 'live' as const, label: '实时公布' },
];

/** 票决管理: open a vote (no id) or, for an existing one, see the counts and enter paper tallies. */
export default function StaffVotePage() {
  const user = useSessionGate();
  const id = Number(useRouter().params.id) || 0;
  const [paper, setPaper] = useState<Record<number, string>>({});
  const [form, setForm] = useState({ question: '', options: '', maxChoices: '1', eligibility: 'street' as VoteEligibility, meetingId: '', opens: shanghaiWallTime(), closes: `${shanghaiToday(7)} 18:00`, results: 'after_close' as 'live' | 'after_close' });
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, run] = useAction();
  const key = useRef(pressKey());

  const { data: v, error, reload: load, setData: setV } = useRemote<VoteDetail>(!!user && !!id, () => votesApi.detail(id), [id]);

  const openVote = async () => {
    const complexId = user?.complexIds?.[0];
    const options = form.options.split(/\n|，|,/).map((s) => s.trim()).filter(Boolean);
    const opensAt = shanghaiInput(form.opens);
    const closesAt = shanghaiInput(form.closes);
    if (!complexId) return setFormError('您还没有负责的综合体');
    if (!form.question.trim() || options.length < 2) return setFormError('请填写事项和至少 2 个选项（每行一个）');
    if (!opensAt || !closesAt) return setFormError('请选择开始和截止时间');
    if (closesAt <= opensAt) return setFormError('截止时间应晚于开始时间');
    setFormError(null);
    // Community and street default on the server to the complex's own.
    const ref = form.eligibility === 'meeting' ? Number(form.meetingId) || undefined : undefined;
    return run(
      () =>
        votesApi.open(
          { complexId, question: form.question.trim(), options, maxChoices: Number(form.maxChoices) || 1, eligibility: { type: form.eligibility, id: ref }, opensAt, closesAt, resultsVisibility: form.results, meetingId: form.eligibility === 'meeting' ? ref : undefined },
          key.current,
        ),
      null,
      {
        then: (r) => {
          key.current = pressKey();
          Taro.redirectTo({ url: ROUTES.staffVote(r.id) });
        },
        onError: (e) => {
          const fields = (e as { details?: { fields?: Record<string, string> } }).details?.fields;
          if (fields) setFormError(Object.values(fields).join('；'));
        },
      },
    );
  };

  const addPaper = async () => {
    if (!v) return;
    const counts = v.options.map((o) => ({ optionId: o.id, count: Number(paper[o.id] || 0) })).filter((c) => c.count > 0);
    if (!counts.length || counts.some((c) => !Number.isInteger(c.count))) return setFormError('请填写纸质票数（整数）');
    setFormError(null);
    return run(
      async () => {
        setV(await votesApi.paperTally(v.id, counts, '现场纸质票', key.current));
        key.current = pressKey();
        setPaper({});
      },
      '已录入',
    );
  };
  const set = (k: keyof typeof form) => (val: string) => setForm({ ...form, [k]: val });

  if (!id) {
    return (
      <PageShell>
        <Text className="xfh-heading">发起票决</Text>
        <FormField id="vote-question" name="question" label="表决事项" value={form.question} onInput={set('question')} maxlength={100} />
        <FormField id="vote-options" name="options" label="选项（每行一个）" value={form.options} onInput={set('options')} multiline />
        <FormField id="vote-max" label="最多可选几项（1 为单选）" type="number" value={form.maxChoices} onInput={set('maxChoices')} />
        <Text className="xfh-section-title">谁可以投票</Text>
        <ChoiceChips id="vote-eligibility" label="投票范围" options={ELIGIBILITY_OPTIONS} value={form.eligibility} onChange={(e) => setForm({ ...form, eligibility: e })} />
        {form.eligibility === 'meeting' && <FormField id="vote-meeting" label="会议编号" type="number" value={form.meetingId} onInput={set('meetingId')} />}
        <DateTimeField id="vote-opens" label="开始时间" value={form.opens} onChange={set('opens')} start={shanghaiToday()} />
        <DateTimeField id="vote-closes" label="截止时间" value={form.closes} onChange={set('closes')} start={shanghaiToday()} />
        <ChoiceChips id="vote-results" label="结果公布" options={VISIBILITY_OPTIONS} value={form.results} onChange={(r) => setForm({ ...form, results: r })} />
        {formError && <Text className="xfh-error">{formError}</Text>}
        <ActionButton loading={busy} onClick={openVote}>
          发起
        </ActionButton>
      </PageShell>
    );
  }
  if (!v) {
    return (
      <PageShell>
        <StatusView loading={!error} error={error} onRetry={load} />
      </PageShell>
    );
  }
  // A closed vote with one winning option can become a 民生项目 (a tie or no ballots cannot).
  const ranked = [...v.options].sort((a, b) => (b.total ?? 0) - (a.total ?? 0));
  const winner = v.state === 'closed' && ranked[0] && (ranked[0].total ?? 0) > 0 && (ranked[1]?.total ?? -1) < (ranked[0].total ?? 0) ? ranked[0] : null;
  return (
    <PageShell>
      <Text className="xfh-heading">{v.question}</Text>
      {v.state === 'closed' && (
        <Text className="xfh-section-title" id="vote-result">
          {winner ? `结果：「${winner.label}」胜出（${winner.total} 票）` : '结果：没有唯一胜出的选项'}
        </Text>
      )}
      {winner && v.canManage && <ProjectFromSource sourceType="vote" sourceId={v.id} complexId={v.complexId} title={`${v.question}：${winner.label}`} />}
      <Text className="xfh-muted">
        {v.eligibility.label} · 线上 {v.onlineBallots ?? 0} 票
      </Text>
      {v.options.map((o) => (
        <View key={o.id} className="xfh-card">
          <Text className="xfh-section-title">{o.label}</Text>
          <Text>
            合计 {o.total ?? 0}（线上 {o.onlineCount ?? 0} · 纸质 {o.paperCount ?? 0}）
          </Text>
          {v.canManage && <FormField id={`paper-${o.id}`} label="新增纸质票" type="number" value={paper[o.id] ?? ''} onInput={(val) => setPaper({ ...paper, [o.id]: val })} />}
        </View>
      ))}
      {formError && <Text className="xfh-error">{formError}</Text>}
      {v.canManage && (
        <ActionButton loading={busy} onClick={addPaper}>
          录入纸质票
        </ActionButton>
      )}
    </PageShell>
  );
}
