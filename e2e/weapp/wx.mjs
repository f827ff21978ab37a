// The `wx` the weapp build sees in these tests. It is honest: every API the app may call is
// either implemented the way WeChat documents it (success and failure shapes, errMsg strings)
// or it fails the test naming the API. Nothing is skipped in silence.
//
//   request            real HTTP through fetch; success for EVERY status with {statusCode, data,
//                      header, errMsg: 'request:ok'} (WeChat does not fail on 4xx/5xx), fail only
//                      when no answer came ('request:fail …', 'request:fail timeout')
//   storage            an in-memory Map (JSON copies, like WeChat's serialisation), kept across
//                      pages and app relaunches within one test process
//   login              {code, errMsg: 'login:ok'}; the code is one the WeChat stand-in accepts
//   getLocation        the test's position after privacy consent; 'getLocation:fail auth deny'
//                      when the test says so
//   privacy            privacy-protected APIs (getLocation, chooseLocation, chooseImage …) wait for
//                      onNeedPrivacyAuthorization's resolve({event: 'agree', buttonId}) until the
//                      user agreed once; 'disagree' fails them with errno 104
//   uploadFile         real multipart POST of the file; success for every status, data as a string
//   chooseImage        privacy-protected; the files the test queued, or cancel
//   scanCode, chooseLocation, showModal, requestSubscribeMessage, makePhoneCall
//                      answer what the test queued with answer(api, …): success or {cancel: true};
//                      a call with nothing queued (scanCode, chooseLocation) fails the test
//   requestSubscribeMessage  only inside a tap, like WeChat ('can only be invoked by user TAP gesture')
//   navigation         navigateTo/redirectTo/reLaunch/switchTab/navigateBack are checked against
//                      app.json (page exists, tab vs non-tab) and handed to the harness router
//   everything else    a function that records the call and throws `wx.X is not in the test shim`
import { readFileSync } from 'node:fs';
import path from 'node:path';

const clone = (v) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

/**
 * Builds the shim. `appJson` is the built dist/weapp/app.json; `router` gets the checked
 * navigation calls ({type, route, query, delta}) and answers them.
 */
export function createWx({ weappDir, router }) {
  const appJson = JSON.parse(readFileSync(path.join(weappDir, 'app.json'), 'utf8'));
  const pages = new Set(appJson.pages);
  for (const sp of appJson.subPackages ?? appJson.subpackages ?? []) for (const p of sp.pages) pages.add(`${sp.root.replace(/\/$/, '')}/${p}`);
  const tabPages = new Set((appJson.tabBar?.list ?? []).map((t) => t.pagePath));

  const state = {
    storage: new Map(),
    /** every call the app made: {api, args} */
    calls: [],
    /** calls to APIs the shim does not implement */
    unknown: [],
    pendingRequests: 0,
    /** the tab bar badges set: index → text */
    tabBadges: {},
    queued: new Map(),
    location: { latitude: 30.2741, longitude: 120.1551 },
    locationDenied: false,
    privacyAgreed: false,
    privacyHandler: null,
    privacyWaiting: [],
    /** ids of tapped <button open-type="agreePrivacyAuthorization"> */
    agreeButtonIds: new Set(),
    inTap: false,
    loginSeq: 0,
    loginPrefix: `weapp${process.pid}_${Date.now()}`,
  };

  const record = (api, args) => state.calls.push({ api, args: clone(args) });
  const done = (api, opts, res) => {
    const r = { errMsg: `${api}:ok`, ...res };
    queueMicrotask(() => {
      opts?.success?.(r);
      opts?.complete?.(r);
    });
  };
  const fail = (api, opts, reason, extra = {}) => {
    const r = { errMsg: `${api}:fail ${reason}`, ...extra };
    queueMicrotask(() => {
      opts?.fail?.(r);
      opts?.complete?.(r);
    });
  };
  /** What the test queued for the next call of api, or undefined. */
  const take = (api) => {
    const q = state.queued.get(api);
    return q && q.length ? q.shift() : undefined;
  };
  const mustTake = (api) => {
    const a = take(api);
    if (a === undefined) {
      const err = new Error(`wx.${api} was called but the test queued no answer for it (answer('${api}', …))`);
      state.unknown.push({ api, reason: err.message });
      throw err;
    }
    return a;
  };

  /** Runs fn now if privacy was agreed, else asks the app's onNeedPrivacyAuthorization first. */
  const withPrivacy = (api, opts, fn) => {
    if (state.privacyAgreed) return fn();
    if (!state.privacyHandler) {
      // WeChat without a listener shows its own popup; a test must not depend on that.
      const err = new Error(`wx.${api} needs privacy consent and the app registered no onNeedPrivacyAuthorization`);
      state.unknown.push({ api, reason: err.message });
      throw err;
    }
    state.privacyWaiting.push({ api, opts, fn });
    if (state.privacyWaiting.length === 1) {
      let answered = false;
      const resolve = (option = {}) => {
        record('onNeedPrivacyAuthorization:resolve', [option]);
        if (option.event === 'exposureAuthorization') return;
        if (answered) return;
        answered = true;
        const waiting = state.privacyWaiting.splice(0);
        if (option.event === 'agree' && !state.agreeButtonIds.has(option.buttonId)) {
          // WeChat: the buttonId must be the id of the agree button the user tapped
          state.unknown.push({ api: 'onNeedPrivacyAuthorization', reason: `resolve({event: 'agree', buttonId: ${option.buttonId}}) without a tap on a button open-type="agreePrivacyAuthorization" with that id` });
          waiting.forEach((w) => fail(w.api, w.opts, 'privacy permission is not authorized', { errno: 104 }));
        } else if (option.event === 'agree') {
          state.privacyAgreed = true;
          waiting.forEach((w) => w.fn());
        } else {
          waiting.forEach((w) => fail(w.api, w.opts, 'privacy permission is not authorized', { errno: 104 }));
        }
      };
      state.privacyHandler(resolve, { referrer: `wx.${api}` });
    }
    return undefined;
  };

  const routeOf = (url) => {
    const [p, q = ''] = String(url ?? '').split('?');
    const route = p.replace(/^\//, '');
    return { route, query: Object.fromEntries(new URLSearchParams(q)) };
  };

  const navigate = (type) => (opts = {}) => {
    record(type, [opts]);
    if (type === 'navigateBack') {
      queueMicrotask(() => {
        const r = router({ type, delta: opts.delta ?? 1 });
        if (r?.error) fail(type, opts, r.error);
        else done(type, opts, {});
      });
      return undefined;
    }
    const { route, query } = routeOf(opts.url);
    if (!pages.has(route)) return fail(type, opts, `page "${route}" is not found`);
    if (type === 'switchTab' && !tabPages.has(route)) return fail(type, opts, `can not switch to no-tabBar page`);
    if ((type === 'navigateTo' || type === 'redirectTo') && tabPages.has(route)) return fail(type, opts, `can not ${type} a tabbar page`);
    queueMicrotask(() => {
      const r = router({ type, route, query });
      if (r?.error) fail(type, opts, r.error);
      else done(type, opts, type === 'navigateTo' ? { eventChannel: { emit() {}, on() {}, off() {}, once() {} } } : {});
    });
    return undefined;
  };

  const impl = {
    // ---- network
    request(opts) {
      record('request', [{ url: opts.url, method: opts.method ?? 'GET' }]);
      const controller = new AbortController();
      const method = String(opts.method ?? 'GET').toUpperCase();
      let url = opts.url;
      let body;
      const header = { ...(opts.header ?? {}) };
      if (method === 'GET' || method === 'HEAD') {
        if (opts.data && typeof opts.data === 'object') {
          const qs = new URLSearchParams(Object.entries(opts.data).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])).toString();
          if (qs) url += (url.includes('?') ? '&' : '?') + qs;
        }
      } else if (opts.data !== undefined) {
        body = typeof opts.data === 'string' ? opts.data : JSON.stringify(opts.data);
        if (!Object.keys(header).some((k) => k.toLowerCase() === 'content-type')) header['content-type'] = 'application/json';
      }
      const timeoutMs = opts.timeout ?? 60000;
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeoutMs);
      state.pendingRequests++;
      (async () => {
        try {
          const res = await fetch(url, { method, headers: header, body, signal: controller.signal });
          const text = await res.text();
          let data = text;
          if ((opts.dataType ?? 'json') === 'json') {
            try {
              data = JSON.parse(text);
            } catch {
              data = text;
            }
          }
          const r = { statusCode: res.status, data, header: Object.fromEntries(res.headers), cookies: [], errMsg: 'request:ok' };
          opts.success?.(r);
          opts.complete?.(r);
        } catch (e) {
          const r = { errMsg: `request:fail ${timedOut ? 'timeout' : controller.signal.aborted ? 'abort' : e.message}`, errno: timedOut ? 5 : 600001 };
          opts.fail?.(r);
          opts.complete?.(r);
        } finally {
          clearTimeout(timer);
          state.pendingRequests--;
        }
      })();
      return { abort: () => controller.abort(), onHeadersReceived() {}, offHeadersReceived() {}, onChunkReceived() {}, offChunkReceived() {} };
    },

    uploadFile(opts) {
      record('uploadFile', [{ url: opts.url, filePath: opts.filePath, name: opts.name }]);
      const controller = new AbortController();
      state.pendingRequests++;
      (async () => {
        try {
          const form = new FormData();
          for (const [k, v] of Object.entries(opts.formData ?? {})) form.append(k, String(v));
          const bytes = readFileSync(opts.filePath);
          form.append(opts.name, new Blob([bytes], { type: /\.png$/i.test(opts.filePath) ? 'image/png' : 'image/jpeg' }), path.basename(opts.filePath));
          const res = await fetch(opts.url, { method: 'POST', headers: { ...(opts.header ?? {}) }, body: form, signal: controller.signal });
          // WeChat hands the body over as a string, whatever its type
          const r = { statusCode: res.status, data: await res.text(), header: Object.fromEntries(res.headers), errMsg: 'uploadFile:ok' };
          opts.success?.(r);
          opts.complete?.(r);
        } catch (e) {
          const r = { errMsg: `uploadFile:fail ${e.code === 'ENOENT' ? 'file not found' : e.message}` };
          opts.fail?.(r);
          opts.complete?.(r);
        } finally {
          state.pendingRequests--;
        }
      })();
      return { abort: () => controller.abort(), onProgressUpdate() {}, offProgressUpdate() {}, onHeadersReceived() {}, offHeadersReceived() {} };
    },

    // ---- media (the user picks from what the test queued: {tempFilePaths} or {cancel: true})
    chooseImage(opts) {
      record('chooseImage', [opts]);
      withPrivacy('chooseImage', opts, () => {
        const a = mustTake('chooseImage');
        if (a.cancel) return fail('chooseImage', opts, 'cancel');
        const paths = a.tempFilePaths.slice(0, opts?.count ?? 9);
        done('chooseImage', opts, { tempFilePaths: paths, tempFiles: paths.map((p) => ({ path: p, size: readFileSync(p).length })) });
      });
    },

    // ---- storage
    getStorageSync(key) {
      return state.storage.has(key) ? clone(state.storage.get(key)) : '';
    },
    setStorageSync(key, value) {
      state.storage.set(key, clone(value));
    },
    removeStorageSync(key) {
      state.storage.delete(key);
    },
    clearStorageSync() {
      state.storage.clear();
    },
    getStorageInfoSync() {
      return { keys: [...state.storage.keys()], currentSize: 0, limitSize: 10240 };
    },
    getStorage(opts) {
      if (state.storage.has(opts.key)) done('getStorage', opts, { data: clone(state.storage.get(opts.key)) });
      else fail('getStorage', opts, 'data not found');
    },
    setStorage(opts) {
      state.storage.set(opts.key, clone(opts.data));
      done('setStorage', opts, {});
    },
    removeStorage(opts) {
      state.storage.delete(opts.key);
      done('removeStorage', opts, {});
    },

    // ---- sign-in
    login(opts) {
      record('login', [opts]);
      const queuedCode = take('login');
      done('login', opts, { code: queuedCode ?? `${state.loginPrefix}_${++state.loginSeq}` });
    },
    checkSession(opts) {
      record('checkSession', [opts]);
      done('checkSession', opts, {});
    },

    // ---- privacy
    onNeedPrivacyAuthorization(handler) {
      record('onNeedPrivacyAuthorization', []);
      state.privacyHandler = handler;
    },
    getPrivacySetting(opts) {
      record('getPrivacySetting', [opts]);
      done('getPrivacySetting', opts, { needAuthorization: !state.privacyAgreed, privacyContractName: '《幸福荟隐私保护指引》' });
    },
    requirePrivacyAuthorize(opts) {
      record('requirePrivacyAuthorize', [opts]);
      withPrivacy('requirePrivacyAuthorize', opts, () => done('requirePrivacyAuthorize', opts, {}));
    },

    // ---- location
    getLocation(opts) {
      record('getLocation', [opts]);
      withPrivacy('getLocation', opts, () => {
        if (state.locationDenied) return fail('getLocation', opts, 'auth deny');
        done('getLocation', opts, { ...state.location, speed: -1, accuracy: 65, altitude: 0, verticalAccuracy: 0, horizontalAccuracy: 65 });
      });
    },
    chooseLocation(opts) {
      record('chooseLocation', [opts]);
      withPrivacy('chooseLocation', opts, () => {
        const a = mustTake('chooseLocation');
        if (a.cancel) return fail('chooseLocation', opts, 'cancel');
        done('chooseLocation', opts, { name: a.name ?? '', address: a.address ?? '', latitude: a.latitude, longitude: a.longitude });
      });
    },

    // ---- device
    scanCode(opts) {
      record('scanCode', [opts]);
      const a = mustTake('scanCode');
      if (a.cancel) return fail('scanCode', opts, 'cancel');
      done('scanCode', opts, { result: a.result, scanType: a.scanType ?? 'QR_CODE', charSet: 'utf-8', path: '', rawData: Buffer.from(String(a.result)).toString('base64') });
    },
    makePhoneCall(opts) {
      record('makePhoneCall', [opts]);
      if (!opts?.phoneNumber) return fail('makePhoneCall', opts, 'parameter error: parameter.phoneNumber should be String');
      const a = take('makePhoneCall') ?? {};
      if (a.cancel) return fail('makePhoneCall', opts, 'cancel');
      done('makePhoneCall', opts, {});
    },
    requestSubscribeMessage(opts) {
      record('requestSubscribeMessage', [opts]);
      const ids = opts?.tmplIds;
      if (!state.inTap) return fail('requestSubscribeMessage', opts, 'can only be invoked by user TAP gesture.', { errCode: 20004 });
      if (!Array.isArray(ids) || ids.length === 0) return fail('requestSubscribeMessage', opts, "TmplIds can't be empty", { errCode: 10001 });
      if (ids.length > 3) return fail('requestSubscribeMessage', opts, 'Templates count out of max bounds', { errCode: 20003 });
      const a = take('requestSubscribeMessage') ?? { accept: true };
      if (a.cancel) return fail('requestSubscribeMessage', opts, 'cancel', { errCode: 20001 });
      done('requestSubscribeMessage', opts, Object.fromEntries(ids.map((id) => [id, a.accept === false ? 'reject' : 'accept'])));
    },

    // ---- interaction
    showToast(opts) {
      record('showToast', [opts]);
      done('showToast', opts, {});
    },
    hideToast(opts) {
      done('hideToast', opts, {});
    },
    showLoading(opts) {
      record('showLoading', [opts]);
      done('showLoading', opts, {});
    },
    hideLoading(opts) {
      done('hideLoading', opts, {});
    },
    showModal(opts) {
      record('showModal', [opts]);
      const a = take('showModal') ?? { confirm: true };
      done('showModal', opts, a.confirm ? { confirm: true, cancel: false, content: a.content } : { confirm: false, cancel: true });
    },
    showActionSheet(opts) {
      record('showActionSheet', [opts]);
      const a = mustTake('showActionSheet');
      if (a.cancel) return fail('showActionSheet', opts, 'cancel');
      done('showActionSheet', opts, { tapIndex: a.tapIndex });
    },
    // the tab bar badge (WeChat: index within the tabBar list; text of at most 3 half-width characters shows in full)
    setTabBarBadge(opts) {
      record('setTabBarBadge', [opts]);
      if (!(opts.index >= 0 && opts.index < tabPages.size)) return fail('setTabBarBadge', opts, 'tabbar item not found');
      if (typeof opts.text !== 'string') return fail('setTabBarBadge', opts, 'parameter.text should be String');
      state.tabBadges[opts.index] = opts.text;
      done('setTabBarBadge', opts, {});
    },
    removeTabBarBadge(opts) {
      record('removeTabBarBadge', [opts]);
      if (!(opts.index >= 0 && opts.index < tabPages.size)) return fail('removeTabBarBadge', opts, 'tabbar item not found');
      delete state.tabBadges[opts.index];
      done('removeTabBarBadge', opts, {});
    },
    setNavigationBarTitle(opts) {
      record('setNavigationBarTitle', [opts]);
      done('setNavigationBarTitle', opts, {});
    },
    stopPullDownRefresh(opts) {
      done('stopPullDownRefresh', opts, {});
    },
    pageScrollTo(opts) {
      done('pageScrollTo', opts, {});
    },

    // ---- navigation (checked here, carried out by the harness router)
    navigateTo: navigate('navigateTo'),
    redirectTo: navigate('redirectTo'),
    reLaunch: navigate('reLaunch'),
    switchTab: navigate('switchTab'),
    navigateBack: navigate('navigateBack'),
  };

  /** The user tapped the agree button: WeChat records the consent. */
  const agreeByButton = (id) => {
    record('agreePrivacyAuthorization', [{ buttonId: id }]);
    if (id) state.agreeButtonIds.add(id);
    state.privacyAgreed = true;
  };

  return { impl, state, agreeByButton };
}

/**
 * Wraps the object miniprogram-simulate built (its mocks merged under ours) so that only our
 * implementations answer. Keys stay enumerable (Taro builds Taro.X from Object.keys(wx)); calling
 * one we do not implement records it and throws, naming the API.
 * `runtimeInfo` lists the read-only device facts Taro's runtime reads at start (system info …),
 * which simulate's mock answers with a fixed iPhone profile.
 */
const RUNTIME_INFO = new Set([
  'getSystemInfoSync', 'getWindowInfo', 'getDeviceInfo', 'getAppBaseInfo', 'getSystemSetting', 'getAppAuthorizeSetting',
  'canIUse', 'getMenuButtonBoundingClientRect', 'getLaunchOptionsSync', 'getEnterOptionsSync', 'getAccountInfoSync',
  'createSelectorQuery', 'createIntersectionObserver', 'nextTick', 'onAppShow', 'onAppHide', 'offAppShow', 'offAppHide',
  'onError', 'onUnhandledRejection', 'onPageNotFound', 'onWindowResize', 'offWindowResize', 'getUpdateManager', 'onMemoryWarning',
  'createMapContext', 'env', 'getPerformance', 'reportPerformance', 'onLazyLoadError', 'onThemeChange',
]);

export function lockDown(merged, { impl, state }) {
  const wrappers = new Map();
  return new Proxy(merged, {
    get(target, key) {
      if (typeof key !== 'string') return target[key];
      if (key === 'webpackJsonp' || !Object.prototype.hasOwnProperty.call(target, key)) return target[key];
      if (Object.prototype.hasOwnProperty.call(impl, key)) return impl[key];
      if (RUNTIME_INFO.has(key)) {
        const v = target[key];
        if (typeof v !== 'function') return v;
        return (...args) => {
          state.calls.push({ api: key, args: [] });
          return v.apply(target, args);
        };
      }
      const v = target[key];
      if (typeof v !== 'function') return v;
      if (!wrappers.has(key)) {
        wrappers.set(key, () => {
          const reason = `wx.${key} is not in the test shim: the app called it, so the shim must answer it the way WeChat documents`;
          state.unknown.push({ api: key, reason });
          throw new Error(reason);
        });
      }
      return wrappers.get(key);
    },
    set(target, key, value) {
      target[key] = value;
      return true;
    },
  });
}
