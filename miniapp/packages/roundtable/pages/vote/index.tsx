import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { pressKey, votesApi, type VoteDetail } from '../../../../api/roundtable';
import { aria } from '../../../../a11y';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { formatDateTime } from '../../../../time';
import { ROUTES } from '../../../../routes';
import { useRemote } from '../../../../refresh';
import { useSessionGate } from '../../../../session';
import { hint, useAction } from '../../../../useAction';
import './index.scss';

/** One vote: choose up to k options and cast one ballot; results when the vote allows it. */
export default function VotePage() {
  const user = useSessionGate();
  const id = Number(useRouter().params.id);
  const { data: v, error, reload: load } = useRemote<VoteDetail>(!!user, () => votesApi.detail(id), [id]);
  const [chosen, setChosen] = useState<number[]>([]);
  const [busy, run] = useAction(load);
  const key = useRef(pressKey());


  if (!v) {
    return (
      <PageShell>
        <StatusView loading={!error} error={error} onRetry={load} />
      </PageShell>
    );
  }

  const toggle = (optionId: number) => {
    if (v.maxChoices === 1) return setChosen([optionId]);
    setChosen(chosen.includes(optionId) ? chosen.filter((x) => x !== optionId) : chosen.length < v.maxChoices ? [...chosen, optionId] : chosen);
  };
  const cast = () => {
    if (busy) return;
    if (!chosen.length) return hint('请先选择');
    return run(() => votesApi.cast(id, chosen, key.current), '投票成功');
  };
  const canVote = v.state === 'open' && v.eligible && !v.myBallot;
  const max = Math.max(1, ...v.options.map((o) => o.total ?? 0));

  return (
    <PageShell className="xfh-vote">
      <Text className="xfh-heading">{v.question}</Text>
      {v.description && <Text>{v.description}</Text>}
      <Text className="xfh-muted">
        {v.eligibility.label}参加 · {v.maxChoices === 1 ? '单选' : `最多选 ${v.maxChoices} 项`} · {formatDateTime(v.opensAt)} 至 {formatDateTime(v.closesAt)}
      </Text>
      {!v.eligible && v.state === 'open' && v.eligibility.type === 'meeting' && <Text className="xfh-error">本次投票仅限{v.eligibility.label}参加</Text>}
      {!v.eligible && v.state === 'open' && v.eligibility.type !== 'meeting' && (
        <View className="xfh-card" id="vote-not-eligible">
          <Text className="xfh-error">本次投票仅限已认证的{v.eligibility.label}参加。</Text>
          <Text>
            {user?.residency?.status === 'claimed'
              ? `您的综合体「${user.residency.complexName ?? ''}」还在待认证：到综合体服务台出示认证码，或等待工作人员认证。`
              : user?.residency?.status === 'verified'
                ? '您已认证的综合体不在本次投票的范围内。如果搬了家，请在「我的 → 我的综合体」更换并重新认证。'
                : '请在「我的 → 我的综合体」选择您居住的综合体，然后到服务台出示认证码，或等待工作人员认证。'}
          </Text>
          <ActionButton id="vote-go-residency" variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.residency })}>
            去「我的综合体」认证
          </ActionButton>
        </View>
      )}
      <View {...aria(v.maxChoices === 1 ? 'radiogroup' : 'group', { label: '选项' })}>
        {v.options.map((o) => {
          const on = (v.myBallot ?? chosen).includes(o.id);
          return (
            <View
              key={o.id}
              id={`vote-option-${o.id}`}
              className={`xfh-card xfh-vote__option${on ? ' xfh-vote__option--on' : ''}`}
              onClick={canVote ? () => toggle(o.id) : undefined}
              {...aria(v.maxChoices === 1 ? 'radio' : 'checkbox', { checked: on, disabled: !canVote })}
            >
              <Text className="xfh-vote__label">{o.label}</Text>
              {o.total !== undefined && (
                <>
                  <View className="xfh-vote__bar" style={`width: ${Math.round(((o.total ?? 0) / max) * 100)}%`} />
                  <Text className="xfh-muted">
                    共 {o.total} 票（线上 {o.onlineCount}，纸质 {o.paperCount}）
                  </Text>
                </>
              )}
            </View>
          );
        })}
      </View>
      {!v.resultsVisible && <Text className="xfh-muted">投票截止后公布结果</Text>}
      {v.myBallot ? (
        <Text className="xfh-card">您已投票，感谢参与</Text>
      ) : (
        v.state === 'open' && v.eligible && (
          <ActionButton id="vote-cast" loading={busy} onClick={cast}>
            投票
          </ActionButton>
        )
      )}
      {v.canManage && (
        <ActionButton variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.staffVote(v.id) })}>
          录入纸质票
        </ActionButton>
      )}
    </PageShell>
  );
}
