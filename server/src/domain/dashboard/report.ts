import ExcelJS from 'exceljs';
import { INDEX_TERM_KEYS, INDEX_TERMS } from './figures';
import type { dashboard } from './queries';

type D = Awaited<ReturnType<typeof dashboard>>;

const pct = (x: number | null) => (x === null ? '' : Math.round(x * 1000) / 10);

/** 考核 workbook: one row per child (a street of the district, a complex of a street; a complex alone). */
export async function buildReport(d: D): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('考核');
  ws.addRow([`${d.name} 数智平台考核表`, `${d.from} 至 ${d.to}`]);
  const header = [
    '名称',
    '活跃指数',
    ...INDEX_TERM_KEYS.map((k) => `${INDEX_TERMS[k].label}得分`),
    '预约',
    '签到',
    '志愿时长(小时)',
    '意见',
    '养老服务请求',
    '服务居民(人次)',
    '满意度(5分制)',
    '评价数',
    '按时受理率(%)',
    '按时答复率(%)',
    '办结率(%)',
    '首次响应中位(小时)',
  ];
  ws.addRow(header);
  const rows =
    d.children.length > 0
      ? d.children
      : [{ name: d.name, activityIndex: d.activityIndex.value, terms: d.activityIndex.terms, counts: d.counts, indicators: d.indicators }];
  for (const c of rows) {
    ws.addRow([
      c.name,
      c.activityIndex,
      ...INDEX_TERM_KEYS.map((k) => c.terms.find((t) => t.key === k)?.score ?? 0),
      c.counts.bookings,
      c.counts.checkIns,
      c.counts.volunteerHours,
      c.counts.opinions,
      c.counts.careRequests,
      c.counts.residentsServed,
      c.indicators.satisfaction.average ?? '',
      c.indicators.satisfaction.count,
      pct(c.indicators.acceptOnTimeRate),
      pct(c.indicators.replyOnTimeRate),
      pct(c.indicators.resolutionRate),
      c.indicators.medianFirstResponseHours ?? '',
    ]);
  }
  ws.addRow([]);
  ws.addRow(['权重', ...d.activityIndex.terms.map((t) => `${t.label} ${t.weight}`)]);
  ws.getRow(2).font = { bold: true };
  ws.columns.forEach((col) => (col.width = 14));
  ws.getColumn(1).width = 30;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
