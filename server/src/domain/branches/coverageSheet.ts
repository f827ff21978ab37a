import ExcelJS from 'exceljs';
import type { coverageMatrix, rankBranches } from './records';

/** The district's monthly view as .xlsx: the coverage matrix and the branch ranking. */
export async function buildCoverageWorkbook(
  matrix: Awaited<ReturnType<typeof coverageMatrix>>,
  ranking: Awaited<ReturnType<typeof rankBranches>>,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '幸福荟';
  const ws = wb.addWorksheet(`覆盖情况 ${matrix.month}`);
  ws.addRow(['镇街', '民生综合体', '结对党支部', ...matrix.categories.map((c) => c.name), '合计', '提示']);
  for (const r of matrix.complexes) {
    const row = ws.addRow([r.streetName, r.complexName, r.pairedBranches.map((b) => b.name).join('、'), ...r.cells, r.total, r.flagReason ?? '']);
    if (r.flagged) row.getCell(2).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE2E1' } };
  }
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: 1 }];
  ws.getColumn(2).width = 34;
  ws.getColumn(3).width = 40;

  const rk = wb.addWorksheet('党支部排名');
  rk.addRow(['名次', '党支部', '所属部门', '开展场次', '服务居民（签到）', '平均评分', '评价人次']);
  for (const r of ranking) rk.addRow([r.rank, r.name, r.department, r.sessionsHeld, r.residentsServed, r.averageRating ?? '暂无评价', r.ratingCount]);
  rk.getRow(1).font = { bold: true };
  rk.getColumn(2).width = 36;
  rk.getColumn(3).width = 24;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
