import { useQueryClient } from '@tanstack/react-query';
import type { SessionActor } from '../../app/session.js';

/**
 * After signing in (or accepting an invitation, or setting up): the answer is the new session, so it
 * goes straight into the ['session'] query; everything else cached was fetched as a visitor and is refetched.
 */
export function useSignedIn() {
  const queryClient = useQueryClient();
  return async (session: { actor: SessionActor | null }) => {
    queryClient.setQueryData(['session'], session);
    await queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'session' });
  };
}
