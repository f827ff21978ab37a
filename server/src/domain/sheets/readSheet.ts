import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { appError } from '../../errors';

/** What an uploaded spreadsheet may hold, whatever its compressed size. */
export const SHEET_LIMITS = {
  /** total bytes of all zip entries once inflated (a 2 MB upload can inflate to gigabytes) */
  maxUncompressedBytes: 20 * 1024 * 1024,
  maxEntries: 200,
  /** wall time a reader may take before it is stopped */
  timeoutMs: 15_000,
  /** heap of the reader's worker thread */
  maxHeapMb: 192,
  /** readers running at once; more are refused (429) rather than queued */
  concurrent: 2,
} as const;

export interface SheetLine {
  /** row number as Excel shows it */
  row: number;
  cells: string[];
}

let running = 0;

/**
 * Reads the first `columns` cells of every row of the first worksheet, in a worker thread with a
 * heap cap and a time limit, so the event loop keeps serving everyone else. Refusals are fast:
 * more than `maxRows` data rows → 422, more than `maxUncompressedBytes` once inflated → 413,
 * not an .xlsx → 422, too slow or too big for the worker's heap → 422.
 */
export async function readSheetRows(file: Buffer, o: { maxRows: number; columns: number }): Promise<SheetLine[]> {
  if (running >= SHEET_LIMITS.concurrent) throw appError(429, 'rate_limited', '正在处理其他表格，请稍后再试', { retryAfterSeconds: 5 });
  running++;
  try {
    const out = await new Promise<{ ok: true; rows: SheetLine[] } | { ok: false; code: string }>((resolve) => {
      const worker = new Worker(path.join(__dirname, 'sheetWorker.js'), {
        workerData: { file, maxRows: o.maxRows, columns: o.columns, maxUncompressedBytes: SHEET_LIMITS.maxUncompressedBytes, maxEntries: SHEET_LIMITS.maxEntries },
        resourceLimits: { maxOldGenerationSizeMb: SHEET_LIMITS.maxHeapMb, maxYoungGenerationSizeMb: 32 },
      });
      let settled = false;
      const done = (v: { ok: true; rows: SheetLine[] } | { ok: false; code: string }) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        void worker.terminate();
        resolve(v);
      };
      const timer = setTimeout(() => done({ ok: false, code: 'too_slow' }), SHEET_LIMITS.timeoutMs);
      worker.once('message', done);
      worker.once('error', () => done({ ok: false, code: 'too_slow' }));
      worker.once('exit', () => done({ ok: false, code: 'bad_file' }));
    });
    if (out.ok) return out.rows;
    const mb = Math.round(SHEET_LIMITS.maxUncompressedBytes / 1024 / 1024);
    switch (out.code) {
      case 'too_large':
        throw appError(413, 'payload_too_large', `表格解压后超过 ${mb} MB，请拆分后再上传`);
      case 'too_many_rows':
        throw appError(422, 'validation_failed', `一次最多导入 ${o.maxRows} 行`, { fields: { file: `一次最多导入 ${o.maxRows} 行` } });
      case 'no_sheet':
        throw appError(422, 'validation_failed', '文件中没有工作表', { fields: { file: '文件中没有工作表' } });
      case 'too_slow':
        throw appError(422, 'validation_failed', '表格过于复杂，无法读取，请只保留需要的列和行', { fields: { file: '表格过于复杂' } });
      default:
        throw appError(422, 'validation_failed', '无法读取文件，请上传 .xlsx 格式的 Excel 文件', { fields: { file: '无法读取文件，请上传 .xlsx 格式的 Excel 文件' } });
    }
  } finally {
    running--;
  }
}
