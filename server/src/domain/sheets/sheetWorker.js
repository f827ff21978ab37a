'use strict';
/**
 * Reads the first worksheet of an .xlsx in a worker thread (see readSheet.ts), so a big or hostile
 * file never blocks the server's event loop. Plain CommonJS so it loads the same under tsx, jest
 * and node. Before exceljs sees the file, every zip entry is inflated with a hard output cap: the
 * sizes a zip declares can lie, the inflated bytes cannot. Then exceljs's streaming reader reads
 * rows one at a time and stops at the row cap.
 */
const { parentPort, workerData } = require('node:worker_threads');
const { Readable } = require('node:stream');
const zlib = require('node:zlib');
const ExcelJS = require('exceljs');

class Refusal extends Error {
  constructor(code, detail) {
    super(code);
    this.code = code;
    this.detail = detail;
  }
}

/** Every entry's inflated size, counted for real (stops as soon as the total passes the cap). */
function checkZip(buf, maxBytes, maxEntries) {
  const min = Math.max(0, buf.length - 65557);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Refusal('bad_file');
  const count = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count > maxEntries) throw new Refusal('too_large');
  let p = cdOffset;
  let total = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw new Refusal('bad_file');
    const method = buf.readUInt16LE(p + 10);
    const compSize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    if (compSize === 0xffffffff || local === 0xffffffff) throw new Refusal('too_large');
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) throw new Refusal('bad_file');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + compSize);
    if (method === 0) total += data.length;
    else if (method === 8) {
      try {
        total += zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, maxBytes - total + 1) }).length;
      } catch (e) {
        if (e && (e.code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError)) throw new Refusal('too_large');
        throw new Refusal('bad_file');
      }
    } else throw new Refusal('bad_file');
    if (total > maxBytes) throw new Refusal('too_large');
    p += 46 + nameLen + extraLen + commentLen;
  }
  return total;
}

function cellText(v) {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (Array.isArray(v.richText)) return v.richText.map((r) => r.text || '').join('');
  if (typeof v.text === 'string') return v.text;
  if (v.result !== undefined) return cellText(v.result);
  return '';
}

async function readRows(buf, maxRows, columns) {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buf]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  const rows = [];
  let sheets = 0;
  for await (const ws of reader) {
    sheets++;
    if (sheets > 1) break;
    for await (const row of ws) {
      // row 1 is the header; data rows past the cap refuse the file at once
      if (row.number > maxRows + 1) throw new Refusal('too_many_rows');
      const values = row.values || [];
      const cells = [];
      for (let c = 1; c <= columns; c++) cells.push(cellText(values[c]));
      rows.push({ row: row.number, cells });
    }
  }
  if (sheets === 0) throw new Refusal('no_sheet');
  return rows;
}

(async () => {
  const { file, maxRows, maxUncompressedBytes, maxEntries, columns } = workerData;
  const buf = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  try {
    const inflated = checkZip(buf, maxUncompressedBytes, maxEntries);
    const rows = await readRows(buf, maxRows, columns);
    parentPort.postMessage({ ok: true, rows, inflated });
  } catch (e) {
    parentPort.postMessage({ ok: false, code: e instanceof Refusal ? e.code : 'bad_file' });
  }
})();
