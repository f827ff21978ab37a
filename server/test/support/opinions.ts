import type { TestServer } from './harness';

/** A resident who signed in with WeChat (so has an openid, as in production). */
export async function wechatResident(t: TestServer, code: string): Promise<{ id: number; token: string; openid: string }> {
  const r = await t.api('POST', '/api/v1/auth/wechat', { body: { code } });
  if (r.status !== 200) throw new Error(`wechat login failed: ${r.status} ${JSON.stringify(r.body)}`);
  return { id: r.body.user.id, token: r.body.accessToken, openid: `o_${code}` };
}

let seq = 0;
/** Submits an opinion through the API and returns its id (expects 201). */
export async function submitOpinion(
  t: TestServer,
  token: string,
  o: Partial<{ category: string; title: string; content: string; complexId: number; visibility: 'public' | 'private' }> = {},
): Promise<number> {
  seq++;
  const r = await t.api('POST', '/api/v1/opinions', {
    token,
    body: { category: '环境卫生', title: `意见${seq}`, content: `第${seq}条：垃圾分类投放点需要增加`, complexId: 1, ...o },
  });
  if (r.status !== 201) throw new Error(`submit failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id;
}
