import { useRouter } from '@tarojs/taro';
import type { Me } from '../../api/me';

/** The complex a page is about: ?complexId=…, else the worker's first complex, else complex 1. */
export function useComplexId(user: Me | null): number | null {
  const { params } = useRouter();
  if (params.complexId) return Number(params.complexId);
  if (!user) return null;
  return user.complexIds?.[0] ?? 1;
}

export const devicePages = {
  list: (complexId: number) => `/packages/devices/pages/index/index?complexId=${complexId}`,
  register: (complexId: number) => `/packages/devices/pages/register/index?complexId=${complexId}`,
  live: (complexId: number) => `/packages/devices/pages/live/index?complexId=${complexId}`,
  alerts: (complexId: number) => `/packages/devices/pages/alerts/index?complexId=${complexId}`,
};
