import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { aria } from '../../../../a11y';
import { messagesApi, type Message } from '../../../../api/messages';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { formatDateTime } from '../../../../time';
import { ROUTES, TAB_ROUTES } from '../../../../routes';
import { useSessionGate } from '../../../../session';
import { setUnread, useUnread } from '../../../../stores/unread';
import '../../me.scss';

/** 消息中心: reminders, booking changes, replies to opinions…, newest first; a tap opens what it is about. */
export default function MessagesPage() {
  const user = useSessionGate();
  const unread = useUnread();
  const [items, setItems] = useState<Message[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    setError(null);
    try {
      const page = await messagesApi.list();
      setItems(page.items);
      setNext(page.nextCursor);
      setUnread(page.unreadCount);
    } catch (e) {
      setError(e instanceof Error ? e.message : '加载失败');
    } finally {
      Taro.stopPullDownRefresh();
    }
  }, []);

  // the first load waits for the signed-in user (after a reload the page shows before it is
  // known); coming back to the page reloads
  const userId = user?.id;
  useEffect(() => {
    if (userId) void load();
  }, [userId, load]);
  useDidShow(() => {
    if (user && items !== null) void load();
  });
  usePullDownRefresh(() => void load());
  useReachBottom(async () => {
    if (!next || busy) return;
    setBusy(true);
    try {
      const page = await messagesApi.list(next);
      setItems((cur) => [...(cur ?? []), ...page.items]);
      setNext(page.nextCursor);
    } catch {
      // shown by the request wrapper; scrolling again retries
    } finally {
      setBusy(false);
    }
  });

  const open = async (m: Message) => {
    if (!m.read) {
      setItems((cur) => cur?.map((x) => (x.id === m.id ? { ...x, read: true } : x)) ?? null);
      setUnread(unread - 1);
      messagesApi.markRead(m.id).catch(() => undefined);
    }
    if (!m.link) return;
    const path = m.link.split('?')[0];
    if (TAB_ROUTES.includes(path)) Taro.switchTab({ url: path });
    else Taro.navigateTo({ url: m.link });
  };

  const readAll = async () => {
    try {
      await messagesApi.markAllRead();
      setItems((cur) => cur?.map((x) => ({ ...x, read: true })) ?? null);
      setUnread(0);
    } catch {
      // the request wrapper showed why
    }
  };

  return (
    <PageShell className="xfh-messages">
      {!user && <StatusView loading />}
      {user && (
        <>
          {items && items.length > 0 && (
            <View className="xfh-messages__toolbar">
              <Text id="messages-unread">{unread > 0 ? `${unread} 条未读` : '全部已读'}</Text>
              {unread > 0 && (
                <ActionButton id="messages-read-all" variant="secondary" size="mini" onClick={readAll}>
                  全部标为已读
                </ActionButton>
              )}
            </View>
          )}
          <StatusView
            loading={!items && !error}
            error={error}
            onRetry={load}
            empty={items?.length === 0 ? '暂时没有消息。预约活动后，开始前一天和前一小时会在这里提醒您。' : null}
            emptyAction={{ label: '去看看活动', onClick: () => Taro.switchTab({ url: ROUTES.activities }) }}
          />
          {items?.map((m) => (
            <View
              key={m.id}
              id={`message-${m.id}`}
              className={`xfh-card xfh-messages__item${m.read ? '' : ' xfh-messages__item--unread'}`}
              onClick={() => open(m)}
              {...aria(m.link ? 'link' : null)}
            >
              <View className="xfh-messages__head">
                <Text className="xfh-messages__title">{m.title}</Text>
                {!m.read && <Text className="xfh-messages__dot">未读</Text>}
              </View>
              {m.body ? <Text>{m.body}</Text> : null}
              <Text className="xfh-muted">
                {formatDateTime(m.createdAt)}
                {m.link ? ' · 查看 ›' : ''}
              </Text>
            </View>
          ))}
          {next && <Text className="xfh-muted">{busy ? '正在加载…' : '上滑加载更多'}</Text>}
        </>
      )}
    </PageShell>
  );
}
