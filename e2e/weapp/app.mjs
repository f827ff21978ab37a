// Runs the BUILT mini-program (dist/weapp) in Node: jsdom + miniprogram-simulate + our `wx` shim
// (wx.mjs). app.js is loaded first (it pulls in common, vendors, taro and runtime), then every
// page is loaded from its own files with simulate.load(route, {rootPath, compiler: 'official'})
// (WeChat's wcc compiles the WXML). `Page(options)` becomes simulate's `Component`; the harness
// keeps WeChat's page stack and carries out navigateTo / redirectTo / reLaunch / switchTab /
// navigateBack. Taps and inputs are dispatched on the rendered nodes through exparser, the way
// WeChat's view layer delivers them.
//
// One process holds one WeChat client: storage lives across pages and relaunches; relaunch()
// kills the app's JS (all modules and memory) and starts it again, as closing and reopening the
// mini-program does.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createWx, lockDown } from './wx.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const require = createRequire(import.meta.url);
export const WEAPP_DIR = path.resolve(process.env.WEAPP_DIR || path.join(root, 'dist', 'weapp'));
/** The server the tests run against (e2e/weapp/run.mjs sets it). */
export const API_URL = (process.env.WEAPP_API_URL || 'http://127.0.0.1:3000').replace(/\/$/, '');
/** The origin baked into the build (TARO_APP_API_BASE of the build): requests to it reach API_URL. */
export const BUILT_ORIGIN = (process.env.WEAPP_BUILT_ORIGIN || 'http://127.0.0.1:3000').replace(/\/$/, '');

let installed = null;

/** jsdom globals first, with jsdom's own Event classes (taps fail with Node's). */
function installDom() {
  const { JSDOM } = require('jsdom');
  const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true, url: 'http://localhost/' });
  const w = dom.window;
  global.window = w;
  global.document = w.document;
  for (const k of ['Event', 'CustomEvent', 'Element', 'HTMLElement', 'Node', 'TouchEvent', 'EventTarget', 'MutationObserver', 'NodeList', 'Text', 'DocumentFragment', 'HTMLCollection', 'getComputedStyle']) {
    Object.defineProperty(global, k, { value: w[k], configurable: true, writable: true });
  }
  if (!global.navigator) Object.defineProperty(global, 'navigator', { value: w.navigator, configurable: true });
}

function install() {
  if (installed) return installed;
  installDom();
  const router = { handle: () => ({ error: 'no app' }) };
  const shim = createWx({ weappDir: WEAPP_DIR, router: (nav) => router.handle(nav) });
  // Requests go where a phone would send them: the origin baked into the build, nothing else.
  const realRequest = shim.impl.request;
  shim.impl.request = (opts) => {
    const url = String(opts.url ?? '');
    if (!url.startsWith(`${BUILT_ORIGIN}/`)) {
      shim.state.unknown.push({ api: 'request', reason: `wx.request to ${url}: not the build's API origin ${BUILT_ORIGIN}` });
      queueMicrotask(() => opts.fail?.({ errMsg: 'request:fail url not in domain list' }));
      return { abort() {} };
    }
    return realRequest({ ...opts, url: API_URL + url.slice(BUILT_ORIGIN.length) });
  };
  const realUpload = shim.impl.uploadFile;
  shim.impl.uploadFile = (opts) => {
    const url = String(opts.url ?? '');
    if (!url.startsWith(`${BUILT_ORIGIN}/`)) {
      shim.state.unknown.push({ api: 'uploadFile', reason: `wx.uploadFile to ${url}: not the build's API origin ${BUILT_ORIGIN}` });
      queueMicrotask(() => opts.fail?.({ errMsg: 'uploadFile:fail url not in domain list' }));
      return { abort() {} };
    }
    return realUpload({ ...opts, url: API_URL + url.slice(BUILT_ORIGIN.length) });
  };
  global.wx = { ...shim.impl };
  const simulate = require('miniprogram-simulate');
  const merged = global.wx; // simulate's mocks with ours on top
  global.wx = lockDown(merged, shim);
  const exparser = require(require.resolve('miniprogram-exparser', { paths: [path.dirname(require.resolve('j-component'))] }));
  // simulate's built-in <button> has no properties; WeChat's open-type matters (privacy consent).
  require('j-component').register({ id: 'button', tagName: 'wx-button', template: '<slot/>', properties: { openType: { type: String, value: '' }, disabled: { type: null, value: false } } });
  // …nor does its <map>: the markers and circle WeChat would draw are what the test reads.
  require('j-component').register({ id: 'map', tagName: 'wx-map', template: '<slot/>', properties: { markers: { type: Array, value: [] }, circles: { type: Array, value: [] }, latitude: { type: null, value: 0 }, longitude: { type: null, value: 0 }, scale: { type: null, value: 16 } } });
  // …and its <image> keeps no src: a QR code on screen must be readable by the test's "camera".
  require('j-component').register({ id: 'image', tagName: 'wx-image', template: '<slot/>', properties: { src: { type: String, value: '' }, mode: { type: String, value: '' } } });
  installed = { simulate, shim, merged, router, exparser, appSeq: 0 };
  return installed;
}

const privacyVersion = () => {
  const src = readFileSync(path.join(root, 'miniapp', 'stores', 'privacy.ts'), 'utf8');
  const m = src.match(/PRIVACY_VERSION = '([^']+)'/);
  if (!m) throw new Error('PRIVACY_VERSION not found in miniapp/stores/privacy.ts');
  return m[1];
};

/** Signs in through the dev login (the server runs with DEV_LOGIN=1) and returns the token pair. */
export async function devLogin(phone) {
  const res = await fetch(`${API_URL}/api/v1/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone }) });
  const body = await res.json();
  if (res.status !== 200) throw new Error(`dev login ${phone}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

/** Calls the API directly (to set up data or to check what the app did). */
export async function api(method, p, { token, body } = {}) {
  const res = await fetch(`${API_URL}/api/v1${p}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let data = text;
  try {
    data = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body: data };
}

/** The WeChat stand-in (through e2e/weapp/run.mjs's control endpoint). */
export const standIn = {
  async calls() {
    const res = await fetch(`${process.env.WEAPP_STANDIN_CONTROL}/calls`);
    return (await res.json()).calls;
  },
  async sent() {
    const res = await fetch(`${process.env.WEAPP_STANDIN_CONTROL}/calls`);
    return (await res.json()).sent;
  },
  async set(state) {
    await fetch(`${process.env.WEAPP_STANDIN_CONTROL}/state`, { method: 'POST', body: JSON.stringify(state) });
  },
};

export const TEMPLATES = JSON.parse(process.env.WEAPP_TEMPLATES || '{}');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The deepest elements whose text contains `text` (the nodes a finger would land on). */
function findByText(rootEl, text) {
  const all = [...rootEl.querySelectorAll('*')].filter((el) => (text instanceof RegExp ? text.test(el.textContent) : el.textContent.includes(text)));
  return all.filter((el) => ![...el.children].some((c) => all.includes(c)));
}

class PageHandle {
  constructor(app, route, query, comp) {
    this.app = app;
    this.route = route;
    this.query = query;
    this.comp = comp;
    this.instance = null;
  }

  get dom() {
    return this.comp.dom;
  }

  text() {
    return this.dom.textContent.replace(/\s+/g, ' ').trim();
  }

  /** The src of every <image> on the page. */
  imageSources() {
    return [...this.dom.querySelectorAll('wx-image')].map((el) => el.__wxElement?.__propData?.src).filter(Boolean);
  }

  /** The properties of a rendered node (exparser's view: what WeChat's component receives). */
  async props(target) {
    const el = await this.find(target);
    return el.__wxElement?.__propData ?? {};
  }

  /** Fires a component event (e.g. 'markertap' with {markerId}) on the node, as WeChat would. */
  async trigger(target, type, detail = {}) {
    this.fire(await this.find(target), type, detail);
    await this.app.settle();
  }

  /** Elements whose exparser id starts with the prefix (e.g. 'activity-'). */
  idsStartingWith(prefix) {
    return [...this.dom.querySelectorAll('*')].map((el) => el.__wxElement?.id).filter((id) => typeof id === 'string' && id.startsWith(prefix));
  }

  /** An element by #id, or the deepest element containing the text, or null. */
  lookup(target) {
    if (typeof target === 'string' && target.startsWith('#')) {
      // exparser keeps the id on its node, not as a DOM attribute
      const id = target.slice(1);
      return [...this.dom.querySelectorAll('*')].find((el) => el.__wxElement?.id === id) ?? null;
    }
    return findByText(this.dom, target)[0] ?? null;
  }

  /** Waits (like a person looking at the screen) until the element is there; throws after timeout. */
  async find(target, { timeout = 10000 } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const el = this.lookup(target);
      if (el) return el;
      if (Date.now() > deadline) throw new Error(`${this.route}: no element ${target} after ${timeout} ms. Page text: ${this.text().slice(0, 600)}`);
      await sleep(25);
    }
  }

  has(target) {
    return this.lookup(target) !== null;
  }

  fire(el, type, detail = {}) {
    const { exparser, shim } = this.app.env;
    if (!el.__wxElement) throw new Error(`${this.route}: element is not a rendered mini-program node`);
    shim.state.inTap = type === 'tap';
    if (type === 'tap') {
      // A tap on <button open-type="agreePrivacyAuthorization"> is WeChat's privacy consent.
      for (let e = el; e; e = e.parentElement) {
        if (e.tagName?.toLowerCase() === 'wx-button') {
          if (e.__wxElement?.__propData?.openType === 'agreePrivacyAuthorization') shim.agreeByButton(e.__wxElement.id);
          break;
        }
      }
    }
    try {
      exparser.Event.dispatchEvent(
        el.__wxElement,
        exparser.Event.create(type, detail, { bubbles: true, capturePhase: true, composed: true, extraFields: { touches: [], changedTouches: [] } }),
      );
    } finally {
      shim.state.inTap = false;
    }
  }

  /** A tap on the node (by #id or text); the app's handler runs as in WeChat. */
  async tap(target) {
    this.app.taps++;
    this.fire(await this.find(target), 'tap', { x: 0, y: 0 });
    await this.app.settle();
  }

  /** Types into an input/textarea (by #id, or the input inside the element found by text). */
  async input(target, value) {
    let el = await this.find(target);
    if (!/^wx-(input|textarea)$/i.test(el.tagName)) el = el.querySelector('wx-input, wx-textarea') ?? el;
    this.fire(el, 'input', { value, cursor: value.length, keyCode: 0 });
    await this.app.settle();
  }
}

export class WeappApp {
  constructor(env) {
    this.env = env;
    this.stack = [];
    this.tabs = new Map();
    this.loaded = new Map();
    this.taps = 0;
    this.errors = [];
    this.pendingNav = 0;
    this.timers = new Set();
  }

  get wx() {
    return this.env.shim.state;
  }

  /** Calls the app made to `api` (e.g. 'scanCode'), in order. */
  calls(apiName) {
    return this.wx.calls.filter((c) => c.api === apiName).map((c) => c.args?.[0]);
  }

  /** Queues WeChat's answer to the next call of apiName: e.g. answer('scanCode', {result}), answer('showModal', {confirm: false}). */
  answer(apiName, a) {
    const q = this.wx.queued.get(apiName) ?? [];
    q.push(a);
    this.wx.queued.set(apiName, q);
  }

  get page() {
    return this.stack[this.stack.length - 1] ?? null;
  }

  /** Device state of a user who signed in before (tokens + accepted privacy notice on the phone). */
  async signInAs(phone) {
    const t = await devLogin(phone);
    this.wx.storage.set('xfh.tokens', { accessToken: t.accessToken, refreshToken: t.refreshToken });
    this.wx.storage.set('xfh.privacyConsent', { version: privacyVersion(), acceptedAt: new Date().toISOString(), recordedFor: t.user.id });
    // WeChat remembers the user agreed to the privacy notice on this phone.
    this.wx.privacyAgreed = true;
    return t;
  }

  boot() {
    const { simulate, router } = this.env;
    const before = new Set(Object.keys(require.cache));
    this.trackTimers();
    let appConfig = null;
    global.App = (cfg) => {
      appConfig = cfg;
    };
    global.getApp = () => appConfig;
    global.getCurrentPages = () => this.stack.map((p) => p.instance).filter(Boolean);
    // simulate calls the page's lifecycle with its own `this`: the harness is reached through `self`
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- see above
    const self = this;
    global.Page = (options) => {
      const methods = {};
      const data = options.data ?? {};
      for (const [k, v] of Object.entries(options)) if (typeof v === 'function') methods[k] = v;
      global.Component({
        data,
        options: { addGlobalClass: true },
        methods,
        lifetimes: {
          attached() {
            const handle = self.attaching;
            handle.instance = this;
            const setData = this.setData;
            this.setData = function (d, cb) {
              self.lastRender = Date.now();
              return setData.call(this, d, cb);
            };
            this.route = handle.route;
            this.__route__ = handle.route;
            this.options = handle.query;
            try {
              this.onLoad?.({ ...handle.query });
              this.onShow?.();
              this.onReady?.();
            } catch (e) {
              self.errors.push(`${handle.route}: ${e.stack ?? e}`);
            }
          },
        },
      });
    };
    router.handle = (nav) => this.navigate(nav);
    require(path.join(WEAPP_DIR, 'app.js'));
    if (!appConfig) throw new Error('dist/weapp/app.js did not call App()');
    this.appConfig = appConfig;
    this.appModules = Object.keys(require.cache).filter((k) => !before.has(k) && k.startsWith(WEAPP_DIR));
    void simulate;
  }

  trackTimers() {
    if (global.__xfhTimersPatched) return;
    global.__xfhTimersPatched = true;
    const origSetInterval = global.setInterval;
    const origClearInterval = global.clearInterval;
    const live = (global.__xfhIntervals = new Set());
    global.setInterval = (...args) => {
      const id = origSetInterval(...args);
      live.add(id);
      return id;
    };
    global.clearInterval = (id) => {
      live.delete(id);
      return origClearInterval(id);
    };
  }

  /** Starts the app at `url` (like opening it from a chat at that path). */
  async launch(url = '/pages/home/index') {
    const { route, query } = parseUrl(url);
    this.boot();
    const opts = { path: route, query, scene: 1001, referrerInfo: {} };
    this.appConfig.onLaunch?.(opts);
    this.appConfig.onShow?.(opts);
    await this.show(route, query, 'reLaunch');
    return this.page;
  }

  /** Closes the mini-program (all JS state goes) and opens it again; storage stays. */
  async relaunch(url = '/pages/home/index') {
    this.closePages();
    for (const id of global.__xfhIntervals ?? []) clearInterval(id);
    for (const k of Object.keys(require.cache)) if (k.startsWith(WEAPP_DIR)) delete require.cache[k];
    this.env.merged.webpackJsonp = undefined;
    this.loaded.clear();
    return this.launch(url);
  }

  closePages() {
    for (const p of [...this.stack, ...this.tabs.values()]) this.unload(p);
    this.stack = [];
    this.tabs.clear();
  }

  unload(p) {
    if (p.unloaded) return;
    p.unloaded = true;
    try {
      p.instance?.onUnload?.();
    } catch (e) {
      this.errors.push(`${p.route} onUnload: ${e.stack ?? e}`);
    }
    try {
      p.comp.detach();
    } catch {
      // already detached
    }
  }

  hide(p) {
    try {
      p?.instance?.onHide?.();
    } catch (e) {
      this.errors.push(`${p.route} onHide: ${e.stack ?? e}`);
    }
  }

  reshow(p) {
    try {
      p.instance?.onShow?.();
    } catch (e) {
      this.errors.push(`${p.route} onShow: ${e.stack ?? e}`);
    }
  }

  async create(route, query) {
    const { simulate } = this.env;
    let id = this.loaded.get(route);
    if (!id) {
      try {
        id = simulate.load(path.join(WEAPP_DIR, route), { rootPath: WEAPP_DIR, compiler: 'official' });
      } catch (e) {
        throw new Error(`${route}: could not be loaded: ${e.stack ?? e.message}`);
      }
      this.loaded.set(route, id);
    }
    const comp = simulate.render(id);
    const handle = new PageHandle(this, route, query, comp);
    const parent = document.createElement('div');
    document.body.appendChild(parent);
    this.attaching = handle;
    comp.attach(parent);
    this.attaching = null;
    return handle;
  }

  async show(route, query, type) {
    const isTab = (this.appJson().tabBar?.list ?? []).some((t) => t.pagePath === route);
    if (type === 'navigateTo') {
      if (this.stack.length >= 10) return { error: 'webview count limit exceed' };
      this.hide(this.page);
      this.stack.push(await this.create(route, query));
    } else if (type === 'redirectTo') {
      const top = this.stack.pop();
      if (top) this.unload(top);
      this.stack.push(await this.create(route, query));
    } else if (type === 'switchTab') {
      for (const p of this.stack) if (!this.tabs.has(p.route) || this.tabs.get(p.route) !== p) this.unload(p);
      else this.hide(p);
      let tab = this.tabs.get(route);
      if (tab) {
        this.stack = [tab];
        this.reshow(tab);
      } else {
        tab = await this.create(route, query);
        this.tabs.set(route, tab);
        this.stack = [tab];
      }
    } else {
      // reLaunch
      this.closePages();
      const p = await this.create(route, query);
      if (isTab) this.tabs.set(route, p);
      this.stack = [p];
    }
    return {};
  }

  navigate(nav) {
    this.pendingNav++;
    const run = async () => {
      try {
        if (nav.type === 'navigateBack') {
          if (this.stack.length <= 1) return { error: 'cannot navigate back at first page.' };
          for (let i = 0; i < nav.delta && this.stack.length > 1; i++) this.unload(this.stack.pop());
          this.reshow(this.page);
          return {};
        }
        return await this.show(nav.route, nav.query, nav.type);
      } catch (e) {
        this.errors.push(`${nav.type} ${nav.route}: ${e.stack ?? e}`);
        return { error: e.message };
      } finally {
        this.pendingNav--;
      }
    };
    // WeChat answers the navigation call after the new page is created; the shim waits for it.
    const r = { error: null };
    const p = run().then((x) => Object.assign(r, x));
    this.navPromises = (this.navPromises ?? []).concat(p);
    return undefined;
  }

  appJson() {
    if (!this._appJson) this._appJson = JSON.parse(readFileSync(path.join(WEAPP_DIR, 'app.json'), 'utf8'));
    return this._appJson;
  }

  /** Waits until no request and no navigation is in flight, and nothing changed for a moment. */
  async settle({ timeout = 15000, quiet = 60 } = {}) {
    const deadline = Date.now() + timeout;
    let calm = 0;
    while (Date.now() < deadline) {
      await sleep(20);
      if (this.wx.pendingRequests === 0 && this.pendingNav === 0 && Date.now() - (this.lastRender ?? 0) >= quiet) {
        calm += 20;
        if (calm >= quiet) return;
      } else calm = 0;
    }
    throw new Error(`app did not settle in ${timeout} ms (requests ${this.wx.pendingRequests}, navigations ${this.pendingNav})`);
  }

  /** Waits until the current page's text passes the check (a string it contains, a RegExp, or a function). */
  async waitFor(check, { timeout = 10000 } = {}) {
    const test = typeof check === 'function' ? check : (t) => (check instanceof RegExp ? check.test(t) : t.includes(check));
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
      const p = this.page;
      if (p && test(p.text(), p)) return p;
      await sleep(25);
    }
    throw new Error(`waited ${timeout} ms for ${check} on ${this.page?.route}; page text: ${this.page?.text().slice(0, 600)}`);
  }

  /** Waits until the current page is `route`. */
  async waitForRoute(route, { timeout = 10000 } = {}) {
    const r = route.replace(/^\//, '');
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
      if (this.page?.route === r && this.pendingNav === 0) return this.page;
      await sleep(20);
    }
    throw new Error(`waited ${timeout} ms for page ${r}; on ${this.page?.route}; stack ${this.stack.map((p) => p.route).join(' > ')}`);
  }

  /** A tap on the native tab bar (it is WeChat's, not in the page's WXML): switchTab by its text. */
  async tapTab(text) {
    const item = (this.appJson().tabBar?.list ?? []).find((t) => t.text === text);
    if (!item) throw new Error(`no tab ${text} in app.json`);
    this.taps++;
    this.wx.calls.push({ api: 'tabBar', args: [{ text }] });
    this.navigate({ type: 'switchTab', route: item.pagePath, query: {} });
    await this.settle();
    return this.waitForRoute(item.pagePath);
  }

  /** Problems to fail the test with: unknown wx APIs called, exceptions in page lifecycles. */
  problems() {
    return [...this.wx.unknown.map((u) => u.reason), ...this.errors];
  }

  close() {
    this.closePages();
    for (const id of global.__xfhIntervals ?? []) clearInterval(id);
  }
}

/**
 * Reads a QR code from a data:image/png URL, as a phone camera pointed at the screen would (the
 * screen around the picture is the white quiet zone the decoder wants; tried at a few scales).
 */
export async function readQr(dataUrl) {
  const { PNG } = require('pngjs');
  const QrReader = require('qrcode-reader');
  const png = PNG.sync.read(Buffer.from(String(dataUrl).split(',')[1] ?? '', 'base64'));
  const attempt = (scale, pad, rotate) => {
    const w = Math.round(png.width * scale) + 2 * pad;
    const h = Math.round(png.height * scale) + 2 * pad;
    const data = Buffer.alloc(w * h * 4, 255);
    for (let y = 0; y < h - 2 * pad; y++) {
      for (let x = 0; x < w - 2 * pad; x++) {
        let sx = Math.min(png.width - 1, Math.floor(x / scale));
        let sy = Math.min(png.height - 1, Math.floor(y / scale));
        if (rotate) [sx, sy] = [sy, png.width - 1 - sx];
        png.data.copy(data, ((y + pad) * w + x + pad) * 4, (sy * png.width + sx) * 4, (sy * png.width + sx) * 4 + 4);
      }
    }
    return new Promise((resolve, reject) => {
      const r = new QrReader();
      r.callback = (err, v) => (err || !v ? reject(err ?? new Error('no QR code')) : resolve(v.result));
      try {
        r.decode({ width: w, height: h, data });
      } catch (e) {
        reject(e);
      }
    });
  };
  let last;
  const tries = [];
  for (const rotate of [false, true]) for (const scale of [1, 0.5, 0.75, 1.5, 0.9, 1.25, 0.6, 2]) tries.push([scale, Math.round(40 * scale), rotate]);
  for (const [scale, pad, rotate] of tries) {
    try {
      return await attempt(scale, pad, rotate);
    } catch (e) {
      last = e;
    }
  }
  throw new Error(`could not read the QR code on screen: ${last?.message ?? last}`);
}

function parseUrl(url) {
  const [p, q = ''] = url.split('?');
  return { route: p.replace(/^\//, ''), query: Object.fromEntries(new URLSearchParams(q)) };
}

/** The one WeChat client of this process. */
export function createApp() {
  const env = install();
  return new WeappApp(env);
}

/** Every page of the built app.json: [{route, root}] (root is the subpackage root, '' for the main package). */
export function appPages() {
  const app = JSON.parse(readFileSync(path.join(WEAPP_DIR, 'app.json'), 'utf8'));
  const out = app.pages.map((p) => ({ route: p, root: '' }));
  for (const sp of app.subPackages ?? app.subpackages ?? []) {
    const r = sp.root.replace(/\/$/, '');
    for (const p of sp.pages) out.push({ route: `${r}/${p}`, root: r });
  }
  return out;
}
