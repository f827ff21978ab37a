import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { CareKind } from '@shared/constants';
import { aria } from '../../../../a11y';
import { careApi, type CareDetail } from '../../../../api/care';
import { request } from '../../../../api/request';
import ActionButton from '../../../../components/ActionButton';
import Hotline from '../../../../components/Hotline';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { ROUTES } from '../../../../routes';
import { useSessionGate } from '../../../../session';
import CareCard from '../../components/CareCard';
import SetupForm, { type Setup } from './SetupForm';
import './index.scss';
import { hint, useAction } from '../../../../useAction';
import { useRemote } from '../../../../refresh';

const HINTS: Record<CareKind, string> = {
  meal: '送餐到家',
  medical: '陪诊、配药',
  cleaning: '打扫卫生',
  bathing: '上门助浴',
  visit: '有人来看看',
  emergency: '马上联系综合体',
};

/** Starts a call to the complex: WeChat dials at once; the browser shows a tel: link instead. */
function callHotline(hotline: string) {
  const digits = hotline.replace(/[^\d+]/g, '');
  if (digits && process.env.TARO_ENV === 'weapp') Taro.makePhoneCall({ phoneNumber: digits }).catch(() => undefined);
}

/**
 * 一键养老: six big buttons, always in the elder-mode layout. One tap on a kind, one tap on
 * 确认, and the request goes to the senior's complex with the saved address and phone.
 * `?seniorId=` when a linked family member asks for a senior (亲情代办).
 */
export default function CarePage() {
  const user = useSessionGate();
  const { params } = useRouter();
  const seniorId = params.seniorId ? Number(params.seniorId) : undefined;
  const { data, error, reload: load } = useRemote(true, () => Promise.all([careApi.profile(seniorId), seniorId ? careApi.forSenior(seniorId) : careApi.mine()]), [seniorId]);
  const profile = data?.[0] ?? null;
  const mine = data?.[1].items ?? null;
  const [pending, setPending] = useState<CareKind | null>(null);
  const [done, setDone] = useState<CareDetail | null>(null);
  const [setup, setSetup] = useState<Setup>({});
  const [sending, run] = useAction(load);

  const forOther = !!seniorId && !!user && seniorId !== user.id;
  const needAddress = !!profile && !profile.address && !setup.address;
  const needComplex = !!profile && !profile.complex && !setup.complexId;

  const saveSetup = async (s: Setup) => {
    if (forOther) {
      setSetup((prev) => ({ ...prev, ...s }));
      return;
    }
    await request('/me', { method: 'PATCH', data: { ...(s.address ? { address: s.address } : {}), ...(s.complexId ? { homeComplexId: s.complexId } : {}) } });
    await load();
  };

  const confirm = () => {
    if (!pending || sending) return;
    return run(
      async () => {
        const created = await careApi.create({ kind: pending, seniorId, ...setup });
        setDone(created);
        setPending(null);
        if (created.kind === 'emergency') callHotline(created.hotline);
      },
      null,
    );
  };

  if (!profile) {
    return (
      <PageShell className="xfh-elder xfh-care">
        <StatusView loading={!error} error={error} onRetry={load} />
      </PageShell>
    );
  }

  const kinds = profile.kinds;
  const pendingLabel = kinds.find((k) => k.kind === pending)?.label;

  return (
    <PageShell className="xfh-elder xfh-care">
      <Text className="xfh-heading">{forOther ? `为${profile.senior.nickname}申请服务` : '一键养老'}</Text>
      <Text className="xfh-muted">点一下需要的服务，再点“确认”，综合体工作人员就会安排。</Text>

      {(needAddress || needComplex) && <SetupForm needAddress={needAddress} needComplex={needComplex} onDone={saveSetup} />}

      {done && (
        <View className="xfh-card xfh-care__done" id="care-done" {...aria('status', { live: 'polite' })}>
          <Text className="xfh-section-title">{`${done.kindLabel}已提交`}</Text>
          <Text>{`${done.complexName}会尽快安排，当前状态：${done.statusLabel}`}</Text>
          {done.kind === 'emergency' && done.hotline && <Hotline phone={done.hotline} label="立即拨打综合体电话" />}
          <ActionButton variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.careRequest(done.id) })}>
            查看进度
          </ActionButton>
        </View>
      )}

      {pending ? (
        <View className={`xfh-card xfh-care__confirm${pending === 'emergency' ? ' xfh-care__confirm--urgent' : ''}`} id="care-confirm">
          <Text className="xfh-section-title">{`确认申请「${pendingLabel}」？`}</Text>
          <Text>{`服务地址：${setup.address ?? profile.address ?? ''}`}</Text>
          <Text>{`联系电话：${profile.phoneMasked ?? '未留电话'}`}</Text>
          <Text>{`由 ${profile.complex?.name ?? '所选综合体'} 安排`}</Text>
          {pending === 'emergency' && <Text className="xfh-error">确认后将同时拨打综合体电话</Text>}
          <ActionButton id="care-confirm-button" variant={pending === 'emergency' ? 'danger' : 'primary'} loading={sending} disabled={sending} onClick={confirm}>
            确认申请
          </ActionButton>
          <ActionButton variant="secondary" onClick={() => setPending(null)}>
            返回
          </ActionButton>
        </View>
      ) : (
        <View className="xfh-care__grid">
          {kinds.map((k) => (
            <View
              key={k.kind}
              id={`care-kind-${k.kind}`}
              className={`xfh-care__kind xfh-care__kind--${k.kind}`}
              onClick={() => {
                if (needAddress || needComplex) {
                  hint('请先填写上门地址');
                  return;
                }
                setDone(null);
                setPending(k.kind);
              }}
              {...aria('button', { label: `${k.label}，${HINTS[k.kind]}` })}
            >
              <Text className="xfh-care__kind-label">{k.label}</Text>
              <Text className="xfh-care__kind-hint">{HINTS[k.kind]}</Text>
            </View>
          ))}
        </View>
      )}

      <Text className="xfh-section-title">{forOther ? 'TA的申请' : '我的申请'}</Text>
      <StatusView empty={mine && mine.length === 0 ? '还没有申请过服务' : null} />
      <View id="care-mine">
        {mine?.map((r) => (
          <CareCard key={r.id} r={r} />
        ))}
      </View>

      {!forOther && (
        <ActionButton variant="secondary" id="care-family" onClick={() => Taro.navigateTo({ url: ROUTES.family })}>
          亲情代办（家人帮我申请）
        </ActionButton>
      )}
      {!forOther && (
        <ActionButton variant="secondary" id="care-guard" onClick={() => Taro.navigateTo({ url: ROUTES.quietHome })}>
          亲情守护（居家无活动提醒）
        </ActionButton>
      )}
    </PageShell>
  );
}
