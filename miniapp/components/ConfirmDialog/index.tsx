import { Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { aria } from '../../a11y';
import { createStore, useStore } from '../../stores/createStore';
import ActionButton from '../ActionButton';
import './index.scss';

export interface ConfirmOptions {
  title: string;
  content?: string;
  confirmText?: string;
  cancelText?: string;
  /** false: an acknowledgement with one button (知道了) */
  showCancel?: boolean;
  /** the confirm button destroys or replaces something: shown in the danger colour */
  danger?: boolean;
  /** asks for a line of text (a reason), returned as `content` */
  editable?: boolean;
  placeholderText?: string;
}

export interface ConfirmResult {
  confirm: boolean;
  cancel: boolean;
  content?: string;
}

interface Pending extends ConfirmOptions {
  resolve: (r: ConfirmResult) => void;
  /** the page that asked: only its host shows the dialog (earlier pages stay mounted, hidden) */
  page: unknown;
}

// One dialog at a time for the whole app; every PageShell renders the host, so the dialog takes
// the page's elder mode (bigger type, taller buttons) like everything else on it.
const pending = createStore<Pending | null>(null);

/**
 * Our own confirm dialog in place of Taro.showModal (WeChat's and Taro's ignore elder mode, and
 * their green button fails contrast). Same answer shape as showModal: `{ confirm, content }`.
 */
export function confirmDialog(opts: ConfirmOptions): Promise<ConfirmResult> {
  pending.get()?.resolve({ confirm: false, cancel: true });
  return new Promise((resolve) => pending.set({ ...opts, resolve, page: Taro.getCurrentInstance().page }));
}

/** Rendered once per page by PageShell. */
export function DialogHost() {
  const d = useStore(pending);
  const [text, setText] = useState('');
  const [page] = useState(() => Taro.getCurrentInstance().page);
  if (!d || (d.page && page && d.page !== page)) return null;
  const answer = (confirm: boolean) => {
    pending.set(null);
    d.resolve({ confirm, cancel: !confirm, content: d.editable ? text.trim() : undefined });
    setText('');
  };
  return (
    <View className="xfh-dialog" {...aria(null)}>
      <View className="xfh-dialog__scrim" onClick={() => d.showCancel !== false && answer(false)} />
      <View className="xfh-dialog__box" id="confirm-dialog" {...aria('dialog', { modal: true, labelledby: 'confirm-dialog-title' })}>
        <Text className="xfh-dialog__title" id="confirm-dialog-title">
          {d.title}
        </Text>
        {d.content && <Text className="xfh-dialog__content">{d.content}</Text>}
        {d.editable && (
          <Textarea
            id="confirm-dialog-input"
            className="xfh-dialog__input"
            value={text}
            placeholder={d.placeholderText}
            maxlength={200}
            onInput={(e) => setText(e.detail.value)}
            nativeProps={{ 'aria-label': d.placeholderText || d.title }}
          />
        )}
        <View className="xfh-dialog__actions">
          {d.showCancel !== false && (
            <ActionButton id="confirm-dialog-cancel" variant="secondary" onClick={() => answer(false)}>
              {d.cancelText || '取消'}
            </ActionButton>
          )}
          <ActionButton id="confirm-dialog-ok" variant={d.danger ? 'danger-solid' : 'primary'} onClick={() => answer(true)}>
            {d.confirmText || (d.showCancel === false ? '知道了' : '确定')}
          </ActionButton>
        </View>
      </View>
    </View>
  );
}
