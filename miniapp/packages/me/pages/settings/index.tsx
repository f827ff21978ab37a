import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { aria } from '../../../../a11y';
import { messagesApi, type Subscription } from '../../../../api/messages';
import ActionButton from '../../../../components/ActionButton';
import ElderModeSwitch from '../../../../components/ElderModeSwitch';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { ROUTES } from '../../../../routes';
import { useSessionGate } from '../../../../session';
import '../../me.scss';

const IS_WEAPP = process.env.TARO_ENV === 'weapp';

/**
 * 设置: elder mode, WeChat reminders (one-time subscribe messages: each "allow" lets us send one)
 * and the privacy notice. In-app messages in 消息 come whatever is chosen here.
 */
export default function SettingsPage() {
  const user = useSessionGate();
  const [subs, setSubs] = useState<Subscription[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);

  const load = useCallback(async () => {
    setError(null);
    try {
      setSubs(await messagesApi.subscriptions());
    } catch (e) {
      setError(e instanceof Error ? e.message : '加载失败');
    }
  }, []);
  useDidShow(() => {
    if (user) void load();
  });

  const allow = async () => {
    if (!subs?.length) return;
    setAsking(true);
    try {
      // WeChat asks about at most 3 templates at once
      const ids = subs.slice(0, 3).map((s) => s.templateId);
      const res = (await Taro.requestSubscribeMessage({ tmplIds: ids, entityIds: [] } as never)) as unknown as Record<string, string>;
      const accepted = ids.filter((id) => res[id] === 'accept');
      if (accepted.length) {
        await messagesApi.subscribe(accepted);
        Taro.showToast({ title: '已开启提醒', icon: 'success' });
      }
      await load();
    } catch {
      Taro.showToast({ title: '没有开启，可稍后再试', icon: 'none' });
    } finally {
      setAsking(false);
    }
  };

  return (
    <PageShell className="xfh-settings">
      <Text className="xfh-heading">显示</Text>
      <ElderModeSwitch />

      <Text className="xfh-heading">消息提醒</Text>
      <View className="xfh-card" id="settings-reminders">
        <View className="xfh-settings__row">
          <Text className="xfh-settings__title">站内消息</Text>
          <Text className="xfh-muted">预约的活动和场地在开始前一天、前一小时提醒；候补成功、意见答复也会告诉您。在“我的 › 消息”查看。</Text>
        </View>
        <View className="xfh-settings__row">
          <Text className="xfh-settings__title">微信服务通知</Text>
          <StatusView loading={!subs && !error && !!user} error={error} onRetry={load} />
          {subs && subs.length === 0 && <Text className="xfh-muted">暂未开通微信服务通知，提醒会发到站内消息。</Text>}
          {subs?.map((s) => (
            <Text key={s.templateId} id={`sub-${s.templateId}`}>{`${s.topic}：${s.remaining > 0 ? `还可收到 ${s.remaining} 条` : '未开启'}`}</Text>
          ))}
          {subs && subs.length > 0 && (IS_WEAPP ? (
            <ActionButton id="settings-allow" variant="secondary" loading={asking} disabled={asking} onClick={allow}>
              开启微信提醒
            </ActionButton>
          ) : (
            <Text className="xfh-muted">在微信小程序里打开“设置”，即可开启微信服务通知。</Text>
          ))}
        </View>
      </View>

      <Text className="xfh-heading">隐私</Text>
      <View className="xfh-card">
        <View id="settings-privacy" className="xfh-settings__row" onClick={() => Taro.navigateTo({ url: `${ROUTES.privacy}?view=1` })} {...aria('link')}>
          <Text className="xfh-settings__title">隐私保护指引 ›</Text>
          <Text className="xfh-muted">我们收集哪些信息、用来做什么、保存多久</Text>
        </View>
      </View>
    </PageShell>
  );
}
