import { ROUTES } from './routes';
import { startRoute } from './startRoute';

describe('startRoute (H5 launch at the root)', () => {
  it('opens the privacy notice on a first visit, from the root or 首页', () => {
    for (const hash of ['', '#', '#/', `#${ROUTES.home}`, `#${ROUTES.home}?from=share`]) {
      expect(startRoute(hash, false, false)).toBe(ROUTES.privacy);
    }
  });

  it('opens sign-in when the notice was accepted but nobody is signed in', () => {
    expect(startRoute('', true, false)).toBe(ROUTES.login);
    expect(startRoute(`#${ROUTES.home}`, true, false)).toBe(ROUTES.login);
  });

  it('opens 首页 as addressed when signed in', () => {
    expect(startRoute('', true, true)).toBeNull();
    expect(startRoute(`#${ROUTES.home}`, true, true)).toBeNull();
  });

  it('leaves deep links to the pages themselves', () => {
    expect(startRoute(`#${ROUTES.activities}`, false, false)).toBeNull();
    expect(startRoute('#/packages/booking/pages/detail/index?id=3', true, false)).toBeNull();
    expect(startRoute(`#${ROUTES.privacy}?view=1`, false, false)).toBeNull();
  });
});
