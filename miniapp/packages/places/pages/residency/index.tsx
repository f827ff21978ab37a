import { Text, View } from '@tarojs/components';
import { useDidHide } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { RESIDENCY_STATUS_LABELS } from '@shared/constants';
import { meApi } from '../../../../api/me';
import { placesApi, type ComplexSummary } from '../../../../api/places';
import { residencyApi, type ResidencyCode } from '../../../../api/residency';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import { SelectField } from '../../../../components/PickerField';
import QrImage from '../../../../components/QrImage';
import StatusView from '../../../../components/StatusView';
import { formatDateTime } from '../../../../time';
import { useRemote, useShowLoad } from '../../../../refresh';
import { useSessionGate } from '../../../../session';
import { loadMe } from '../../../../stores/auth';
import { setMyComplexId } from '../../../../stores/place';
import { hint, useAction } from '../../../../useAction';
import './index.scss';

/**
 * 我的综合体: pick the complex one lives by (a claim), then get it verified — show the 认证码 at
 * the counter, or wait for a worker to verify the claim from their 居民认证 list.
 */
export default function ResidencyPage() {
  const user = useSessionGate();
  const residency = user?.residency;
  const { data: complexes } = useRemote<ComplexSummary[]>(true, () => placesApi.complexes().catch(() => []));
  const [pick, setPick] = useState(-1);
  const [busy, run] = useAction();
  const [code, setCode] = useState<ResidencyCode | null>(null);
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);

  const stopCode = () => {
    if (timer.current) clearInterval(timer.current);
    timer.current = null;
  };
  const fetchCode = async () => {
    try {
      setCode(await residencyApi.code());
    } catch {
      setCode(null);
      stopCode();
    }
  };
  const showCode = async () => {
    stopCode();
    await fetchCode();
    // a code lives two minutes; a fresh one every minute keeps the one on screen valid
    timer.current = setInterval(fetchCode, 60_000);
  };
  useDidHide(stopCode);
  useEffect(() => stopCode, []);
  // the residency status may have changed at the counter meanwhile
  useShowLoad(true, () => loadMe().catch(() => undefined));
  // once verified the code has done its job
  useEffect(() => {
    if (residency?.status !== 'claimed') {
      stopCode();
      setCode(null);
    }
  }, [residency?.status]);

  const claim = () => {
    const c = complexes?.[pick];
    if (!c) return hint('请先选择综合体');
    return run(async () => {
      await meApi.update({ homeComplexId: c.id });
      setMyComplexId(c.id);
      await loadMe();
      setPick(-1);
    }, '已提交，待认证');
  };

  const status = residency?.status ?? 'none';
  return (
    <PageShell className="xfh-residency">
      <View className="xfh-card xfh-residency__now">
        <View className="xfh-residency__head">
          <Text className="xfh-heading">我的综合体</Text>
          <Text id="residency-status" className={`xfh-tag xfh-residency__status--${status}`}>{RESIDENCY_STATUS_LABELS[status]}</Text>
        </View>
        <Text id="residency-name" className="xfh-residency__name">{residency?.complexName ?? '还没有选择'}</Text>
        {status === 'none' && <Text className="xfh-muted">选择您居住的综合体，工作人员认证后就能参加本社区、本街道的投票和综合体评价。</Text>}
        {status === 'claimed' && <Text className="xfh-muted">待认证：到综合体服务台出示认证码，或等待工作人员认证。</Text>}
        {status === 'verified' && <Text className="xfh-muted">已认证{residency?.verifiedAt ? `（${formatDateTime(residency.verifiedAt)}）` : ''}，可以参加投票和评价。</Text>}
      </View>

      {status === 'claimed' && (
        <View className="xfh-card xfh-residency__code">
          {code ? (
            <>
              <QrImage src={code.qrDataUrl} alt="我的认证码" className="xfh-residency__qr" />
              <Text className="xfh-muted">请工作人员扫码。认证码每分钟自动更新。</Text>
              <Text id="residency-code" className="xfh-residency__code-text">{code.code}</Text>
            </>
          ) : (
            <ActionButton id="show-code" onClick={showCode}>出示认证码</ActionButton>
          )}
        </View>
      )}

      <View className="xfh-card">
        <Text className="xfh-section-title">{status === 'none' ? '选择我的综合体' : '搬家了？换一个综合体'}</Text>
        <StatusView loading={complexes === null} />
        {complexes && (
          <SelectField
            id="residency-pick"
            label="综合体"
            options={complexes.map((c) => `${c.streetName ?? ''} · ${c.name}`)}
            index={pick}
            onChange={setPick}
            placeholder="点这里选择"
            empty="暂时没有综合体信息"
          />
        )}
        {status === 'verified' && <Text className="xfh-muted">换成别的综合体后，需要重新认证；已经投出的票仍然有效。</Text>}
        <ActionButton id="residency-claim" loading={busy} onClick={claim}>设为我的综合体</ActionButton>
      </View>
    </PageShell>
  );
}
