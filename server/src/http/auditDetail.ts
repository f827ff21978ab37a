/**
 * Facts an audit describer needs that the response does not carry (e.g. whose redemption was
 * fulfilled): the handler attaches them to the object it returns, the describer reads them back.
 * Nothing here reaches the response body.
 */
const details = new WeakMap<object, Record<string, unknown>>();

export function withAuditDetail<T extends object>(result: T, detail: Record<string, unknown>): T {
  details.set(result, detail);
  return result;
}

export const auditDetailOf = (result: unknown): Record<string, unknown> => (result !== null && typeof result === 'object' ? details.get(result) : undefined) ?? {};
