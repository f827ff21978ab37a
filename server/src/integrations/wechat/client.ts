/**
 * WeChat server APIs over their documented HTTP interface, at a configurable base URL
 * (production: https://api.weixin.qq.com; tests: a local stand-in speaking the same shapes).
 */
export interface WechatConfig {
  appid: string;
  secret: string;
  baseUrl: string;
  timeoutMs: number;
}

/** A WeChat call that failed: errcode from WeChat, or -1 for network failures and timeouts. */
export class WechatError extends Error {
  constructor(public readonly errcode: number, public readonly errmsg: string) {
    super(`wechat errcode ${errcode}: ${errmsg}`);
  }
}

export interface Code2SessionResult {
  openid: string;
  unionid?: string;
  /** never logged, never returned to clients */
  sessionKey: string;
}

export type SecCheckSuggest = 'pass' | 'review' | 'risky';

export interface SecCheckResult {
  suggest: SecCheckSuggest;
  label: number;
}

export interface SubscribeMessage {
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, string>;
}

/** WeChat's documented value limits for subscribe-message keywords, by key prefix. */
const FIELD_LIMITS: Array<[RegExp, number]> = [
  [/^thing\d+$/, 20],
  [/^name\d+$/, 10],
  [/^phrase\d+$/, 5],
  [/^character_string\d+$/, 32],
  [/^number\d+$/, 32],
  [/^letter\d+$/, 32],
  [/^symbol\d+$/, 5],
  [/^phone_number\d+$/, 17],
  [/^car_number\d+$/, 8],
  [/^time\d+$/, 32],
  [/^date\d+$/, 32],
  [/^amount\d+$/, 32],
];

/** Cuts each value to its field's limit (counted in characters, not bytes), marking the cut with "…". */
export function fitSubscribeData(data: Record<string, string>): Record<string, { value: string }> {
  const out: Record<string, { value: string }> = {};
  for (const [k, v] of Object.entries(data)) {
    const limit = FIELD_LIMITS.find(([re]) => re.test(k))?.[1] ?? 20;
    const chars = Array.from(v);
    out[k] = { value: chars.length > limit ? chars.slice(0, limit - 1).join('') + '…' : v };
  }
  return out;
}

const TOKEN_EXPIRED = new Set([40001, 42001, 40014]);

export class WechatClient {
  private token: { value: string; expiresAt: number } | null = null;
  private tokenInflight: Promise<string> | null = null;

  constructor(private readonly cfg: WechatConfig) {}

  private async call<T extends { errcode?: number; errmsg?: string }>(pathAndQuery: string, init?: { method?: string; body?: unknown }): Promise<T> {
    const url = this.cfg.baseUrl.replace(/\/$/, '') + pathAndQuery;
    let res: Response;
    try {
      res = await fetch(url, {
        method: init?.method ?? 'GET',
        headers: init?.body ? { 'content-type': 'application/json' } : undefined,
        body: init?.body ? JSON.stringify(init.body) : undefined,
        signal: AbortSignal.timeout(this.cfg.timeoutMs),
      });
    } catch (e) {
      throw new WechatError(-1, (e as Error).name === 'TimeoutError' ? 'timeout' : 'network error');
    }
    let json: T;
    try {
      json = (await res.json()) as T;
    } catch {
      throw new WechatError(-1, `bad response (HTTP ${res.status})`);
    }
    if (json.errcode && json.errcode !== 0) throw new WechatError(json.errcode, json.errmsg ?? '');
    return json;
  }

  /** sns/jscode2session: exchange a wx.login code for the user's openid. */
  async code2Session(code: string): Promise<Code2SessionResult> {
    const q = new URLSearchParams({ appid: this.cfg.appid, secret: this.cfg.secret, js_code: code, grant_type: 'authorization_code' });
    const r = await this.call<{ openid?: string; unionid?: string; session_key?: string; errcode?: number; errmsg?: string }>(
      `/sns/jscode2session?${q}`,
    );
    if (!r.openid) throw new WechatError(-1, 'no openid in response');
    return { openid: r.openid, unionid: r.unionid, sessionKey: r.session_key ?? '' };
  }

  /** cgi-bin/token, cached until 5 minutes before it expires; one fetch at a time. */
  async accessToken(force = false): Promise<string> {
    if (!force && this.token && this.token.expiresAt > Date.now()) return this.token.value;
    if (!this.tokenInflight) {
      const q = new URLSearchParams({ grant_type: 'client_credential', appid: this.cfg.appid, secret: this.cfg.secret });
      this.tokenInflight = this.call<{ access_token: string; expires_in: number; errcode?: number; errmsg?: string }>(`/cgi-bin/token?${q}`)
        .then((r) => {
          this.token = { value: r.access_token, expiresAt: Date.now() + Math.max(60, r.expires_in - 300) * 1000 };
          return r.access_token;
        })
        .finally(() => {
          this.tokenInflight = null;
        });
    }
    return this.tokenInflight;
  }

  /** Calls an access-token API, refreshing the token once if WeChat says it expired. */
  private async withToken<T extends { errcode?: number; errmsg?: string }>(path: string, body: unknown): Promise<T> {
    try {
      return await this.call<T>(`${path}?access_token=${encodeURIComponent(await this.accessToken())}`, { method: 'POST', body });
    } catch (e) {
      if (e instanceof WechatError && TOKEN_EXPIRED.has(e.errcode)) {
        return this.call<T>(`${path}?access_token=${encodeURIComponent(await this.accessToken(true))}`, { method: 'POST', body });
      }
      throw e;
    }
  }

  /** wxa/msg_sec_check version 2. scene: 1 profile, 2 comment, 3 forum, 4 social log. */
  async msgSecCheck(input: { openid: string; content: string; title?: string; scene?: 1 | 2 | 3 | 4 }): Promise<SecCheckResult> {
    const r = await this.withToken<{ result?: { suggest: SecCheckSuggest; label: number }; errcode?: number; errmsg?: string }>(
      '/wxa/msg_sec_check',
      { version: 2, openid: input.openid, scene: input.scene ?? 3, content: input.content, title: input.title },
    );
    if (!r.result) throw new WechatError(-1, 'no result in msg_sec_check response');
    return { suggest: r.result.suggest, label: r.result.label };
  }

  /** cgi-bin/message/subscribe/send; values are cut to WeChat's field limits. */
  async sendSubscribeMessage(m: SubscribeMessage): Promise<void> {
    await this.withToken('/cgi-bin/message/subscribe/send', {
      touser: m.touser,
      template_id: m.templateId,
      page: m.page,
      data: fitSubscribeData(m.data),
      miniprogram_state: 'formal',
      lang: 'zh_CN',
    });
  }
}
