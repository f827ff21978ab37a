import ExcelJS from 'exceljs';
import { checkPairingRows, readPairingSheet, type Lookups, type SheetRow } from './pairingSheet';

const lookups: Lookups = {
  branches: new Map([
    ['甲支部', { id: 1, department: '区民政局' }],
    ['乙支部', { id: 2, department: '区教育局' }],
  ]),
  complexes: new Map([
    ['一号综合体', 10],
    ['二号综合体', 20],
  ]),
};
const row = (n: number, branch: string, department: string, complex: string): SheetRow => ({ row: n, branch, department, complex });

describe('checkPairingRows', () => {
  it('turns good rows into pairs', () => {
    const r = checkPairingRows([row(2, '甲支部', '区民政局', '一号综合体'), row(3, '甲支部', '区民政局', '二号综合体'), row(4, '乙支部', '区教育局', '一号综合体')], lookups);
    expect(r.problems).toEqual([]);
    expect(r.pairs).toEqual([
      { branchId: 1, complexId: 10 },
      { branchId: 1, complexId: 20 },
      { branchId: 2, complexId: 10 },
    ]);
  });

  it('names every bad row with its reasons and keeps no pairs', () => {
    const r = checkPairingRows(
      [
        row(2, '甲支部', '区民政局', '一号综合体'),
        row(3, '丙支部', '区民政局', '一号综合体'),
        row(4, '甲支部', '区民政局', '三号综合体'),
        row(5, '甲支部', '区民政局', '一号综合体'),
        row(6, '', '区教育局', '二号综合体'),
        row(7, '乙支部', '区民政局', '二号综合体'),
        row(8, '乙支部', '', ''),
      ],
      lookups,
    );
    expect(r.pairs).toEqual([]);
    expect(r.problems.map((p) => p.row)).toEqual([3, 4, 5, 6, 7, 8]);
    const reason = (n: number) => r.problems.find((p) => p.row === n)!.reason;
    expect(reason(3)).toBe('第 3 行：找不到党支部「丙支部」');
    expect(reason(4)).toBe('第 4 行：找不到民生综合体「三号综合体」');
    expect(reason(5)).toBe('第 5 行：与第 2 行重复');
    expect(reason(6)).toBe('第 6 行：“党支部”为空');
    expect(reason(7)).toContain('属于「区教育局」');
    expect(reason(8)).toBe('第 8 行：“所属部门”为空；“民生综合体”为空');
  });
});

describe('readPairingSheet', () => {
  const book = async (rows: string[][]) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('结对');
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  };

  it('reads data rows with their Excel row numbers and skips blank ones', async () => {
    const r = await readPairingSheet(await book([['党支部', '所属部门', '民生综合体'], ['甲支部', ' 区民政局 ', '一号综合体'], [], ['乙支部', '区教育局', '二号综合体']]));
    expect(r).toEqual({
      ok: true,
      rows: [
        { row: 2, branch: '甲支部', department: '区民政局', complex: '一号综合体' },
        { row: 4, branch: '乙支部', department: '区教育局', complex: '二号综合体' },
      ],
    });
  });

  it('rejects a wrong header, an empty sheet and a file that is not xlsx', async () => {
    expect(await readPairingSheet(await book([['支部', '部门', '综合体'], ['甲支部', '区民政局', '一号综合体']]))).toEqual({ ok: false, reason: '第 1 行应为表头：党支部、所属部门、民生综合体' });
    expect(await readPairingSheet(await book([['党支部', '所属部门', '民生综合体']]))).toEqual({ ok: false, reason: '文件中没有结对数据' });
    await expect(readPairingSheet(Buffer.from('not a spreadsheet'))).rejects.toMatchObject({ status: 422, code: 'validation_failed' });
  });
});
