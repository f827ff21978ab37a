import { useEffect, useState } from 'react';
import type { Me } from '../../api/me';
import { placesApi, type ComplexSummary } from '../../api/places';

/**
 * The complexes the signed-in staff member runs: a worker's own, a street admin's street, all for
 * a district admin (what the server's domain/access decides; /me lists the first two).
 */
export function useManagedComplexes(user: Me | null): ComplexSummary[] | null {
  const [items, setItems] = useState<ComplexSummary[] | null>(null);
  useEffect(() => {
    if (!user) return;
    placesApi
      .complexes(user.role === 'street_admin' && user.streetId ? { streetId: user.streetId } : {})
      .then((all) => setItems(user.role === 'worker' ? all.filter((c) => (user.complexIds ?? []).includes(c.id)) : all))
      .catch(() => setItems([]));
  }, [user]);
  return items;
}

export const canManagePlaces = (user: Me | null) => user?.role === 'district_admin' || user?.role === 'street_admin';
