import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client.js';
import type { paths } from '../api/schema.js';

/**
 * The portal's reads of the public API. Keys start with the resource ('cities', 'framework') so
 * that anything which changes a city can invalidate ['cities'] and the portal refreshes too.
 */
export type CitySummary = paths['/api/v1/cities']['get']['responses'][200]['content']['application/json']['items'][number];
export type CityDetail = paths['/api/v1/cities/{cityId}']['get']['responses'][200]['content']['application/json'];
export type ScapProject = paths['/api/v1/projects']['get']['responses'][200]['content']['application/json']['items'][number];
export type Framework = paths['/api/v1/framework']['get']['responses'][200]['content']['application/json'];
export type FocusArea = Framework['focusAreas'][number];
export type ProjectStatus = ScapProject['status'];
export type Membership = CitySummary['membership'];

export const projectStatuses: ProjectStatus[] = ['planning', 'ongoing', 'completed'];

/** Every ASCN city, unfiltered: 31 small rows, so the directory filters them in the browser without a round trip. */
export function useCities() {
  return useQuery({
    queryKey: ['cities', 'list'],
    queryFn: async () => unwrap(await api.GET('/api/v1/cities')).items,
    staleTime: 60_000,
  });
}

/** The ASEAN Smart Cities Framework changes about never. */
export function useFramework() {
  return useQuery({
    queryKey: ['framework'],
    queryFn: async () => unwrap(await api.GET('/api/v1/framework')),
    staleTime: Infinity,
  });
}

export function useCity(cityId: string) {
  return useQuery({
    queryKey: ['cities', 'detail', cityId],
    queryFn: async () => unwrap(await api.GET('/api/v1/cities/{cityId}', { params: { path: { cityId } } })),
    retry: (failureCount, error) => (error as { status?: number }).status !== 404 && failureCount < 1,
  });
}

export const PROJECT_PAGE_SIZE = 20;

/** A city's action-plan projects that the viewer may see, a page at a time (cursor pagination). */
export function useCityProjects(cityId: string, filter: { status?: ProjectStatus; focusArea?: string }) {
  return useInfiniteQuery({
    queryKey: ['cities', 'projects', cityId, filter],
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/cities/{cityId}/projects', {
          params: { path: { cityId }, query: { ...filter, sort: 'title', limit: PROJECT_PAGE_SIZE, cursor: pageParam } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** The most recently updated projects across the network (public ones for a visitor). */
export function useRecentProjects(limit: number) {
  return useQuery({
    queryKey: ['projects', 'recent', limit],
    queryFn: async () => unwrap(await api.GET('/api/v1/projects', { params: { query: { sort: '-updatedAt', limit } } })).items,
    staleTime: 60_000,
  });
}
