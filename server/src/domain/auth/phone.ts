import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

/** Mainland mobile numbers: 11 digits starting with 1. */
export const PHONE_RE = /^1[3-9]\d{9}$/;

export const maskPhone = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;

/** Keyed hash used to find a user by phone without storing the number in clear. */
export const hashPhone = (phone: string, key: string) => createHmac('sha256', key).update(`phone:${phone}`).digest('hex');

const aesKey = (key: string) => createHash('sha256').update(`pii:${key}`).digest();

/** AES-256-GCM, base64url(iv|tag|ciphertext): staff may need to call a senior back. */
export function encryptPhone(phone: string, key: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', aesKey(key), iv);
  const enc = Buffer.concat([c.update(phone, 'utf8'), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), enc]).toString('base64url');
}

export function decryptPhone(blob: string, key: string): string {
  const buf = Buffer.from(blob, 'base64url');
  const d = createDecipheriv('aes-256-gcm', aesKey(key), buf.subarray(0, 12));
  d.setAuthTag(buf.subarray(12, 28));
  return Buffer.concat([d.update(buf.subarray(28)), d.final()]).toString('utf8');
}
