import Taro from '@tarojs/taro';
import { API_BASE, API_PREFIX, ApiError, MESSAGES, refreshTokens, toApiError } from './request';
import { tokenStore } from '../stores/tokens';

// File downloads (spreadsheets, printable PDFs). The token travels in the Authorization header, never in the
// URL: the browser build fetches the bytes and saves them through a Blob; WeChat downloads to a
// temporary file and opens it with the document viewer.

async function fetchOnce(url: string, token: string | null): Promise<{ statusCode: number; data: unknown; tempFilePath?: string }> {
  const header: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  if (process.env.TARO_ENV === 'h5') {
    const res = await Taro.request({ url, method: 'GET', header, responseType: 'arraybuffer', dataType: '其他' });
    return { statusCode: res.statusCode, data: res.data };
  }
  const res = await Taro.downloadFile({ url, header });
  return { statusCode: res.statusCode, data: null, tempFilePath: res.tempFilePath };
}

function errorOf(statusCode: number, data: unknown): ApiError {
  let body: unknown = data;
  if (data instanceof ArrayBuffer) {
    try {
      body = JSON.parse(new TextDecoder().decode(data));
    } catch {
      body = null;
    }
  }
  return toApiError({ statusCode, data: body });
}

const TYPES = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', pdf: 'application/pdf', json: 'application/json' } as const;

/** Downloads a file the API generates: saved in the browser; opened (xlsx, pdf) in WeChat. */
export async function downloadFile(path: string, filename: string, kind: keyof typeof TYPES): Promise<void> {
  const url = `${API_BASE}${API_PREFIX}${path}`;
  try {
    let res = await fetchOnce(url, tokenStore.get()?.accessToken ?? null);
    if (res.statusCode === 401) {
      const fresh = await refreshTokens();
      if (fresh) res = await fetchOnce(url, fresh.accessToken);
    }
    if (res.statusCode >= 400) throw errorOf(res.statusCode, res.data);
    if (process.env.TARO_ENV === 'h5') {
      const blob = new Blob([res.data as ArrayBuffer], { type: TYPES[kind] });
      const href = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = href;
      a.download = filename;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(href), 10_000);
    } else {
      if (kind === 'json') await Taro.showModal({ title: '已下载', content: `文件已保存到：${res.tempFilePath}`, showCancel: false });
      else await Taro.openDocument({ filePath: res.tempFilePath!, fileType: kind, showMenu: true });
    }
  } catch (err) {
    const e = err instanceof ApiError ? err : new ApiError(0, 'network_error', MESSAGES.network);
    Taro.showToast({ title: e.message, icon: 'none', duration: 2500 });
    throw e;
  }
}

/** Downloads an .xlsx the API generates and saves (H5) or opens (WeChat) it. */
export const downloadXlsx = (path: string, filename: string): Promise<void> => downloadFile(path, filename, 'xlsx');

/** Downloads a PDF the API generates (the notice-board sheet) and saves (H5) or opens (WeChat) it to print. */
export const downloadPdf = (path: string, filename: string): Promise<void> => downloadFile(path, filename, 'pdf');

/** Lets the user pick an .xlsx and returns it as base64 (null when they cancel). */
export async function pickXlsx(): Promise<{ base64: string; name: string } | null> {
  if (process.env.TARO_ENV === 'h5') {
    return new Promise((resolve) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      input.style.display = 'none';
      input.onchange = () => {
        const file = input.files?.[0];
        input.remove();
        if (!file) return resolve(null);
        const reader = new FileReader();
        reader.onload = () => resolve({ base64: String(reader.result).replace(/^data:[^,]*,/, ''), name: file.name });
        reader.onerror = () => resolve(null);
        reader.readAsDataURL(file);
      };
      document.body.appendChild(input);
      input.click();
    });
  }
  try {
    const picked = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx'] });
    const f = picked.tempFiles[0];
    const base64 = Taro.getFileSystemManager().readFileSync(f.path, 'base64') as string;
    return { base64, name: f.name };
  } catch {
    return null;
  }
}
