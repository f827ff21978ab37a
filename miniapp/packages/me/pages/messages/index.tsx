import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { aria } from '../../../../a11y';
import { messagesApi, type Message } from '../../../../api/messages';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { formatDateTime } from '../../../../time';
import { ROUTES, TAB_ROUTES } from '../../../../routes';
import { usePagedRemote } from '../../../../refresh';
import { useSessionGate } from '../../../../session';
import { setUnread, useUnread } from '../../../../stores/unread';
import { useAction } from '../../../../useAction';
import '../../me.scss';

/** 消息中心: reminders, booking changes, replies to opinions…, newest first; a tap opens what it is about. */
export default function MessagesPage() {
  const user = useSessionGate();
  const unread = useUnread();
  // the first load waits for the signed-in user (after a reload the page shows before it is
  // known); coming back to the page and pulling down load again, the bottom loads the next page
  const { items, setItems, error, reload: load, hasMore, loadingMore } = usePagedRemote(
    !!user,
    async (cursor?: string) => {
      const page = await messagesApi.list(cursor);
      if (!cursor) setUnread(page.unreadCount);
      return page;
    },
    [],
    { pullDown: true },
  );
  const [, act] = useAction();

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

  const readAll = () =>
    act(() => messagesApi.markAllRead(), null, {
      then: () => {
        setItems((cur) => cur?.map((x) => ({ ...x, read: true })) ?? null);
        setUnread(0);
      },
    });

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
          {hasMore && <Text className="xfh-muted">{loadingMore ? '正在加载…' : '上滑加载更多'}</Text>}
        </>
      )}
    </PageShell>
  );
}
