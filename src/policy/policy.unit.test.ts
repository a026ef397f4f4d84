import { describe, expect, it } from 'vitest';
import type { OrganisationKind } from '../db/schema/accounts.js';
import { canEditCity, canManageOrganisation, canViewProject, type Actor } from './policy.js';

const actor = (kind: OrganisationKind, extra: Partial<Actor> = {}): Actor => ({
  userId: 'u',
  name: 'n',
  email: 'e',
  organisationId: 'org-1',
  organisationKind: kind,
  role: 'member',
  cityId: null,
  countryCode: null,
  ...extra,
});
const daNang = { id: 'da-nang', countryCode: 'VN' };

describe('policy', () => {
  it('lets only the city itself and the secretariat edit a city', () => {
    expect(canEditCity(actor('city_government', { cityId: 'da-nang' }), daNang)).toBe(true);
    expect(canEditCity(actor('city_government', { cityId: 'ha-noi' }), daNang)).toBe(false);
    expect(canEditCity(actor('national_agency', { countryCode: 'VN' }), daNang)).toBe(false);
    expect(canEditCity(actor('secretariat'), daNang)).toBe(true);
    expect(canEditCity(null, daNang)).toBe(false);
  });

  it('shows restricted projects to the city, its national representative and the secretariat only', () => {
    const restricted = { visibility: 'restricted' as const };
    expect(canViewProject(actor('national_agency', { countryCode: 'VN' }), restricted, daNang)).toBe(true);
    expect(canViewProject(actor('national_agency', { countryCode: 'TH' }), restricted, daNang)).toBe(false);
    expect(canViewProject(actor('company'), restricted, daNang)).toBe(false);
    expect(canViewProject(actor('company'), { visibility: 'partnership' }, daNang)).toBe(true);
    expect(canViewProject(null, { visibility: 'partnership' }, daNang)).toBe(false);
    expect(canViewProject(null, { visibility: 'public' }, daNang)).toBe(true);
  });

  it('lets organisation admins and secretariat admins manage members', () => {
    expect(canManageOrganisation(actor('company', { role: 'admin' }), 'org-1')).toBe(true);
    expect(canManageOrganisation(actor('company', { role: 'member' }), 'org-1')).toBe(false);
    expect(canManageOrganisation(actor('company', { role: 'admin' }), 'org-2')).toBe(false);
    expect(canManageOrganisation(actor('secretariat', { role: 'admin' }), 'org-2')).toBe(true);
    expect(canManageOrganisation(actor('secretariat', { role: 'member' }), 'org-2')).toBe(false);
  });
});
