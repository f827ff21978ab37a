import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { residencyApi, type ResidentClaim } from '../../../../api/residency';
import ActionButton from '../../../../components/ActionButton';
import ChoiceChips from '../../../../components/ChoiceChips';
import FormField from '../../../../components/FormField';
import PageShell from '../../../../components/PageShell';
import { SelectField } from '../../../../components/PickerField';
import StatusView from '../../../../components/StatusView';
import { formatDateTime } from '../../../../time';
import { useRemote } from '../../../../refresh';
import { useSessionGate } from '../../../../session';
import { hint, useAction } from '../../../../useAction';
import { useManagedComplexes } from '../../scope';
import '../../admin.scss';

type Tab = 'claimed' | 'verified';

/**
 * 居民认证: residents who set this complex as their home. Verify them from the list (search by
 * name or the phone's last four digits) or scan the 认证码 they show at the counter.
 */
export default function ResidentsPage() {
  const user = useSessionGate();
  const complexes = useManagedComplexes(user);
  const [pick, setPick] = useState(0);
  const [tab, setTab] = useState<Tab>('claimed');
  const [q, setQ] = useState('');
  // the search as last sent (the box may hold more since)
  const [asked, setAsked] = useState('');
  const [code, setCode] = useState('');
  const complex = complexes?.[pick];

  const { data, error, reload: load } = useRemote(!!complex, () => residencyApi.claims(complex!.id, { status: tab, q: asked || undefined }), [complex?.id, tab, asked], { keepPrevious: true });
  const items = data?.items ?? null;
  const search = () => (q.trim() === asked ? load() : setAsked(q.trim()));
  const [, run] = useAction(load);

  const decide = (r: ResidentClaim, verify: boolean) => {
    if (!complex) return;
    return run(() => (verify ? residencyApi.verify(complex.id, r.userId) : residencyApi.revoke(complex.id, r.userId)), verify ? '已认证' : '已撤销', {
      confirm: verify ? undefined : { title: '撤销认证', content: `确定撤销「${r.name}」的居民认证吗？`, danger: true, confirmText: '撤销', cancelText: '取消' },
    });
  };
  const submitCode = (value: string) => {
    if (!value.trim()) return hint('请输入或扫描认证码');
    return run(async () => {
      await residencyApi.scan(value.trim());
      setCode('');
    }, '认证成功');
  };
  const scan = async () => {
    try {
      submitCode((await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })).result);
    } catch {
      // cancelled
    }
  };

  return (
    <PageShell>
      <Text className="xfh-heading">居民认证</Text>
      <View className="xfh-card">
        <Text className="xfh-section-title">扫认证码</Text>
        <Text className="xfh-muted">居民在「我的 → 我的综合体」出示认证码。</Text>
        {process.env.TARO_ENV === 'weapp' && <ActionButton id="scan-residency" onClick={scan}>扫描认证码</ActionButton>}
        <FormField id="residency-code" name="code" label="认证码" value={code} onInput={setCode} placeholder="扫不了时可粘贴认证码" />
        <ActionButton id="submit-residency-code" variant="secondary" onClick={() => submitCode(code)}>确认认证</ActionButton>
      </View>

      <StatusView loading={complexes === null} empty={complexes?.length === 0 ? '您还没有负责的综合体' : null} />
      {complexes && complexes.length > 0 && (
        <SelectField id="residents-complex" label="综合体" options={complexes.map((c) => c.name)} index={pick} onChange={setPick} />
      )}
      <ChoiceChips id="residents-tab" label="认证状态" options={[{ value: 'claimed', label: '待认证' }, { value: 'verified', label: '已认证' }]} value={tab} onChange={(v) => setTab(v as Tab)} />
      <FormField id="residents-search" label="搜索居民" value={q} onInput={setQ} placeholder="姓名或手机尾号，如 0001" />
      <ActionButton id="residents-search-go" variant="secondary" onClick={search}>搜索</ActionButton>

      <StatusView loading={!!complex && items === null && !error} error={error} onRetry={load} empty={items?.length === 0 ? (tab === 'claimed' ? '没有待认证的居民' : '还没有已认证的居民') : null} />
      <View id="residents-list">
        {items?.map((r) => (
          <View key={r.userId} className="xfh-card xfh-adm-item" id={`resident-${r.userId}`}>
            <View className="xfh-adm-item__head">
              <Text className="xfh-adm-item__title">{r.name}</Text>
              <Text className="xfh-muted">{r.phoneMasked ?? ''}</Text>
            </View>
            <Text className="xfh-muted">
              {r.status === 'verified' && r.verifiedAt ? `认证于 ${formatDateTime(r.verifiedAt)}` : r.claimedAt ? `申请于 ${formatDateTime(r.claimedAt)}` : '待认证'}
            </Text>
            {r.status === 'claimed' ? (
              <ActionButton id={`verify-${r.userId}`} onClick={() => decide(r, true)}>认证为本综合体居民</ActionButton>
            ) : (
              <ActionButton id={`revoke-${r.userId}`} variant="danger" onClick={() => decide(r, false)}>撤销认证</ActionButton>
            )}
          </View>
        ))}
      </View>
    </PageShell>
  );
}
