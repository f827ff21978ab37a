import { z } from 'zod';
import { AlertItem, AlertList, AlertQuery, AlertSummary, ConsentBody, DeviceList, LiveComplex, Occupancy, QuietHomeBody, QuietHomeStatus, RegisterDeviceBody, RegisteredDevice, ResolveBody } from '../../../../shared/api/devices';
import { ackAlert, presentAlert, resolveAlert } from '../../domain/devices/alerts';
import { answerConsent, quietHomeStatus, setQuietHome } from '../../domain/devices/quietHome';
import { alertSummary, devicePage, listAlerts, liveStatus, occupancyOf, registerDevice } from '../../domain/devices/registry';
import { IdParams, route, zId } from '../../http/route';

const TAGS = ['devices'];
const STAFF = ['worker', 'street_admin', 'district_admin'] as const;
const SeniorParams = z.object({ seniorId: zId });
const AlertOut = AlertItem;

export default [
  route({
    method: 'post',
    path: '/api/v1/complexes/:id/devices',
    summary: '登记设备（密钥只显示这一次）',
    description:
      'Staff of the complex. 201 `{id, deviceKey, secret, topics}`. The device publishes `{ts, value, sig}` to `topics.telemetry`, `sig` = hex HMAC-SHA256 of `ts + "|" + JSON.stringify(value)` keyed with `secret`, and `online`/`offline` (retained, its last will) to `topics.status`. `people_counter` needs `spaceId`; `elder_motion` may name the senior (`seniorId`) for 亲情守护.',
    tags: TAGS,
    auth: STAFF,
    params: IdParams,
    body: RegisterDeviceBody,
    status: 201,
    response: RegisteredDevice,
    transaction: true,
    audit: ({ params, body, result }) => ({ action: 'device.register', targetType: 'device', targetId: (result as { id: number }).id, detail: { complexId: params.id, kind: body.kind } }),
    handler: ({ tx, user, params, body, deps }) => registerDevice(tx, user, params.id, body, deps.config.PII_KEY),
  }),
  route({
    method: 'get',
    path: '/api/v1/complexes/:id/devices',
    summary: '综合体的设备：状态、最新数值、最近上报、被拒消息数',
    description: '`unregistered`: messages dropped because they named no registered device (unknown key or topic), for the whole server, by reason.',
    tags: TAGS,
    auth: STAFF,
    params: IdParams,
    response: DeviceList,
    handler: ({ user, params, deps }) => devicePage(deps.db, user, params.id),
  }),
  route({
    method: 'get',
    path: '/api/v1/complexes/:id/iot-live',
    summary: '综合体实时状态：设备在线/离线与未处理告警',
    tags: TAGS,
    auth: STAFF,
    params: IdParams,
    response: LiveComplex,
    handler: ({ user, params, deps }) => liveStatus(deps.db, user, params.id),
  }),
  route({
    method: 'get',
    path: '/api/v1/complexes/:id/alerts',
    summary: '设备告警列表',
    description: 'Rules: smoke at once; a door open > 10 min outside opening hours; temperature outside 5–35 °C; offline > 5 min (last will or silence). One alert per rule episode until resolved.',
    tags: TAGS,
    auth: STAFF,
    params: IdParams,
    query: AlertQuery,
    response: AlertList,
    handler: async ({ user, params, query, deps }) => ({ items: await listAlerts(deps.db, user, params.id, query.status) }),
  }),
  route({
    method: 'get',
    path: '/api/v1/me/iot-alerts/summary',
    summary: '我管理的综合体中未处理的设备告警数（工作台角标）',
    tags: TAGS,
    auth: STAFF,
    description: '`subscribeTemplateId`: the WeChat template of alert messages (null when not configured); allow it with wx.requestSubscribeMessage, then POST /me/subscriptions.',
    response: AlertSummary,
    handler: async ({ user, deps }) => ({ ...(await alertSummary(deps.db, user)), subscribeTemplateId: deps.config.WECHAT_TPL_IOT_ALERT || null }),
  }),
  route({
    method: 'post',
    path: '/api/v1/alerts/:id/ack',
    summary: '确认告警（记录确认人和时间）',
    description: '409 `alert_not_open` when already acked or resolved.',
    tags: TAGS,
    auth: STAFF,
    params: IdParams,
    response: AlertOut,
    transaction: true,
    audit: ({ params }) => ({ action: 'alert.ack', targetType: 'device_alert', targetId: params.id }),
    handler: async ({ tx, user, params, deps }) => {
      const a = await ackAlert(tx, user, params.id, deps.clock.now());
      return presentAlert(a, '');
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/alerts/:id/resolve',
    summary: '告警处理完毕（记录处理人、时间和说明）',
    description: 'Ends the rule episode: the same condition afterwards opens a new alert. 409 `alert_resolved` when already resolved.',
    tags: TAGS,
    auth: STAFF,
    params: IdParams,
    body: ResolveBody,
    response: AlertOut,
    transaction: true,
    audit: ({ params, body }) => ({ action: 'alert.resolve', targetType: 'device_alert', targetId: params.id, detail: { hasNote: !!body.note } }),
    handler: async ({ tx, user, params, body, deps }) => {
      const a = await resolveAlert(tx, user, params.id, deps.clock.now(), body.note);
      return presentAlert(a, '');
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/spaces/:id/occupancy',
    summary: '场地现在的人数（人流计数器）',
    description: '`{count, capacity, full, updatedAt}`; 404 when the space has no people counter.',
    tags: TAGS,
    params: IdParams,
    response: Occupancy,
    handler: ({ params, deps }) => occupancyOf(deps.db, params.id),
  }),
  route({
    method: 'get',
    path: '/api/v1/family/:seniorId/quiet-home',
    summary: '亲情守护状态',
    description: 'The senior, a linked family member, or staff of the senior\'s complex; anyone else 404.',
    tags: TAGS,
    params: SeniorParams,
    response: QuietHomeStatus,
    handler: ({ user, params, deps }) => quietHomeStatus(deps.db, user, params.seniorId),
  }),
  route({
    method: 'put',
    path: '/api/v1/family/:seniorId/quiet-home',
    summary: '开启或关闭亲情守护',
    description:
      'The senior turns it on (their consent, recorded) or off (revocation, recorded). A linked family member\'s "on" is a request (`pending_consent`) until the senior consents with `PUT /me/quiet-home/consent`. Audited, with who acted for whom.',
    tags: TAGS,
    params: SeniorParams,
    body: QuietHomeBody,
    response: QuietHomeStatus,
    transaction: true,
    audit: { none: 'setQuietHome writes its own entry with onBehalfOf' },
    handler: async ({ tx, user, params, body, deps, facts }) => {
      await setQuietHome(tx, user, params.seniorId, body, deps.clock.now(), facts);
      return quietHomeStatus(tx, user, params.seniorId);
    },
  }),
  route({
    method: 'put',
    path: '/api/v1/me/quiet-home/consent',
    summary: '长辈同意或拒绝家人开启亲情守护的申请',
    description: '409 `no_pending_request` when there is none; `granted: false` on an active watch revokes it.',
    tags: TAGS,
    body: ConsentBody,
    response: QuietHomeStatus,
    transaction: true,
    audit: { none: 'answerConsent writes its own entry' },
    handler: async ({ tx, user, body, deps, facts }) => {
      await answerConsent(tx, user, body.granted, deps.clock.now(), facts);
      return quietHomeStatus(tx, user, user.id);
    },
  }),
];
