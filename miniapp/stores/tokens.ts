import Taro from '@tarojs/taro';

// The sign-in tokens, kept on the device. The request wrapper reads and rotates them; everything
// else goes through stores/auth.ts.

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

export type SignOutReason = 'user' | 'expired';

const STORAGE_KEY = 'xfh.tokens';

let current: TokenPair | null = null;
let loaded = false;
const clearedListeners = new Set<(reason: SignOutReason) => void>();

function load(): TokenPair | null {
  if (!loaded) {
    loaded = true;
    try {
      const saved = Taro.getStorageSync(STORAGE_KEY);
      current = saved && saved.accessToken && saved.refreshToken ? saved : null;
    } catch {
      current = null;
    }
  }
  return current;
}

export const tokenStore = {
  get(): TokenPair | null {
    return load();
  },
  set(pair: TokenPair): void {
    current = { accessToken: pair.accessToken, refreshToken: pair.refreshToken };
    loaded = true;
    Taro.setStorageSync(STORAGE_KEY, current);
  },
  clear(reason: SignOutReason): void {
    const had = load() !== null;
    current = null;
    loaded = true;
    Taro.removeStorageSync(STORAGE_KEY);
    if (had) clearedListeners.forEach((fn) => fn(reason));
  },
  /** Called when the tokens are dropped: by the user signing out, or because refresh failed. */
  onCleared(fn: (reason: SignOutReason) => void): () => void {
    clearedListeners.add(fn);
    return () => clearedListeners.delete(fn);
  },
  /** Tests only: forget the in-memory copy so the next read comes from storage. */
  resetForTests(): void {
    current = null;
    loaded = false;
    clearedListeners.clear();
  },
};
