import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useRef, useState } from 'react';
import { evaluationsApi, pressKey, type Rateable } from '../../../../api/roundtable';
import ActionButton from '../../../../components/ActionButton';
import ChoiceChips from '../../../../components/ChoiceChips';
import FormField from '../../../../components/FormField';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { ROUTES } from '../../../../routes';
import { useRemote } from '../../../../refresh';
import { useSessionGate } from '../../../../session';
import { hint, useAction } from '../../../../useAction';

const KIND_LABELS = { activity: '活动', branch_service: '党支部服务', complex: '综合体' } as const;
const STARS = [1, 2, 3, 4, 5].map((n) => ({ value: n, label: `${'★'.repeat(n)}` }));

/** 服务评议: rate what one used — an activity, a branch's service, one's complex — once each. */
export default function RatePage() {
  const user = useSessionGate();
  const { data: items, error, reload: load } = useRemote<Rateable[]>(!!user, async () => (await evaluationsApi.pending()).items);
  const [open, setOpen] = useState<string | null>(null);
  const [stars, setStars] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [busy, run] = useAction(load);
  const key = useRef(pressKey());

  const send = (r: Rateable) => {
    if (busy) return;
    if (!stars) return hint('请先选择星级');
    return run(
      async () => {
        const res = await evaluationsApi.rate({ targetType: r.targetType, targetId: r.targetId, stars, comment: comment.trim() || undefined }, key.current);
        key.current = pressKey();
        return res;
      },
      (res) => (res.pointsAwarded ? `感谢评价，+${res.pointsAwarded} 积分` : '感谢评价'),
      {
        then: () => {
          setOpen(null);
          setStars(null);
          setComment('');
        },
      },
    );
  };

  return (
    <PageShell>
      <Text className="xfh-heading">服务评议</Text>
      <Text className="xfh-muted">为参加过的活动、党支部服务和您的综合体打分，每项可评一次</Text>
      <StatusView loading={items === null && !error} error={error} onRetry={load} empty={items?.length === 0 ? '暂时没有待评价的项目' : null} />
      {items?.map((r) => {
        const k = `${r.targetType}-${r.targetId}`;
        return (
          <View key={k} className="xfh-card" id={`rate-${k}`}>
            <Text className="xfh-tag xfh-tag--flagship">{KIND_LABELS[r.targetType]}</Text>
            <Text className="xfh-section-title">{r.name}</Text>
            {open === k ? (
              <>
                <ChoiceChips id={`stars-${k}`} label="星级" options={STARS} value={stars} onChange={setStars} />
                <FormField id={`comment-${k}`} label="评价（可选）" value={comment} onInput={setComment} maxlength={500} multiline />
                <ActionButton loading={busy} onClick={() => send(r)}>
                  提交评价
                </ActionButton>
              </>
            ) : (
              <ActionButton variant="secondary" onClick={() => { setOpen(k); setStars(null); }}>
                去评价
              </ActionButton>
            )}
          </View>
        );
      })}
      {user?.residency?.status !== 'verified' && (
        <View className="xfh-card" id="rate-complex-hint">
          <Text className="xfh-section-title">想评价您的综合体？</Text>
          <Text>
            {user?.residency?.status === 'claimed'
              ? '您的综合体还在待认证。到综合体服务台出示认证码，或等待工作人员认证后，就能评价它。'
              : '先在「我的 → 我的综合体」选择您居住的综合体，到服务台出示认证码或等待工作人员认证后就能评价。'}
            近 90 天在某个综合体签到过活动或会议，也可以评价那个综合体。
          </Text>
          <ActionButton id="rate-go-residency" variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.residency })}>
            去「我的综合体」
          </ActionButton>
        </View>
      )}
    </PageShell>
  );
}
