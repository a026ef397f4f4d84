import type { paths } from '../api/schema.js';

/** Shapes of the API's answers that the workspace passes between components, named once. */
type Json<P extends keyof paths, M extends 'get' | 'post' | 'patch', S extends number> = paths[P][M] extends {
  responses: { [K in S]: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export type Organisation = Json<'/api/v1/organisations/{organisationId}', 'get', 200>;
export type OrganisationSummary = Json<'/api/v1/organisations', 'get', 200>['items'][number];
export type Member = Organisation['members'][number];
export type OrganisationKind = Organisation['kind'];
export type MemberRole = Member['role'];
export type CityDetail = Json<'/api/v1/cities/{cityId}', 'get', 200>;
export type CitySummary = Json<'/api/v1/cities', 'get', 200>['items'][number];
export type Project = Json<'/api/v1/projects/{projectId}', 'get', 200>;
export type ProjectStatus = Project['status'];
export type ProjectVisibility = Project['visibility'];
export type FocusArea = Json<'/api/v1/framework', 'get', 200>['focusAreas'][number];
export type Country = Json<'/api/v1/countries', 'get', 200>['items'][number];
export type ProjectDocument = Json<'/api/v1/projects/{projectId}/documents', 'get', 200>['items'][number];
export type Monitoring = Json<'/api/v1/monitoring', 'get', 200>;
export type MonitoringTally = Monitoring['network'];
export type Notification = Json<'/api/v1/notifications', 'get', 200>['items'][number];
export type AuditEntry = Json<'/api/v1/audit', 'get', 200>['items'][number];
export type OutboundEmail = Json<'/api/v1/outbox', 'get', 200>['items'][number];

/**
 * The values of the API's enums, for pickers. Written as records so that the type checker fails
 * here when the server adds a value (the generated types change, these records no longer satisfy them).
 */
const allOf = <T extends string>(values: Record<T, true>) => Object.keys(values) as T[];
export const organisationKinds = allOf<OrganisationKind>({
  secretariat: true,
  city_government: true,
  national_agency: true,
  us_agency: true,
  us_city: true,
  company: true,
  ngo: true,
  academia: true,
  cyber_centre: true,
});
export const projectStatuses = allOf<ProjectStatus>({ planning: true, ongoing: true, completed: true });
export const projectVisibilities = allOf<ProjectVisibility>({ public: true, partnership: true, restricted: true });

/** Organisations that offer exchange expertise and can be the U.S. side of a pairing (the server's `usPartnerKinds`). */
export const usPartnerKinds: OrganisationKind[] = ['us_city', 'us_agency', 'company', 'ngo', 'academia'];
export const isUsPartnerKind = (kind: OrganisationKind) => usPartnerKinds.includes(kind);
