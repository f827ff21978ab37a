import { useRouter } from '@tarojs/taro';
import { useSessionGate } from '../../session';

/** Which branch a page acts for: a branch admin's own, or the one a district admin opened (?branchId=). */
export function useActingBranchId(): number | null {
  const user = useSessionGate();
  const { params } = useRouter();
  if (params.branchId) return Number(params.branchId);
  return user?.branchId ?? null;
}
