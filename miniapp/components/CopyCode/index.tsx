import Taro from '@tarojs/taro';
import ActionButton from '../ActionButton';

/**
 * A check-in code is a long signed token: nobody should have to read it. For a resident whose
 * phone cannot scan, staff copy it and send it (the browser's 签到 page takes it pasted).
 */
export default function CopyCode({ code }: { code: string }) {
  const copy = () =>
    Taro.setClipboardData({ data: code })
      .then(() => Taro.showToast({ title: '签到码已复制', icon: 'success' }))
      .catch(() => Taro.showToast({ title: '复制失败，请让居民扫码', icon: 'none' }));
  return (
    <ActionButton variant="secondary" className="xfh-copy-code" onClick={copy}>
      复制签到码（给不能扫码的居民）
    </ActionButton>
  );
}
