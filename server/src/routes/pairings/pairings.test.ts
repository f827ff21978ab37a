import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { auditLogs } from '../../db/schema';
import { buildBranchAdmin, buildDistrictAdmin, buildResident } from '../../../test/support/factories';
import { startTestServer, type TestServer } from '../../../test/support/harness';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let t: TestServer;
let admin: string;
let adminId: number;
beforeAll(async () => {
  t = await startTestServer();
  ({ token: admin, id: adminId } = await buildDistrictAdmin(t));
});
afterAll(() => t.close());

async function xlsx(rows: Array<Array<string | null>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('结对清单');
  ws.addRow(['党支部', '所属部门', '民生综合体']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function download(path: string, token: string) {
  const res = await fetch(t.url + path, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), body: Buffer.from(await res.arrayBuffer()) };
}

async function upload(file: Buffer, token = admin) {
  const res = await fetch(`${t.url}/api/v1/pairings/import`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': XLSX }, body: new Uint8Array(file) });
  return { status: res.status, body: (await res.json()) as any };
}

async function sheetRows(file: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  const out: string[][] = [];
  wb.worksheets[0].eachRow((row) => out.push([1, 2, 3].map((c) => row.getCell(c).text)));
  return out;
}

const pairs = async () => (await t.api('GET', '/api/v1/pairings', { token: admin })).body.items.map((p: any) => `${p.branchId}:${p.complexId}`).sort();

describe('pairing list import and export', () => {
  let original: Buffer;
  let seeded: string[];
  beforeAll(async () => {
    seeded = await pairs();
    original = (await download('/api/v1/pairings/export', admin)).body;
  });
  // Other suites rely on the seeded pairs: put them back whatever happened.
  afterAll(async () => {
    expect((await upload(original)).status).toBe(200);
    expect(await pairs()).toEqual(seeded);
  });

  it('exports the whole list with the import columns', async () => {
    const r = await download('/api/v1/pairings/export', admin);
    expect(r.status).toBe(200);
    expect(r.type).toBe(XLSX);
    expect(r.disposition).toContain("filename*=UTF-8''");
    const rows = await sheetRows(r.body);
    expect(rows[0]).toEqual(['党支部', '所属部门', '民生综合体']);
    expect(rows).toHaveLength(seeded.length + 1);
    expect(rows).toContainEqual(['区委办公室机关第一党支部', '区委办公室', '文新街道阳光社区民生综合体']);
  });

  it('rejects a file with bad rows, names every one of them and imports nothing', async () => {
    const file = await xlsx([
      ['区委办公室机关第一党支部', '区委办公室', '文新街道阳光社区民生综合体'],
      ['不存在的党支部', '区委办公室', '文新街道阳光社区民生综合体'],
      ['区委办公室机关第二党支部', '区委办公室', '不存在的综合体'],
      ['区委办公室机关第一党支部', '区委办公室', '文新街道阳光社区民生综合体'],
      ['区委办公室机关第三党支部', null, '文新街道阳光社区民生综合体'],
      ['区委办公室机关第三党支部', '区民政局', '西溪街道古荡湾社区民生综合体'],
    ]);
    const r = await upload(file);
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('validation_failed');
    expect(r.body.error.message).toContain('未导入任何内容');
    expect(r.body.error.details.rows).toEqual([
      { row: 3, reason: '第 3 行：找不到党支部「不存在的党支部」' },
      { row: 4, reason: '第 4 行：找不到民生综合体「不存在的综合体」' },
      { row: 5, reason: '第 5 行：与第 2 行重复' },
      { row: 6, reason: '第 6 行：“所属部门”为空' },
      { row: 7, reason: '第 7 行：党支部「区委办公室机关第三党支部」属于「区委办公室」，不是「区民政局」' },
    ]);
    expect(await pairs()).toEqual(seeded);
  });

  it('replaces the whole list with a good file (raw body), and accepts base64 JSON too', async () => {
    const good = await xlsx([
      ['区委办公室机关第一党支部', '区委办公室', '文新街道阳光社区民生综合体'],
      ['区委办公室机关第一党支部', '区委办公室', '西溪街道古荡湾社区民生综合体'],
      ['区委办公室机关第二党支部', '区委办公室', '文新街道阳光社区民生综合体'],
    ]);
    const r = await upload(good);
    expect(r.status).toBe(200);
    const branchCount = (await t.api('GET', '/api/v1/branches')).body.items.length;
    expect(r.body).toMatchObject({ imported: 3, removed: seeded.length, branches: 2, complexes: 2, unpairedBranches: branchCount - 2 });
    const now = await pairs();
    expect(now).toHaveLength(3);
    const branch1 = (await t.api('GET', '/api/v1/branches/1')).body;
    expect(branch1.complexes.map((c: any) => c.name).sort()).toEqual(['文新街道阳光社区民生综合体', '西溪街道古荡湾社区民生综合体'].sort());

    const viaJson = await t.api('POST', '/api/v1/pairings/import', { token: admin, body: { file: original.toString('base64'), filename: '结对清单.xlsx' } });
    expect(viaJson.status).toBe(200);
    expect(viaJson.body.imported).toBe(seeded.length);
    expect(await pairs()).toEqual(seeded);
    const audit = await t.deps.db.select().from(auditLogs).where(and(eq(auditLogs.action, 'pairing.import'), eq(auditLogs.actorId, adminId)));
    expect(audit.map((a) => [a.targetType, a.detail]).slice(-2)).toEqual([
      ['pairing', { removed: seeded.length, inserted: 3, filename: null }],
      ['pairing', { removed: 3, inserted: seeded.length, filename: '结对清单.xlsx' }],
    ]);
  });

  it('rejects a wrong header, garbage, no file, and a file over 2 MB', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['支部', '综合体']);
    const wrong = await upload(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.details.fields.file).toContain('表头');
    expect((await upload(Buffer.from('hello'))).body.error.details.fields.file).toContain('.xlsx');
    const none = await t.api('POST', '/api/v1/pairings/import', { token: admin, body: {} });
    expect(none.status).toBe(422);
    const big = await upload(Buffer.alloc(2 * 1024 * 1024 + 10, 1));
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('payload_too_large');
    expect(await pairs()).toEqual(seeded);
  });

  it('only district admins import or export: 401 without a token, 403 for a resident or a branch admin', async () => {
    const file = await xlsx([['区委办公室机关第一党支部', '区委办公室', '文新街道阳光社区民生综合体']]);
    expect((await upload(file, '')).status).toBe(401);
    const resident = await buildResident(t);
    const r = await upload(file, resident.token);
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('forbidden');
    const branchAdmin = await buildBranchAdmin(t, 1);
    expect((await upload(file, branchAdmin.token)).status).toBe(403);
    expect((await download('/api/v1/pairings/export', resident.token)).status).toBe(403);
    expect((await download('/api/v1/pairings/export', '')).status).toBe(401);
    expect(await pairs()).toEqual(seeded);
  });
});
