import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { aria } from '../../../../a11y';
import { downloadFile } from '../../../../api/files';
import { privacyApi, type ConsentKind } from '../../../../api/privacy';
import { messagesApi } from '../../../../api/messages';
import ActionButton from '../../../../components/ActionButton';
import ElderModeSwitch from '../../../../components/ElderModeSwitch';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { formatDateTime, shanghaiToday } from '../../../../time';
import { setLocationWithdrawn } from '../../../../location';
import { ROUTES } from '../../../../routes';
import { useSessionGate } from '../../../../session';
import { loadMe } from '../../../../stores/auth';
import './index.scss';
import { useAction, hint } from '../../../../useAction';
import { useRemote } from '../../../../refresh';

/** What each consent is used for, under its switch. */
const CONSENT_HELP: Record<ConsentKind, string> = {
  location: '用于“十分钟服务圈”和按距离排列综合体。关闭后不再读取您的位置。',
  subscribe: '用于把意见办理、议事提醒等以微信消息发给您。关闭后不再发送。',
  quiet_home: '家中感应器长时间无活动时通知社区上门探望。关闭后立即停止守护。',
};

const IS_WEAPP = process.env.TARO_ENV === 'weapp';

/**
 * 我的 → 设置: elder mode, WeChat reminders (one-time subscribe messages: each "allow" lets us send
 * one; in-app messages in 消息 come whatever is chosen here), consents that can be withdrawn, 个人信息副本, 谁查看了我的信息 and the way to 注销账号.
 */
export default function SettingsPage() {
  const user = useSessionGate();
  const { data, error, reload: load, setData } = useRemote(true, async () => {
    const [consents, l, subs] = await Promise.all([privacyApi.consents(), privacyApi.accessLog(), messagesApi.subscriptions(), loadMe()]);
    return { consents, log: l.items, subs };
  });
  const consents = data?.consents ?? null;
  const log = data?.log ?? null;
  const subs = data?.subs ?? null;
  const patch = (p: Partial<NonNullable<typeof data>>) => setData((d) => (d ? { ...d, ...p } : d));
  // which button is running: one call at a time
  const [running, run] = useAction();
  const [which, setWhich] = useState<string | null>(null);
  const busy = running ? which : null;

  const toggle = async (kind: ConsentKind, granted: boolean) => {
    if (!granted) {
      const { confirm } = await Taro.showModal({ title: '撤回授权', content: `撤回后${CONSENT_HELP[kind].split('。')[1] ?? '该功能立即停止'}，确定吗？`, confirmText: '撤回', cancelText: '取消' });
      if (!confirm) {
        if (consents) patch({ consents: { ...consents } });
        return;
      }
    }
    setWhich(kind);
    await run(
      async () => {
        const c = await privacyApi.setConsent(kind, granted);
        if (kind === 'location') setLocationWithdrawn(!granted);
        patch({ consents: c });
      },
      granted ? '已开启' : '已撤回',
    );
  };

  const allow = async () => {
    if (!subs?.length) return;
    setWhich('subscribe-ask');
    await run(
      async () => {
        // WeChat asks about at most 3 templates at once
        const ids = subs.slice(0, 3).map((s) => s.templateId);
        const res = (await Taro.requestSubscribeMessage({ tmplIds: ids, entityIds: [] } as never)) as unknown as Record<string, string>;
        const accepted = ids.filter((id) => res[id] === 'accept');
        if (accepted.length) await messagesApi.subscribe(accepted);
        patch({ subs: await messagesApi.subscriptions() });
        return accepted.length > 0;
      },
      (accepted) => (accepted ? '已开启提醒' : null),
      { onError: () => hint('没有开启，可稍后再试') },
    );
  };

  const download = (kind: 'xlsx' | 'json') => {
    setWhich(`export-${kind}`);
    return run(() => downloadFile(`/me/export?format=${kind}`, `幸福荟个人信息副本-${shanghaiToday()}.${kind}`, kind), '副本已生成');
  };

  const pending = user?.deletionScheduledFor ?? null;

  return (
    <PageShell className="xfh-settings">
      <Text className="xfh-heading">设置</Text>
      {pending && (
        <View id="deletion-notice" className="xfh-card xfh-settings__notice" onClick={() => Taro.navigateTo({ url: ROUTES.deletion })} {...aria('link')}>
          <Text className="xfh-settings__notice-title">账号注销冷静期中</Text>
          <Text>{`将于 ${formatDateTime(pending)} 注销。期间重新登录或点这里即可撤销。`}</Text>
        </View>
      )}
      <StatusView loading={!consents && !error} error={error} onRetry={load} />

      <Text className="xfh-section-title">显示</Text>
      <ElderModeSwitch />

      {subs && (
        <View className="xfh-card xfh-settings__section" id="settings-reminders">
          <Text className="xfh-section-title">消息提醒</Text>
          <Text className="xfh-settings__label">站内消息</Text>
          <Text className="xfh-muted">预约的活动和场地在开始前一天、前一小时提醒；候补成功、意见答复也会告诉您。在“我的 › 消息”查看。</Text>
          <Text className="xfh-settings__label">微信服务通知</Text>
          {subs.length === 0 && <Text className="xfh-muted">暂未开通微信服务通知，提醒会发到站内消息。</Text>}
          {subs.map((s) => (
            <Text key={s.templateId} id={`sub-${s.templateId}`}>{`${s.topic}：${s.remaining > 0 ? `还可收到 ${s.remaining} 条` : '未开启'}`}</Text>
          ))}
          {subs.length > 0 &&
            (IS_WEAPP ? (
              <ActionButton id="settings-allow" variant="secondary" loading={busy === 'subscribe-ask'} disabled={!!busy} onClick={allow}>
                开启微信提醒
              </ActionButton>
            ) : (
              <Text className="xfh-muted">在微信小程序里打开“设置”，即可开启微信服务通知。</Text>
            ))}
        </View>
      )}

      {consents && (
        <View id="settings-consents" className="xfh-card xfh-settings__section">
          <Text className="xfh-section-title">授权管理</Text>
          {consents.items.map((c) => (
            <View key={c.kind} className="xfh-settings__consent">
              <View className="xfh-settings__consent-head">
                <Text className="xfh-settings__label">{c.label}</Text>
                <View
                  id={`consent-${c.kind}`}
                  className={`xfh-settings__toggle${c.granted ? ' xfh-settings__toggle--on' : ''}`}
                  onClick={() => busy !== c.kind && toggle(c.kind, !c.granted)}
                  {...aria('switch', { checked: c.granted, label: c.label, busy: busy === c.kind })}
                >
                  <Text>{c.granted ? '已开启' : '已关闭'}</Text>
                </View>
              </View>
              <Text className="xfh-muted">{CONSENT_HELP[c.kind]}</Text>
              {c.pending && <Text className="xfh-muted">家人申请为您开启，请到“亲情守护”确认</Text>}
              {c.changedAt && <Text className="xfh-muted">{`${c.granted ? '开启' : '撤回'}于 ${formatDateTime(c.changedAt)}`}</Text>}
            </View>
          ))}
          <View id="settings-privacy" className="xfh-settings__row" onClick={() => Taro.navigateTo({ url: `${ROUTES.privacy}?view=1` })} {...aria('link')}>
            <Text>{`隐私保护指引（${consents.privacy.upToDate ? `已同意 ${consents.privacy.acceptedVersion} 版` : '有新版本，请查看'}）`}</Text>
            <Text className="xfh-settings__arrow">›</Text>
          </View>
        </View>
      )}

      <View id="settings-export" className="xfh-card xfh-settings__section">
        <Text className="xfh-section-title">个人信息副本</Text>
        <Text className="xfh-muted">下载平台保存的您的全部信息：资料、预约、志愿服务、积分、意见、评价、养老服务、亲情代办和授权记录。其他人只显示打码后的称呼。每小时最多 5 次。</Text>
        <ActionButton id="export-xlsx" loading={busy === 'export-xlsx'} disabled={!!busy} onClick={() => download('xlsx')}>
          下载 Excel 副本
        </ActionButton>
        <ActionButton id="export-json" variant="secondary" loading={busy === 'export-json'} disabled={!!busy} onClick={() => download('json')}>
          下载 JSON 副本
        </ActionButton>
      </View>

      {log && (
        <View id="settings-access-log" className="xfh-card xfh-settings__section">
          <Text className="xfh-section-title">谁查看了我的信息</Text>
          <Text className="xfh-muted">近 180 天工作人员查看您手机号、住址、姓名或服务备注的记录（只显示身份和综合体）。</Text>
          {log.length === 0 && <Text id="access-log-empty">近 180 天没有人查看过您的这些信息</Text>}
          {log.slice(0, 50).map((e, i) => (
            <View key={i} className="xfh-settings__entry">
              <Text className="xfh-settings__label">{`${e.complexName ?? '平台'} · ${e.staffRoleLabel}`}</Text>
              <Text>{`${e.purposeLabel}：${e.fieldLabels.join('、')}`}</Text>
              <Text className="xfh-muted">{formatDateTime(e.at)}</Text>
            </View>
          ))}
        </View>
      )}

      <View className="xfh-card xfh-settings__section">
        <View id="settings-deletion" className="xfh-settings__row" onClick={() => Taro.navigateTo({ url: ROUTES.deletion })} {...aria('link')}>
          <Text className="xfh-settings__danger">注销账号</Text>
          <Text className="xfh-settings__arrow">›</Text>
        </View>
      </View>
    </PageShell>
  );
}
