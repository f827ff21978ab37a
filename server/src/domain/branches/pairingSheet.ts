import ExcelJS from 'exceljs';
import { readSheetRows } from '../sheets/readSheet';

/**
 * The pairing list as a spreadsheet (结对清单.xlsx): one row per pair, columns 党支部, 所属部门,
 * 民生综合体. Reading and checking are separate: readPairingSheet only extracts cells,
 * checkPairingRows decides, row by row, what is wrong (pure, so every rule is tested alone).
 */

export const PAIRING_HEADERS = ['党支部', '所属部门', '民生综合体'] as const;
export const MAX_PAIRING_ROWS = 5000;

export interface SheetRow {
  /** row number as Excel shows it (the header is row 1) */
  row: number;
  branch: string;
  department: string;
  complex: string;
}

export interface RowProblem {
  row: number;
  reason: string;
}

export type SheetRead = { ok: true; rows: SheetRow[] } | { ok: false; reason: string };

const clean = (s: string) => s.replace(/[\u3000\s]+/g, ' ').trim();

/**
 * Reads the pairing sheet off the event loop (readSheetRows: a worker thread, exceljs's streaming
 * reader, caps on rows and inflated size). Refusals of the file itself (too big, too many rows,
 * not an .xlsx) are thrown as 413/422; a readable file with a wrong header is `ok: false`.
 */
export async function readPairingSheet(file: Buffer): Promise<SheetRead> {
  const lines = await readSheetRows(file, { maxRows: MAX_PAIRING_ROWS, columns: PAIRING_HEADERS.length });
  const header = lines.find((l) => l.row === 1)?.cells.map(clean) ?? [];
  if (PAIRING_HEADERS.some((h, i) => header[i] !== h)) {
    return { ok: false, reason: `第 1 行应为表头：${PAIRING_HEADERS.join('、')}` };
  }
  const rows: SheetRow[] = [];
  for (const l of lines) {
    if (l.row === 1) continue;
    const [branch, department, complex] = l.cells.map(clean);
    // Rows left blank in the middle or at the end of a sheet are not data.
    if (!branch && !department && !complex) continue;
    rows.push({ row: l.row, branch, department, complex });
  }
  if (rows.length === 0) return { ok: false, reason: '文件中没有结对数据' };
  return { ok: true, rows };
}

export interface Lookups {
  /** branch name → {id, department} */
  branches: Map<string, { id: number; department: string }>;
  /** complex name → id */
  complexes: Map<string, number>;
}

/** Every bad row with its reasons (in Chinese), or the pairs to store when there are none. */
export function checkPairingRows(rows: SheetRow[], lookups: Lookups): { pairs: Array<{ branchId: number; complexId: number }>; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const pairs: Array<{ branchId: number; complexId: number }> = [];
  const firstSeen = new Map<string, number>();
  for (const r of rows) {
    const reasons: string[] = [];
    if (!r.branch) reasons.push('“党支部”为空');
    if (!r.department) reasons.push('“所属部门”为空');
    if (!r.complex) reasons.push('“民生综合体”为空');
    const branch = r.branch ? lookups.branches.get(r.branch) : undefined;
    const complexId = r.complex ? lookups.complexes.get(r.complex) : undefined;
    if (r.branch && !branch) reasons.push(`找不到党支部「${r.branch}」`);
    if (branch && r.department && branch.department !== r.department) {
      reasons.push(`党支部「${r.branch}」属于「${branch.department}」，不是「${r.department}」`);
    }
    if (r.complex && complexId === undefined) reasons.push(`找不到民生综合体「${r.complex}」`);
    if (branch && complexId !== undefined) {
      const key = `${branch.id}:${complexId}`;
      const seen = firstSeen.get(key);
      if (seen !== undefined) reasons.push(`与第 ${seen} 行重复`);
      else firstSeen.set(key, r.row);
      if (reasons.length === 0) pairs.push({ branchId: branch.id, complexId });
    }
    if (reasons.length) problems.push({ row: r.row, reason: `第 ${r.row} 行：${reasons.join('；')}` });
  }
  return { pairs: problems.length ? [] : pairs, problems };
}

export interface PairingLine {
  branchName: string;
  department: string;
  complexName: string;
}

/** The whole list as .xlsx, in the same columns the import reads. */
export async function buildPairingWorkbook(lines: PairingLine[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '幸福荟';
  const ws = wb.addWorksheet('结对清单');
  ws.columns = [
    { header: PAIRING_HEADERS[0], key: 'branchName', width: 36 },
    { header: PAIRING_HEADERS[1], key: 'department', width: 24 },
    { header: PAIRING_HEADERS[2], key: 'complexName', width: 36 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const l of lines) ws.addRow(l);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
