import { COMPLEX_MODES, SPACE_TYPES } from '../../../../shared/constants';
import { boolean, double, index, int, mysqlEnum, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, ref, utc } from '../columns';

export const streets = mysqlTable(
  'streets',
  {
    id: id(),
    name: varchar('name', { length: 32 }).notNull(),
    kind: mysqlEnum('kind', ['street', 'town']).notNull().default('street'),
    sortOrder: int('sort_order').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('streets_name_uq').on(t.name)],
);

export const communities = mysqlTable(
  'communities',
  {
    id: id(),
    streetId: ref('street_id').notNull().references(() => streets.id),
    name: varchar('name', { length: 64 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('communities_street_name_uq').on(t.streetId, t.name)],
);


export const complexes = mysqlTable(
  'complexes',
  {
    id: id(),
    streetId: ref('street_id').notNull().references(() => streets.id),
    communityId: ref('community_id').references(() => communities.id),
    name: varchar('name', { length: 64 }).notNull(),
    mode: mysqlEnum('mode', COMPLEX_MODES).notNull(),
    address: varchar('address', { length: 200 }).notNull(),
    lat: double('lat').notNull(),
    lng: double('lng').notNull(),
    openingHours: varchar('opening_hours', { length: 100 }).notNull().default('08:30-20:30'),
    hotline: varchar('hotline', { length: 32 }).notNull().default(''),
    description: varchar('description', { length: 500 }).notNull().default(''),
    /** archived complexes leave the public lists; their history stays */
    archivedAt: utc('archived_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('complexes_name_uq').on(t.name), index('complexes_street_idx').on(t.streetId)],
);

export const facilities = mysqlTable(
  'facilities',
  {
    id: id(),
    complexId: ref('complex_id').notNull().references(() => complexes.id),
    name: varchar('name', { length: 64 }).notNull(),
    address: varchar('address', { length: 200 }).notNull(),
    lat: double('lat').notNull(),
    lng: double('lng').notNull(),
    isMain: boolean('is_main').notNull().default(false),
    archivedAt: utc('archived_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('facilities_complex_name_uq').on(t.complexId, t.name),
    index('facilities_lat_lng_idx').on(t.lat, t.lng),
  ],
);


export const spaces = mysqlTable(
  'spaces',
  {
    id: id(),
    complexId: ref('complex_id').notNull().references(() => complexes.id),
    facilityId: ref('facility_id').references(() => facilities.id),
    name: varchar('name', { length: 64 }).notNull(),
    type: mysqlEnum('type', SPACE_TYPES).notNull(),
    bookable: boolean('bookable').notNull().default(false),
    capacity: int('capacity').notNull().default(0),
    description: varchar('description', { length: 300 }).notNull().default(''),
    /** a space with bookings is archived (hidden, not bookable) instead of deleted */
    archivedAt: utc('archived_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('spaces_complex_name_uq').on(t.complexId, t.name), index('spaces_facility_idx').on(t.facilityId)],
);

/** Photos of a complex, uploaded by its staff: resized JPEGs with the EXIF metadata stripped. */
export const complexPhotos = mysqlTable(
  'complex_photos',
  {
    id: id(),
    complexId: ref('complex_id').notNull().references(() => complexes.id),
    fileName: varchar('file_name', { length: 100 }).notNull(),
    width: int('width').notNull(),
    height: int('height').notNull(),
    uploadedBy: ref('uploaded_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('complex_photos_complex_idx').on(t.complexId)],
);
