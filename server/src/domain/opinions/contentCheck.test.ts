import { WechatError, type WechatClient } from '../../integrations/wechat/client';
import { checkContent } from './contentCheck';

const logger = { warn: () => {}, info: () => {} } as any;
const wechat = (answer: () => Promise<{ suggest: 'pass' | 'review' | 'risky'; label: number }>) => ({ msgSecCheck: jest.fn(answer) }) as unknown as WechatClient & { msgSecCheck: jest.Mock };
const config = (devLogin: boolean, env: 'test' | 'production' = 'test') => ({ DEV_LOGIN: devLogin, NODE_ENV: env }) as any;

describe('checkContent mapping', () => {
  const text = { title: '标题', content: '正文' };

  it('maps WeChat suggest to pass / hold / reject', async () => {
    for (const [suggest, verdict] of [['pass', 'pass'], ['review', 'hold'], ['risky', 'reject']] as const) {
      const w = wechat(async () => ({ suggest, label: 100 }));
      expect((await checkContent({ wechat: w, logger, config: config(false) }, { openid: 'o_1', ...text })).verdict).toBe(verdict);
      expect(w.msgSecCheck).toHaveBeenCalledWith({ openid: 'o_1', title: '标题', content: '正文', scene: 3 });
    }
  });

  it('holds on any WeChat failure', async () => {
    for (const err of [new WechatError(-1, 'timeout'), new WechatError(61010, 'user not visited'), new Error('boom')]) {
      const w = wechat(async () => Promise.reject(err));
      expect(await checkContent({ wechat: w, logger, config: config(false) }, { openid: 'o_1', ...text })).toEqual({ verdict: 'hold', reason: 'wechat_unavailable' });
    }
  });

  it('without an openid: word list only under DEV_LOGIN, otherwise held — WeChat is never sent a made-up openid', async () => {
    const w = wechat(async () => ({ suggest: 'pass', label: 100 }));
    expect(await checkContent({ wechat: w, logger, config: config(true) }, { openid: null, ...text })).toEqual({ verdict: 'pass' });
    expect(await checkContent({ wechat: w, logger, config: config(false) }, { openid: null, ...text })).toEqual({ verdict: 'hold', reason: 'no_openid' });
    expect(await checkContent({ wechat: w, logger, config: config(true, 'production') }, { openid: null, ...text })).toEqual({ verdict: 'hold', reason: 'no_openid' });
    expect(w.msgSecCheck).not.toHaveBeenCalled();
  });

  it('rejects listed words without asking WeChat', async () => {
    const w = wechat(async () => ({ suggest: 'pass', label: 100 }));
    expect(await checkContent({ wechat: w, logger, config: config(false) }, { openid: 'o_1', title: '高利贷', content: '联系' })).toEqual({ verdict: 'reject', source: 'word_list' });
    expect(w.msgSecCheck).not.toHaveBeenCalled();
  });
});
