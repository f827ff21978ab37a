import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'mysql',
  schema: './server/src/db/schema/index.ts',
  out: './server/drizzle',
  casing: 'snake_case',
});
