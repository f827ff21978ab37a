import { z } from 'zod';
import { audit } from '../../domain/audit/log';
import { importPairings, listPairings } from '../../domain/branches/pairing';
import { PAIRING_HEADERS, buildPairingWorkbook } from '../../domain/branches/pairingSheet';
import { shanghaiMonth } from '../../domain/time/shanghai';
import { validationFailed } from '../../errors';
import { XLSX_TYPE, readRawBody, sendXlsx } from '../../http/rawBody';
import { pageOf, route, zId } from '../../http/route';
import { Pairing, PairingImport } from '../../../../shared/api/branches';

/** Largest spreadsheet accepted as a raw upload (the JSON/base64 form is bound by BODY_LIMIT). */
const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;

const ImportBody = z.object({ file: z.string().max(1_500_000, '文件太大').optional(), filename: z.string().max(200).optional() }).strict();

export default [
  route({
    method: 'get',
    path: '/api/v1/pairings',
    summary: '结对清单（党支部 ↔ 民生综合体）',
    description: 'The whole list (a few hundred pairs); filter by branch or complex.',
    tags: ['pairings'],
    auth: 'user',
    query: z.object({ branchId: zId.optional(), complexId: zId.optional() }),
    response: pageOf(Pairing),
    handler: async ({ query, deps }) => ({ items: await listPairings(deps.db, query), nextCursor: null }),
  }),
  route({
    method: 'get',
    path: '/api/v1/pairings/export',
    summary: '导出结对清单（.xlsx）',
    description: `Columns: ${PAIRING_HEADERS.join(', ')} — the same file the import reads.`,
    tags: ['pairings'],
    auth: ['district_admin'],
    raw: true,
    handler: async ({ user, deps, ctx, facts }) => {
      const rows = await listPairings(deps.db);
      const file = await buildPairingWorkbook(rows);
      await audit(deps.db, { actorId: user.id, action: 'pairing.export', targetType: 'pairing', detail: { rows: rows.length }, ...facts });
      sendXlsx(ctx, file, `结对清单-${shanghaiMonth(deps.clock.now())}.xlsx`);
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/pairings/import',
    summary: '导入结对清单（.xlsx，整体替换）',
    description: [
      `Upload the spreadsheet as the raw body (\`Content-Type: ${XLSX_TYPE}\`, at most 2 MB) or as JSON \`{"file": "<base64>"}\`.`,
      `Row 1 is the header (${PAIRING_HEADERS.join(', ')}). Any bad row (unknown branch or complex, a department that does not match,`,
      'a duplicate pair, an empty cell) imports nothing: 422 `validation_failed` with `details.rows` = [{row, reason}] naming every bad row.',
      'A good file replaces the whole pairing list in one transaction.',
    ].join(' '),
    tags: ['pairings'],
    auth: ['district_admin'],
    upload: XLSX_TYPE,
    body: ImportBody,
    response: PairingImport,
    audit: { none: 'importPairings replaces the list and writes pairing.import in one transaction of its own, opened after the upload is read and parsed (a retried transaction could not read the body again)' },
    handler: async ({ body, user, deps, ctx, facts }) => {
      let file: Buffer;
      if (ctx.is(XLSX_TYPE, 'application/octet-stream')) file = await readRawBody(ctx, MAX_UPLOAD_BYTES);
      else if (body.file) file = Buffer.from(body.file, 'base64');
      else throw validationFailed({ file: '请上传 .xlsx 文件' });
      return importPairings(deps.db, file, body.filename ?? null, user.id, facts);
    },
  }),
];
