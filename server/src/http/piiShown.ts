import type { PiiSubject } from '../domain/privacy/piiAccess';

/**
 * The people a response showed, when the response itself does not say (a download, or rows whose
 * real name was not set): the handler attaches them, the route's `pii.subjects` reads them back
 * with piiShownOf. Nothing of it reaches the response body.
 */
const shown = new WeakMap<object, PiiSubject[]>();

export function withPii<T extends object>(result: T, subjects: PiiSubject[]): T {
  shown.set(result, subjects);
  return result;
}

export const piiShownOf = (result: unknown): PiiSubject[] => (result !== null && typeof result === 'object' ? shown.get(result) : undefined) ?? [];
