// One schema file per domain; everything is re-exported here for drizzle and drizzle-kit.
export * from './places';
export * from './catalog';
export * from './users';
export * from './branches';
export * from './platform';
export * from './points';
export * from './booking';
export * from './offerings';
export * from './care';
export * from './volunteer';
export * from './rewards';
export * from './opinions';
export * from './roundtable';
export * from './subscriptions';
export * from './projects';
