import { keepPreviousData, useInfiniteQuery, useQuery, type QueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client.js';
import type { paths } from '../api/schema.js';

/** The library's reads of the API. Every key starts with 'practices' or 'search', so one change refreshes both. */
type ListQuery = NonNullable<paths['/api/v1/practices']['get']['parameters']['query']>;
export type PracticeSummary = paths['/api/v1/practices']['get']['responses'][200]['content']['application/json']['items'][number];
export type PracticeDetail = paths['/api/v1/practices/{practiceId}']['get']['responses'][200]['content']['application/json'];
export type PracticeInput = NonNullable<paths['/api/v1/practices']['post']['requestBody']>['content']['application/json'];
export type SearchQuery = NonNullable<paths['/api/v1/search']['get']['parameters']['query']>;
export type SearchResult = paths['/api/v1/search']['get']['responses'][200]['content']['application/json'];
export type SearchItem = SearchResult['items'][number];
export type PracticeKind = PracticeSummary['kind'];
export type PracticeStatus = PracticeSummary['status'];
export type CostRange = NonNullable<PracticeSummary['costRange']>;
export type PracticeVisibility = PracticeSummary['visibility'];
export type Indicator = PracticeSummary['outcomeIndicators'][number];

export const practiceKinds: PracticeKind[] = ['case_study', 'toolkit', 'guide', 'blueprint'];
export const costRanges: CostRange[] = ['under_100k', '100k_1m', '1m_10m', 'over_10m'];
export const practiceVisibilities: PracticeVisibility[] = ['public', 'partnership'];
/** Languages offered in pickers: the region's, and English. Any BCP 47 tag already stored is still shown. */
export const libraryLanguages = ['en', 'id', 'km', 'lo', 'ms', 'my', 'fil', 'th', 'vi', 'zh'];

export const PAGE_SIZE = 20;

export function usePractices(filter: Omit<ListQuery, 'cursor' | 'limit'>, limit = PAGE_SIZE) {
  return useInfiniteQuery({
    queryKey: ['practices', 'list', filter, limit],
    queryFn: async ({ pageParam }) => unwrap(await api.GET('/api/v1/practices', { params: { query: { ...filter, limit, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function usePractice(practiceId: string) {
  return useQuery({
    queryKey: ['practices', 'detail', practiceId],
    queryFn: async () => unwrap(await api.GET('/api/v1/practices/{practiceId}', { params: { path: { practiceId } } })),
    retry: (failureCount, error) => ![403, 404, 400].includes((error as { status?: number }).status ?? 0) && failureCount < 1,
  });
}

export function useSearch(query: Omit<SearchQuery, 'cursor' | 'limit'>) {
  return useInfiniteQuery({
    queryKey: ['search', query],
    queryFn: async ({ pageParam }) => unwrap(await api.GET('/api/v1/search', { params: { query: { ...query, limit: PAGE_SIZE, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: query.q.trim() !== '',
    placeholderData: keepPreviousData,
  });
}

/** After any change to a practice: its page, every list and the search results. */
export async function afterPracticeChange(queryClient: QueryClient, practice?: PracticeDetail) {
  if (practice) queryClient.setQueryData(['practices', 'detail', practice.id], practice);
  await Promise.all([queryClient.invalidateQueries({ queryKey: ['practices'] }), queryClient.invalidateQueries({ queryKey: ['search'] })]);
}
