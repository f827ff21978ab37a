import { seedDemoOfferings } from '../../domain/branches/demo';
import { seedFamilyDemo } from '../../domain/family/demo';
import { seedBookingDemo } from './booking';
import { seedOpinionsDemo } from '../../domain/opinions/demo';
import type { DemoSeeder } from './types';
import { seedDashboardDemo } from '../../domain/dashboard/demo';
import { seedDemoBalances, seedRewards } from '../../domain/points/demo';
import { seedVolunteering } from '../../domain/volunteer/demo';
import { seedResidencyDemo } from '../../domain/residency/demo';
import { seedHelpingDemo } from '../../domain/helping/demo';
import { seedDepartments } from '../../domain/projects/departments';
import { DEPARTMENTS } from './places.data';
import { seedComplexPhotos } from '../../domain/places/demo';

/**
 * The feature domains' demo seeders, run in this order after the reference data on an empty
 * database (and by `npm run db:seed`). A domain exports its seeder from its own folder
 * (e.g. `domain/booking/demo.ts`) and adds one line here.
 */
export const demoSeeders: Array<{ name: string; run: DemoSeeder }> = [
  { name: 'complex photos', run: seedComplexPhotos },
  { name: 'residency', run: seedResidencyDemo },
  { name: 'booking', run: seedBookingDemo },
  { name: 'family', run: seedFamilyDemo },
  { name: 'rewards', run: seedRewards },
  { name: 'demo balances', run: seedDemoBalances },
  { name: 'volunteer', run: seedVolunteering },
  { name: 'branch offerings', run: seedDemoOfferings },
  { name: 'opinions', run: seedOpinionsDemo },
  // the district's departments (those its branches belong to) may own 民生项目
  { name: 'project departments', run: (db) => seedDepartments(db, DEPARTMENTS.map((d) => d.name)) },
  { name: 'dashboard history', run: seedDashboardDemo },
  // 邻里互助: welcome balances, two open requests and a 至善 pool (after the family link)
  { name: 'helping', run: seedHelpingDemo },
];
