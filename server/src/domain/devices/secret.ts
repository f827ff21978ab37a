import { randomBytes } from 'node:crypto';
import { decryptPhone, encryptPhone } from '../auth/phone';

/** A new device key (names its topics) and secret (signs its messages). */
export function newDeviceCredentials() {
  return { deviceKey: `d${randomBytes(10).toString('hex')}`, secret: randomBytes(24).toString('hex') };
}

/** Device secrets are stored like phone numbers: AES-256-GCM under PII_KEY. */
export const sealSecret = (secret: string, key: string) => encryptPhone(secret, key);
export const openSecret = (blob: string, key: string) => decryptPhone(blob, key);

export const topicsOf = (deviceKey: string) => ({
  telemetry: `xfh/v1/devices/${deviceKey}/telemetry`,
  status: `xfh/v1/devices/${deviceKey}/status`,
});
