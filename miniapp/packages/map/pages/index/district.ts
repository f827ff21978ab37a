// The offline base of the browser map: a simplified outline of 西湖区, a few main streets and
// West Lake, as [lat, lng] (WGS-84, rounded; drawn, not surveyed — enough to find one's way).

export const DISTRICT_OUTLINE: readonly (readonly [number, number])[] = [
  [30.365, 120.06], [30.35, 120.12], [30.318, 120.15], [30.29, 120.165], [30.262, 120.17],
  [30.23, 120.162], [30.19, 120.15], [30.15, 120.12], [30.11, 120.08], [30.09, 120.03],
  [30.12, 119.99], [30.18, 119.975], [30.24, 119.99], [30.29, 120.02], [30.335, 120.03],
];

export const STREETS: readonly { name: string; path: readonly (readonly [number, number])[] }[] = [
  { name: '文一西路', path: [[30.291, 120.03], [30.2915, 120.08], [30.2912, 120.12], [30.2905, 120.16]] },
  { name: '天目山路', path: [[30.273, 120.04], [30.2745, 120.09], [30.2765, 120.13], [30.278, 120.163]] },
  { name: '文三路', path: [[30.2815, 120.10], [30.2822, 120.13], [30.283, 120.16]] },
  { name: '古墩路', path: [[30.26, 120.092], [30.29, 120.0925], [30.32, 120.093], [30.345, 120.094]] },
  { name: '教工路', path: [[30.27, 120.138], [30.29, 120.1385], [30.31, 120.139]] },
  { name: '之江路', path: [[30.23, 120.16], [30.2, 120.14], [30.17, 120.11], [30.14, 120.08]] },
];

export const WEST_LAKE = { lat: 30.245, lng: 120.145, rxM: 1500, ryM: 1900 } as const;
