import { ConfigError, loadConfig } from '../../config';

describe('MQTT configuration', () => {
  it('defaults to the embedded broker on 1884', () => {
    const c = loadConfig({});
    expect(c.MQTT_URL).toBeUndefined();
    expect(c.MQTT_PORT).toBe(1884);
    expect(loadConfig({ MQTT_URL: '' }).MQTT_URL).toBeUndefined();
  });
  it('takes an mqtt:// URL and rejects anything else with one line naming the variable', () => {
    expect(loadConfig({ MQTT_URL: 'mqtt://127.0.0.1:1883' }).MQTT_URL).toBe('mqtt://127.0.0.1:1883');
    expect(() => loadConfig({ MQTT_URL: 'http://broker' })).toThrow(ConfigError);
    expect(() => loadConfig({ MQTT_URL: 'http://broker' })).toThrow(/^Invalid configuration: MQTT_URL: /);
    expect(() => loadConfig({ MQTT_PORT: '70000' })).toThrow(/^Invalid configuration: MQTT_PORT: /);
    expect(() => loadConfig({ DEVICE_RATE_LIMIT: '0' })).toThrow(/^Invalid configuration: DEVICE_RATE_LIMIT: /);
  });
  it('ingests unless IOT_INGEST=0 (an API-only replica)', () => {
    expect(loadConfig({}).IOT_INGEST).toBe(true);
    expect(loadConfig({ IOT_INGEST: '0' }).IOT_INGEST).toBe(false);
  });
});
