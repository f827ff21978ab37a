// What an id-taking page needs to open with seeded demo data: shared by the browser sweep
// (e2e/specs/sweep.spec.mjs) and the weapp every-page test (e2e/weapp/specs/pages.spec.mjs),
// so a new page gets its demo id in one place.

/**
 * Ids of seeded demo data, read through the API as the signed-in demo resident.
 * `get(path)` answers the response body, or null when the request failed.
 */
export async function demoIds(get) {
  const first = (b) => (Array.isArray(b) ? b[0] : b?.items?.[0]) ?? null;
  const complex = first(await get('/complexes'));
  const detail = complex ? await get(`/complexes/${complex.id}`) : null;
  const offering = first(await get('/offerings'));
  const link = ((await get('/family/links')) ?? { items: [] }).items?.find((l) => l.as === 'family');
  const care = link ? first(await get(`/family/${link.seniorId}/care-requests?limit=5`)) : null;
  return {
    complexId: complex?.id,
    activityId: first(await get('/activities?limit=5'))?.id,
    spaceId: (detail?.spaces ?? []).find((x) => x.bookable)?.id,
    postId: first(await get('/volunteer-posts?limit=5'))?.id,
    offeringId: offering?.id,
    branchId: offering?.branchId ?? offering?.branch?.id,
    opinionId: first(await get('/opinions?limit=5'))?.id,
    meetingId: first(await get('/meetings?limit=5'))?.id,
    voteId: first(await get('/votes?limit=5'))?.id,
    projectId: first(await get('/projects?limit=5'))?.id,
    helpRequestId: first(await get('/help-requests?limit=5'))?.id,
    careRequestId: care?.id,
    seniorId: link?.seniorId,
  };
}

/** The query a page of the built app.json (e.g. `packages/places/pages/complex/index`) opens with. */
export function demoQuery(route, d) {
  const [pkg, , page] = route.replace(/^packages\//, '').split('/');
  if (pkg === 'places' && page === 'complex') return { id: d.complexId };
  if (pkg === 'booking' && page === 'detail') return { id: d.activityId };
  if (pkg === 'workbench' && (page === 'roster' || page === 'activity-edit')) return { id: d.activityId };
  if ((pkg === 'booking' || pkg === 'workbench') && (page === 'space' || page === 'space-rules')) return { id: d.spaceId };
  if (pkg === 'volunteer' && (page === 'post' || page === 'staff-post')) return { id: d.postId };
  if (pkg === 'branch' && (page === 'offering' || page === 'session')) return { id: d.offeringId };
  if (pkg === 'branch' && page === 'branch') return { id: d.branchId };
  if (pkg === 'elder' && page === 'senior') return { id: d.seniorId };
  if (pkg === 'elder' && (page === 'book' || page === 'care')) return { seniorId: d.seniorId };
  if (pkg === 'elder' && page === 'request') return { id: d.careRequestId };
  if ((pkg === 'roundtable' && page === 'detail') || (pkg === 'opiniondesk' && page === 'handle')) return { id: d.opinionId };
  if ((pkg === 'roundtable' || pkg === 'opiniondesk') && page === 'meeting') return { id: d.meetingId };
  if (pkg === 'roundtable' && page === 'vote') return { id: d.voteId };
  if (pkg === 'projects' && page === 'detail') return { id: d.projectId };
  if (pkg === 'helping' && page === 'detail') return { id: d.helpRequestId };
  return {};
}
