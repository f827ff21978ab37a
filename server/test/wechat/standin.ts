import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for WeChat's server APIs, speaking their documented request and response
 * shapes (errors included). Behaviour is chosen by the input, so tests read as scenarios:
 *
 * - jscode2session: js_code "bad…" → 40029, "busy…" → 45011, "blocked…" → 40226, "slow…" → never
 *   answers (client timeout), "garbage…" → non-JSON body; anything else → openid "o_<code>".
 *   A wrong appid/secret → 40013 / 40125.
 * - cgi-bin/token: access_token per call; `expireTokens()` makes the next API call answer 42001.
 * - wxa/msg_sec_check (v2): content containing a word in `riskyWords` → suggest risky (label 20001),
 *   in `reviewWords` → review; `down = true` → HTTP 500 with no JSON; `slow = true` → never answers
 *   (the client times out); else pass.
 * - cgi-bin/message/subscribe/send: touser in `refusedUsers` → 43101 (user refused); data values
 *   longer than their field limit → 47003; records every accepted message in `sent`.
 */
export interface StandIn {
  url: string;
  calls: Array<{ path: string; query: Record<string, string>; body?: unknown }>;
  sent: Array<{ touser: string; template_id: string; page?: string; data: Record<string, { value: string }> }>;
  riskyWords: string[];
  reviewWords: string[];
  refusedUsers: Set<string>;
  down: boolean;
  slow: boolean;
  expireTokens(): void;
  close(): Promise<void>;
}

const LIMITS: Array<[RegExp, number]> = [
  [/^thing\d+$/, 20], [/^name\d+$/, 10], [/^phrase\d+$/, 5], [/^character_string\d+$/, 32], [/^time\d+$/, 32], [/^date\d+$/, 32],
];

export async function startWechatStandIn(opts: { appid?: string; secret?: string } = {}): Promise<StandIn> {
  const appid = opts.appid ?? 'wx_test_appid';
  const secret = opts.secret ?? 'wx_test_secret';
  let tokenSeq = 0;
  const valid = new Set<string>();
  const state: Omit<StandIn, 'url' | 'close' | 'expireTokens'> = {
    calls: [],
    sent: [],
    riskyWords: ['违禁词', '赌博'],
    reviewWords: ['待审核'],
    refusedUsers: new Set(),
    down: false,
    slow: false,
  };
  const json = (res: http.ServerResponse, body: unknown) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const query = Object.fromEntries(u.searchParams);
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = raw ? JSON.parse(raw) : undefined;
      state.calls.push({ path: u.pathname, query, body });
      if (u.pathname === '/sns/jscode2session') {
        if (query.appid !== appid) return json(res, { errcode: 40013, errmsg: 'invalid appid' });
        if (query.secret !== secret) return json(res, { errcode: 40125, errmsg: 'invalid appsecret' });
        const code = query.js_code ?? '';
        if (code.startsWith('slow')) return; // never answers
        if (code.startsWith('garbage')) {
          res.writeHead(502, { 'content-type': 'text/html' });
          return res.end('<html>bad gateway</html>');
        }
        if (code.startsWith('bad')) return json(res, { errcode: 40029, errmsg: 'invalid code, rid: 1' });
        if (code.startsWith('busy')) return json(res, { errcode: 45011, errmsg: 'api minute-quota reach limit' });
        if (code.startsWith('blocked')) return json(res, { errcode: 40226, errmsg: 'code blocked' });
        return json(res, { openid: `o_${code}`, session_key: 'c2Vzc2lvbmtleQ==' });
      }
      if (u.pathname === '/cgi-bin/token') {
        if (query.appid !== appid || query.secret !== secret) return json(res, { errcode: 40013, errmsg: 'invalid appid' });
        const t = `token_${++tokenSeq}`;
        valid.add(t);
        return json(res, { access_token: t, expires_in: 7200 });
      }
      const token = query.access_token;
      if (!token || !valid.has(token)) return json(res, { errcode: 42001, errmsg: 'access_token expired' });
      if (u.pathname === '/wxa/msg_sec_check') {
        if (state.slow) return; // never answers
        if (state.down) {
          res.writeHead(500);
          return res.end('internal error');
        }
        if (body?.version !== 2 || !body?.openid || typeof body?.content !== 'string') return json(res, { errcode: 47001, errmsg: 'data format error' });
        const text = `${body.title ?? ''}${body.content}`;
        const suggest = state.riskyWords.some((w) => text.includes(w)) ? 'risky' : state.reviewWords.some((w) => text.includes(w)) ? 'review' : 'pass';
        return json(res, {
          errcode: 0,
          errmsg: 'ok',
          result: { suggest, label: suggest === 'pass' ? 100 : 20001 },
          detail: [{ strategy: 'content_model', errcode: 0, suggest, label: suggest === 'pass' ? 100 : 20001, prob: 90 }],
          trace_id: `trace_${state.calls.length}`,
        });
      }
      if (u.pathname === '/cgi-bin/message/subscribe/send') {
        if (!body?.touser || !body?.template_id || !body?.data) return json(res, { errcode: 47003, errmsg: 'argument invalid' });
        if (state.refusedUsers.has(body.touser)) return json(res, { errcode: 43101, errmsg: 'user refuse to accept the msg' });
        for (const [k, v] of Object.entries(body.data as Record<string, { value: string }>)) {
          const lim = LIMITS.find(([re]) => re.test(k))?.[1] ?? 20;
          if (Array.from(v.value).length > lim) return json(res, { errcode: 47003, errmsg: `argument invalid! data.${k}.value` });
        }
        state.sent.push(body);
        return json(res, { errcode: 0, errmsg: 'ok' });
      }
      res.writeHead(404);
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const standIn = state as StandIn;
  standIn.url = `http://127.0.0.1:${port}`;
  standIn.expireTokens = () => valid.clear();
  standIn.close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return standIn;
}
