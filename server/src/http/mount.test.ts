import { z } from 'zod';
import { allRoutes } from '../routes';
import { checkSpec } from './mount';
import { route } from './route';

const staffWrite = (extra: object) =>
  route({ method: 'post', path: '/api/v1/x', summary: 'x', tags: ['x'], auth: ['worker'], body: z.object({}), handler: () => ({}), ...extra });

describe('route spec audit rules', () => {
  it('refuses a staff write that says nothing about its audit', () => {
    expect(() => checkSpec(staffWrite({}))).toThrow(/must declare audit/);
  });
  it('refuses an audit describer without a transaction, so the entry cannot land outside it', () => {
    expect(() => checkSpec(staffWrite({ audit: () => ({ action: 'x' }) }))).toThrow(/transaction: true/);
  });
  it('refuses audit: { none } without a reason', () => {
    expect(() => checkSpec(staffWrite({ audit: { none: ' ' } }))).toThrow(/needs a reason/);
  });
  it('accepts a describer with a transaction, or a stated reason', () => {
    expect(() => checkSpec(staffWrite({ transaction: true, audit: () => ({ action: 'x' }) }))).not.toThrow();
    expect(() => checkSpec(staffWrite({ audit: { none: 'the use case audits inside its own transaction' } }))).not.toThrow();
  });
  it('every route passes the check', () => {
    for (const s of allRoutes) expect(() => checkSpec(s)).not.toThrow();
  });
});
