import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.js';

export const cityProjectsKey = (cityId: string) => ['city-projects', cityId];
export const projectDocumentsKey = (projectId: string) => ['project-documents', projectId];

export function useFramework() {
  return useQuery({
    queryKey: ['framework'],
    queryFn: async () => unwrap(await api.GET('/api/v1/framework')),
    staleTime: Infinity,
  });
}

/** A project changed: its city's list, the city's counts, monitoring and any public lists are stale. */
export async function afterProjectChange(queryClient: QueryClient, cityId: string) {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: cityProjectsKey(cityId) }),
    queryClient.invalidateQueries({ queryKey: ['city', cityId] }),
    queryClient.invalidateQueries({ queryKey: ['cities'] }),
    queryClient.invalidateQueries({ queryKey: ['projects'] }),
    queryClient.invalidateQueries({ queryKey: ['monitoring'] }),
  ]);
}

export function formatBudget(budget: { amount: string; currency: string } | null): string {
  if (!budget) return '';
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency: budget.currency, maximumFractionDigits: 0 }).format(Number(budget.amount));
  } catch {
    return `${budget.amount} ${budget.currency}`;
  }
}

export const formatYears = (start: number | null, end: number | null) =>
  start && end ? (start === end ? String(start) : `${start}–${end}`) : start ? `${start}–` : end ? `–${end}` : '';
