import Taro from '@tarojs/taro';
import { tokenStore } from '../stores/tokens';
import { ApiError, MESSAGES, request, resetRequestStateForTests } from './request';

const requestMock = Taro.request as unknown as jest.Mock;
const toastMock = Taro.showToast as unknown as jest.Mock;

type Call = { url: string; method?: string; header: Record<string, string>; data?: unknown };
const calls = (): Call[] => requestMock.mock.calls.map(([opts]) => opts as Call);
const reply = (statusCode: number, data: unknown = null) => ({ statusCode, data, header: {} });
const envelope = (code: string, message: string) => ({ error: { code, message } });

beforeEach(() => {
  tokenStore.resetForTests();
  resetRequestStateForTests();
});

function signedIn(access = 'access-1', refresh = 'refresh-1') {
  tokenStore.set({ accessToken: access, refreshToken: refresh });
}

/** Answers like the server: 401 for any access token but `valid`, refresh issues `valid`. */
function serverAccepting(valid: string, refreshResult: () => ReturnType<typeof reply>) {
  requestMock.mockImplementation(async (opts: Call) => {
    if (opts.url.endsWith('/auth/refresh')) return refreshResult();
    return opts.header.Authorization === `Bearer ${valid}` ? reply(200, { ok: true, url: opts.url }) : reply(401, envelope('unauthorized', '登录已过期'));
  });
}

describe('request', () => {
  it('refuses a path built from a missing page parameter without calling the server', async () => {
    signedIn();
    requestMock.mockResolvedValue(reply(200, {}));
    for (const path of ['/family/NaN/bookings', '/opinions/undefined', '/meetings/null']) {
      await expect(request(path)).rejects.toMatchObject({ status: 0, code: 'bad_link', message: MESSAGES.badLink });
    }
    expect(requestMock).not.toHaveBeenCalled();
    expect(toastMock).toHaveBeenLastCalledWith(expect.objectContaining({ title: MESSAGES.badLink }));
    await expect(request('/activities?q=NaN')).resolves.toEqual({});
  });

  it('sends the bearer token and JSON to /api/v1 and returns the body', async () => {
    signedIn();
    requestMock.mockResolvedValue(reply(200, { id: 7 }));
    await expect(request('/me')).resolves.toEqual({ id: 7 });
    const [call] = calls();
    expect(call.url).toMatch(/\/api\/v1\/me$/);
    expect(call.header.Authorization).toBe('Bearer access-1');
    expect(call.header['Content-Type']).toBe('application/json');
  });

  it('builds query strings without empty values', async () => {
    requestMock.mockResolvedValue(reply(200, { items: [] }));
    await request('/complexes', { query: { streetId: 3, lat: undefined, lng: null, q: '西湖' } });
    expect(calls()[0].url).toMatch(/\/api\/v1\/complexes\?streetId=3&q=%E8%A5%BF%E6%B9%96$/);
  });

  it('returns undefined for 204', async () => {
    requestMock.mockResolvedValue(reply(204));
    await expect(request('/auth/logout', { method: 'POST' })).resolves.toBeUndefined();
  });

  it('on 401 refreshes the token once and retries the call with the new one', async () => {
    signedIn('stale', 'refresh-1');
    serverAccepting('fresh', () => reply(200, { accessToken: 'fresh', refreshToken: 'refresh-2', expiresIn: 900 }));
    await expect(request('/me')).resolves.toMatchObject({ ok: true });
    const urls = calls().map((c) => c.url.replace(/^.*\/api\/v1/, ''));
    expect(urls).toEqual(['/me', '/auth/refresh', '/me']);
    expect(calls()[1].data).toEqual({ refreshToken: 'refresh-1' });
    expect(calls()[1].header.Authorization).toBeUndefined();
    expect(calls()[2].header.Authorization).toBe('Bearer fresh');
    expect(tokenStore.get()).toEqual({ accessToken: 'fresh', refreshToken: 'refresh-2' });
    expect(toastMock).not.toHaveBeenCalled();
  });

  it('shares one refresh between calls that fail at the same time', async () => {
    signedIn('stale');
    serverAccepting('fresh', () => reply(200, { accessToken: 'fresh', refreshToken: 'refresh-2' }));
    const results = await Promise.all([request('/me'), request('/streets'), request('/complexes')]);
    expect(results).toHaveLength(3);
    expect(calls().filter((c) => c.url.endsWith('/auth/refresh'))).toHaveLength(1);
  });

  it('retries only once: a second 401 signs the user out', async () => {
    signedIn('stale');
    const cleared = jest.fn();
    tokenStore.onCleared(cleared);
    serverAccepting('never-valid', () => reply(200, { accessToken: 'fresh', refreshToken: 'refresh-2' }));
    await expect(request('/me')).rejects.toMatchObject({ status: 401, code: 'unauthorized', message: MESSAGES.sessionExpired });
    expect(calls().map((c) => c.url.replace(/^.*\/api\/v1/, ''))).toEqual(['/me', '/auth/refresh', '/me']);
    expect(tokenStore.get()).toBeNull();
    expect(cleared).toHaveBeenCalledWith('expired');
  });

  it('when the refresh is refused, clears the session and says so', async () => {
    signedIn('stale');
    const cleared = jest.fn();
    tokenStore.onCleared(cleared);
    serverAccepting('fresh', () => reply(401, envelope('unauthorized', '登录已失效')));
    const err = await request('/me').catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 401, message: MESSAGES.sessionExpired });
    expect(tokenStore.get()).toBeNull();
    expect(cleared).toHaveBeenCalledWith('expired');
    expect(toastMock).toHaveBeenCalledWith(expect.objectContaining({ title: MESSAGES.sessionExpired }));
    expect(calls().filter((c) => c.url.endsWith('/me'))).toHaveLength(1);
  });

  it('does not try to refresh calls made without a session', async () => {
    requestMock.mockResolvedValue(reply(401, envelope('unauthorized', '请先登录')));
    await expect(request('/me')).rejects.toMatchObject({ status: 401, message: '请先登录' });
    expect(calls()).toHaveLength(1);
  });

  it('turns the error envelope into an ApiError and shows its Chinese message', async () => {
    signedIn();
    requestMock.mockResolvedValue(
      reply(409, { error: { code: 'activity_full', message: '名额已满', details: { activityId: 3 } } }),
    );
    const err = await request('/activities/3/bookings', { method: 'POST' }).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 409, code: 'activity_full', message: '名额已满', details: { activityId: 3 } });
    expect(toastMock).toHaveBeenCalledWith(expect.objectContaining({ title: '名额已满', icon: 'none' }));
  });

  it.each([
    [404, envelope('not_found', '没有找到这个综合体'), 'not_found', '没有找到这个综合体'],
    [422, envelope('validation_failed', '手机号格式不正确'), 'validation_failed', '手机号格式不正确'],
    [500, '<html>Internal Server Error</html>', 'internal_error', MESSAGES.server],
    [503, null, 'internal_error', MESSAGES.server],
    [418, { unexpected: true }, 'http_error', MESSAGES.unknown],
  ])('rejects on HTTP %i', async (status, body, code, message) => {
    requestMock.mockResolvedValue(reply(status, body));
    await expect(request('/complexes/999')).rejects.toMatchObject({ status, code, message });
    expect(toastMock).toHaveBeenCalledWith(expect.objectContaining({ title: message }));
  });

  it('stays quiet when asked to (the caller shows the error)', async () => {
    requestMock.mockResolvedValue(reply(404, envelope('not_found', '不存在')));
    await expect(request('/auth/options', { silent: true })).rejects.toMatchObject({ code: 'not_found' });
    expect(toastMock).not.toHaveBeenCalled();
  });

  it('says clearly when the request timed out (WeChat and browser forms)', async () => {
    requestMock.mockRejectedValueOnce({ errMsg: 'request:fail timeout' });
    await expect(request('/streets')).rejects.toMatchObject({ status: 0, code: 'timeout', message: MESSAGES.timeout });
    const abort = Object.assign(new Error('The user aborted a request.'), { name: 'AbortError' });
    requestMock.mockRejectedValueOnce(abort);
    await expect(request('/streets')).rejects.toMatchObject({ code: 'timeout', message: MESSAGES.timeout });
    expect(toastMock).toHaveBeenLastCalledWith(expect.objectContaining({ title: MESSAGES.timeout }));
  });

  it('says clearly when there is no network', async () => {
    requestMock.mockRejectedValueOnce({ errMsg: 'request:fail -101:net::ERR_INTERNET_DISCONNECTED' });
    await expect(request('/streets')).rejects.toMatchObject({ status: 0, code: 'network_error', message: MESSAGES.network });
    requestMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await expect(request('/streets')).rejects.toMatchObject({ code: 'network_error', message: MESSAGES.network });
    expect(toastMock).toHaveBeenLastCalledWith(expect.objectContaining({ title: MESSAGES.network }));
  });

  it('keeps the session when the refresh itself hits a network error', async () => {
    signedIn('stale');
    requestMock.mockImplementation(async (opts: Call) => {
      if (opts.url.endsWith('/auth/refresh')) throw { errMsg: 'request:fail timeout' };
      return reply(401, envelope('unauthorized', '登录已过期'));
    });
    await expect(request('/me')).rejects.toMatchObject({ status: 0, code: 'network_error', message: MESSAGES.network });
    expect(tokenStore.get()).toEqual({ accessToken: 'stale', refreshToken: 'refresh-1' });
  });

  it('revalidates GET answers that carry an ETag and reuses its copy on 304', async () => {
    const body = { items: [{ id: 1, name: '文新街道' }], nextCursor: null };
    requestMock.mockResolvedValueOnce({ statusCode: 200, data: body, header: { ETag: '"v1"' } });
    await expect(request('/streets', { auth: false })).resolves.toEqual(body);
    expect(calls()[0].header['If-None-Match']).toBeUndefined();
    requestMock.mockResolvedValueOnce({ statusCode: 304, data: '', header: { etag: '"v1"' } });
    const again = await request<typeof body>('/streets', { auth: false });
    expect(calls()[1].header['If-None-Match']).toBe('"v1"');
    expect(again).toEqual(body);
    again.items.push({ id: 2, name: '改动' }); // a caller's change does not reach the kept copy
    const changed = { items: [{ id: 1, name: '文新街道（新）' }], nextCursor: null };
    requestMock.mockResolvedValueOnce({ statusCode: 304, data: '', header: {} });
    await expect(request('/streets', { auth: false })).resolves.toEqual(body);
    requestMock.mockResolvedValueOnce({ statusCode: 200, data: changed, header: { etag: '"v2"' } });
    await expect(request('/streets', { auth: false })).resolves.toEqual(changed);
    requestMock.mockResolvedValueOnce({ statusCode: 304, data: '', header: {} });
    await expect(request('/streets', { auth: false })).resolves.toEqual(changed);
    expect(calls()[4].header['If-None-Match']).toBe('"v2"');
    // other URLs and writes are not conditional
    requestMock.mockResolvedValueOnce(reply(200, {}));
    await request('/complexes', { auth: false, query: { streetId: 2 } });
    expect(calls()[5].header['If-None-Match']).toBeUndefined();
    requestMock.mockResolvedValueOnce(reply(200, {}));
    await request('/streets', { method: 'POST', auth: false, data: {} });
    expect(calls()[6].header['If-None-Match']).toBeUndefined();
  });
});
