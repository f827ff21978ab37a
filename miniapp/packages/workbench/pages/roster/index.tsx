import { Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { bookingApi, rosterXlsxPath } from '../../../../api/booking';
import { API_BASE, API_PREFIX } from '../../../../api/request';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import RotatingCode from '../../components/RotatingCode';
import { formatRange, formatTime } from '../../../../time';
import { ROUTES } from '../../../../routes';
import { useRemote } from '../../../../refresh';
import { tokenStore } from '../../../../stores/tokens';
import { hint, useAction } from '../../../../useAction';
import './index.scss';

/** 报名名单: who booked, their status, the rotating check-in code, scanning, export, edit, cancel. */
export default function RosterPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const { data, error, reload: load } = useRemote(true, () => bookingApi.roster(id), [id]);
  const [showQr, setShowQr] = useState(false);
  const [code, setCode] = useState('');
  const [reason, setReason] = useState('');
  const [cancelling, setCancelling] = useState(false);

  const [, run] = useAction(load);

  const checkIn = (c: string) => {
    if (!c.trim()) return;
    return run(
      async () => {
        const r = await bookingApi.scan(c.trim(), id);
        setCode('');
        return r;
      },
      (r) => (r.alreadyCheckedIn ? '已签到过' : '签到成功'),
      { afterFailure: true },
    );
  };

  const scan = async () => {
    try {
      const r = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      await checkIn(r.result);
    } catch {
      // cancelled
    }
  };

  const exportXlsx = async () => {
    const url = `${API_BASE}${API_PREFIX}${rosterXlsxPath(id)}`;
    const token = tokenStore.get()?.accessToken ?? '';
    if (process.env.TARO_ENV === 'h5') {
      const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
      if (!res.ok) return hint('导出失败，请稍后再试');
      const a = document.createElement('a');
      a.href = URL.createObjectURL(await res.blob());
      a.download = `${data?.activity.title ?? '活动'}-报名名单.xlsx`;
      a.click();
      return;
    }
    const r = await Taro.downloadFile({ url, header: { Authorization: `Bearer ${token}` } });
    if (r.statusCode !== 200) return hint('导出失败，请稍后再试');
    await Taro.openDocument({ filePath: r.tempFilePath, fileType: 'xlsx', showMenu: true });
  };

  const cancelActivity = () => {
    if (reason.trim().length < 2) return hint('请填写取消原因');
    return run(() => bookingApi.cancelActivity(id, reason.trim()), (r) => `已取消，已通知 ${r.notified} 人`, { plain: true, then: () => setCancelling(false) });
  };

  if (!data) return <PageShell><StatusView loading={!error} error={error} onRetry={load} /></PageShell>;
  const a = data.activity;
  const live = a.status === 'published';

  return (
    <PageShell className="xfh-roster">
      <Text className="xfh-heading">{a.title}</Text>
      <Text className="xfh-muted">{formatRange(a.startAt, a.endAt)} · {a.complexName}</Text>
      <View className="xfh-card xfh-roster__counts" id="roster-counts">
        <Text>已预约 {data.counts.booked + data.counts.checked_in + data.counts.no_show}/{a.capacity}</Text>
        <Text>已签到 {data.counts.checked_in}</Text>
        <Text>候补 {data.counts.waitlisted}</Text>
        {data.counts.no_show > 0 && <Text>未到场 {data.counts.no_show}</Text>}
      </View>

      {live && (
        <>
          <ActionButton onClick={() => setShowQr(!showQr)}>{showQr ? '收起签到码' : '出示现场签到码'}</ActionButton>
          {showQr && <RotatingCode load={() => bookingApi.checkinCode(id)} />}
          {process.env.TARO_ENV === 'weapp' ? (
            <ActionButton variant="secondary" onClick={scan}>扫描居民预约码</ActionButton>
          ) : (
            <View className="xfh-card">
              <Text>输入居民的预约码签到</Text>
              <Input className="xfh-roster__input" id="scan-code" value={code} onInput={(e) => setCode(e.detail.value)} placeholder="预约码" />
              <ActionButton variant="secondary" disabled={!code.trim()} onClick={() => checkIn(code)}>签到</ActionButton>
            </View>
          )}
        </>
      )}

      <Text className="xfh-section-title">报名名单（{data.items.length}）</Text>
      <StatusView empty={data.items.length === 0 ? '还没有人预约' : null} />
      <View id="roster-list">
        {data.items.map((r) => (
          <View key={r.bookingId} className="xfh-roster__item">
            <View>
              <Text className="xfh-roster__name">{r.nickname}{r.realName ? `（${r.realName}）` : ''}</Text>
              <Text className="xfh-muted"> {r.phoneMasked ?? ''}</Text>
            </View>
            <Text className={`xfh-roster__status xfh-roster__status--${r.status}`}>
              {r.statusLabel}
              {r.checkedInAt ? ` ${formatTime(r.checkedInAt)}` : ''}
            </Text>
          </View>
        ))}
      </View>

      <ActionButton variant="secondary" onClick={exportXlsx}>导出 Excel 名单</ActionButton>
      {live && (
        <ActionButton variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.editActivity(id) })}>编辑活动</ActionButton>
      )}
      {live && !cancelling && <ActionButton variant="danger" onClick={() => setCancelling(true)}>取消活动</ActionButton>}
      {cancelling && (
        <View className="xfh-card">
          <Text>取消原因（会通知所有已预约的居民）</Text>
          <Input className="xfh-roster__input" value={reason} onInput={(e) => setReason(e.detail.value)} placeholder="例如：天气原因" />
          <ActionButton variant="danger" onClick={cancelActivity}>确认取消活动</ActionButton>
          <ActionButton variant="secondary" onClick={() => setCancelling(false)}>不取消</ActionButton>
        </View>
      )}
    </PageShell>
  );
}
