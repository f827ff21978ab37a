import Taro from '@tarojs/taro';
import { useState } from 'react';
import { createStore, useStore } from './createStore';

// The server's per-field messages (422 `details.fields`) of the last write a page sent, so each
// field of that page's form shows its own message under it (FormField / FieldError by `name`).
interface FieldErrors {
  page: unknown;
  fields: Record<string, string>;
}

const store = createStore<FieldErrors | null>(null);

const currentPage = () => Taro.getCurrentInstance().page ?? null;

/** Called by request(): a write starts (clear) or came back with field errors (show them). */
export function setFieldErrors(fields: Record<string, string> | null): void {
  store.set(fields && Object.keys(fields).length ? { page: currentPage(), fields } : null);
}

/** The message for one field: its key, or a nested key under it (`positions.0.name` → `positions`). */
export function fieldMessage(fields: Record<string, string>, name: string): string | null {
  if (fields[name]) return fields[name];
  const nested = Object.keys(fields).find((k) => k.startsWith(`${name}.`) || k.endsWith(`.${name}`));
  return nested ? fields[nested] : null;
}

/** The server's message for the field called `name` on this page, or null. */
export function useFieldError(name: string | undefined): string | null {
  const e = useStore(store);
  // the page this field is on, fixed when it mounts (earlier pages stay mounted, hidden)
  const [page] = useState(currentPage);
  if (!name || !e || (e.page && page && e.page !== page)) return null;
  return fieldMessage(e.fields, name);
}
