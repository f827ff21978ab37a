import ExcelJS from 'exceljs';
import type { commitmentRanking } from './commitments';
import type { coverageMatrix, rankBranches } from './records';

/** The district's monthly view as .xlsx: the coverage matrix and the branch ranking. */
export async function buildCoverageWorkbook(
  matrix: Awaited<ReturnType<typeof coverageMatrix>>,
  ranking: Awaited<ReturnType<typeof rankBranches>>,
  /** the year's promises against delivery up to the month's end; behind branches are flagged */
  commitments: Awaited<ReturnType<typeof commitmentRanking>> = [],
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

  const cm = wb.addWorksheet('承诺践诺');
  cm.addRow(['党支部', '所属部门', '清单状态', '承诺场次', '已开展场次', '承诺服务人次', '已服务人次', '平均评分', '评价人次', '提示']);
  for (const r of commitments) {
    const row = cm.addRow([
      r.name,
      r.department,
      r.status === 'approved' ? '已批准' : '待审核',
      r.promisedSessions,
      r.deliveredSessions,
      r.promisedResidents,
      r.deliveredResidents,
      r.averageRating ?? '暂无评价',
      r.ratingCount,
      r.behind ? `进度落后：${r.behindItems.join('；')}` : '',
    ]);
    if (r.behind) row.getCell(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE2E1' } };
  }
  cm.getRow(1).font = { bold: true };
  cm.getColumn(1).width = 36;
  cm.getColumn(10).width = 60;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
