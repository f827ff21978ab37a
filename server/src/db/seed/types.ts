// The seeder types live in db/demoSeeder.ts, so a domain's demo.ts never imports db/seed/.
export type { DemoSeeder, SeedContext } from '../demoSeeder';
