import Taro from '@tarojs/taro';
import { messagesApi } from '../api/messages';
import { createStore, useStore } from './createStore';
import { tokenStore } from './tokens';

// The unread count of 消息中心: shown on the 我的 tab (tab bar badge) and on the 消息 row of 我的.

const unreadStore = createStore<number>(0);
const ME_TAB = 3;

export const useUnread = (): number => useStore(unreadStore);

function showBadge(n: number) {
  // the tab bar exists only while a tab page is in the stack; elsewhere these calls fail harmlessly
  const done = () => undefined;
  if (n > 0) Taro.setTabBarBadge({ index: ME_TAB, text: n > 99 ? '99+' : String(n) }).catch(done);
  else Taro.removeTabBarBadge({ index: ME_TAB }).catch(done);
}

export function setUnread(n: number): void {
  unreadStore.set(Math.max(0, n));
  showBadge(unreadStore.get());
}

/** Reads the unread count again (signed in only); never throws. */
export async function refreshUnread(): Promise<number> {
  if (!tokenStore.get()) {
    setUnread(0);
    return 0;
  }
  try {
    const n = await messagesApi.unreadCount();
    setUnread(n);
    return n;
  } catch {
    return unreadStore.get();
  }
}

tokenStore.onCleared(() => setUnread(0));
