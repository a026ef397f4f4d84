import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client.js';

export type SessionActor = NonNullable<Awaited<ReturnType<typeof fetchSession>>["actor"]>;

async function fetchSession() {
  return unwrap(await api.GET('/api/v1/session'));
}

/** Who is signed in (actor is null for a visitor). Shared by every page through the query cache. */
export function useSession() {
  return useQuery({ queryKey: ['session'], queryFn: fetchSession, staleTime: 60_000 });
}

export function useRefreshSession() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['session'] });
}
