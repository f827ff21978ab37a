import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { buildDistrictAdmin, buildResident } from '../support/factories';
import { startTestServer, type TestServer } from '../support/harness';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let t: TestServer;
let admin: string;
beforeAll(async () => {
  t = await startTestServer();
  admin = (await buildDistrictAdmin(t)).token;
});
afterAll(() => t.close());

/** A zip written by hand; `lie` declares every entry's inflated size as 1 KB. */
function zip(entries: Array<{ name: string; data: Buffer }>, lie = false): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const packed = deflateRawSync(e.data, { level: 9 });
    const size = lie ? 1024 : e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(e.data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(e.data), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** An .xlsx whose one sheet inflates to `mb` megabytes (a cell of spaces): a few hundred KB on the wire. */
function bomb(mb: number, lie = false): Buffer {
  const head = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>';
  const tail = '</t></is></c></row></sheetData></worksheet>';
  const sheet = Buffer.concat([Buffer.from(head), Buffer.alloc(mb * 1024 * 1024, 0x20), Buffer.from(tail)]);
  return zip(
    [
      { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
      { name: 'xl/workbook.xml', data: Buffer.from('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="s" sheetId="1" r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></sheets></workbook>') },
      { name: 'xl/worksheets/sheet1.xml', data: sheet },
    ],
    lie,
  );
}

async function manyRows(n: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('结对清单');
  ws.addRow(['党支部', '所属部门', '民生综合体']);
  for (let i = 0; i < n; i++) ws.addRow(['区民政局第一党支部', '区民政局', '文新街道阳光社区民生综合体']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(file: Buffer, token = admin) {
  const started = Date.now();
  const res = await fetch(`${t.url}/api/v1/pairings/import`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': XLSX }, body: new Uint8Array(file) });
  return { status: res.status, body: (await res.json()) as any, ms: Date.now() - started };
}

/** Slowest /healthz answer while `work` runs (polled every 50 ms). */
async function healthzDuring(work: Promise<unknown>): Promise<number> {
  let worst = 0;
  let done = false;
  void work.finally(() => (done = true));
  while (!done) {
    const s = Date.now();
    const r = await fetch(`${t.url}/healthz`);
    expect(r.status).toBe(200);
    worst = Math.max(worst, Date.now() - s);
    await new Promise((r) => setTimeout(r, 50));
  }
  return worst;
}

describe('spreadsheet import cannot take the server down', () => {
  it('needs a district admin', async () => {
    const f = await manyRows(1);
    expect((await fetch(`${t.url}/api/v1/pairings/import`, { method: 'POST', headers: { 'content-type': XLSX }, body: new Uint8Array(f) })).status).toBe(401);
    expect((await upload(f, (await buildResident(t)).token)).status).toBe(403);
  });

  // built before the requests: a slow build between two requests races the keep-alive timeout
  const bombs = new Map<boolean, Buffer>();
  let tall: Buffer;
  beforeAll(async () => {
    for (const lie of [false, true]) bombs.set(lie, bomb(80, lie));
    tall = await manyRows(120_000);
  });
  it.each([false, true])('refuses a zip bomb fast with 413 (declared sizes lie: %s)', async (lie) => {
    const file = bombs.get(lie)!;
    expect(file.length).toBeLessThan(2 * 1024 * 1024);
    const r = await upload(file);
    expect([r.status, r.body.error.code]).toEqual([413, 'payload_too_large']);
    expect(r.ms).toBeLessThan(5000);
  });

  it('refuses a sheet with too many rows fast (422), and /healthz keeps answering meanwhile', async () => {
    const file = tall;
    expect(file.length).toBeLessThan(2 * 1024 * 1024);
    const work = upload(file);
    const worst = await healthzDuring(work);
    const r = await work;
    expect([r.status, r.body.error.code]).toEqual([422, 'validation_failed']);
    expect(r.body.error.message).toContain('5000');
    expect(r.ms).toBeLessThan(8000);
    // the event loop was never held: a loaded machine still answers well under a second
    expect(worst).toBeLessThan(400);
  });

  it('a readable file with nothing to import is an ordinary 422', async () => {
    const r = await upload(await manyRows(0));
    expect(r.status).toBe(422); // header only: nothing to import
    expect(r.body.error.details.fields.file).toBe('文件中没有结对数据');
  });
});
