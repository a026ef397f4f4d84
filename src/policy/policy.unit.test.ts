import { describe, expect, it } from 'vitest';
import type { OrganisationKind } from '../db/schema/accounts.js';
import {
  canEditCity,
  canEditDeal,
  canManageOrganisation,
  canNominate,
  canSharePipelineProject,
  canViewAssessment,
  canViewDeal,
  canViewEvent,
  canViewPipelineProject,
  canViewProject,
  type Actor,
} from './policy.js';

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

  it("keeps a city's self-assessment to its own staff, and to its national representative only when shared", () => {
    const assessment = { cityId: 'da-nang', countryCode: 'VN', sharedWithNational: false };
    expect(canViewAssessment(actor('city_government', { cityId: 'da-nang' }), assessment)).toBe(true);
    expect(canViewAssessment(actor('city_government', { cityId: 'ha-noi' }), assessment)).toBe(false);
    expect(canViewAssessment(actor('national_agency', { countryCode: 'VN' }), assessment)).toBe(false);
    expect(canViewAssessment(actor('national_agency', { countryCode: 'VN' }), { ...assessment, sharedWithNational: true })).toBe(true);
    expect(canViewAssessment(actor('national_agency', { countryCode: 'TH' }), { ...assessment, sharedWithNational: true })).toBe(false);
    expect(canViewAssessment(actor('secretariat'), { ...assessment, sharedWithNational: true })).toBe(false);
  });

  it('lets cities nominate their own officials and national representatives those of their country', () => {
    const lan = { userId: 'lan', organisationKind: 'city_government' as const, cityId: 'da-nang', countryCode: 'VN' };
    expect(canNominate(actor('city_government', { cityId: 'da-nang' }), lan)).toBe(true);
    expect(canNominate(actor('city_government', { cityId: 'ha-noi' }), lan)).toBe(false);
    expect(canNominate(actor('national_agency', { countryCode: 'VN' }), lan)).toBe(true);
    expect(canNominate(actor('national_agency', { countryCode: 'PH' }), lan)).toBe(false);
    expect(canNominate(actor('cyber_centre'), lan)).toBe(false);
    expect(canNominate(actor('city_government', { cityId: 'da-nang' }), { ...lan, organisationKind: 'company', cityId: null })).toBe(false);
  });

  it('shows draft events to their organisers only, partnership events to anyone signed in', () => {
    const event = { organiserOrganisationId: 'org-1', status: 'draft' as const, visibility: 'public' as const };
    expect(canViewEvent(actor('us_agency'), event)).toBe(true);
    expect(canViewEvent(actor('us_agency', { organisationId: 'org-2' }), event)).toBe(false);
    expect(canViewEvent(actor('secretariat', { organisationId: 'org-2' }), event)).toBe(true);
    expect(canViewEvent(null, { ...event, status: 'published', visibility: 'partnership' })).toBe(false);
    expect(canViewEvent(actor('company', { organisationId: 'org-3' }), { ...event, status: 'published', visibility: 'partnership' })).toBe(true);
  });

  it("lets a deal's two sides, the organisers of its event and the secretariat change it; national representatives read it", () => {
    const deal = { cityId: 'da-nang', countryCode: 'VN', partnerOrganisationId: 'company-1', eventOrganiserOrganisationId: 'agency-1' };
    expect(canEditDeal(actor('city_government', { cityId: 'da-nang' }), deal)).toBe(true);
    expect(canEditDeal(actor('company', { organisationId: 'company-1' }), deal)).toBe(true);
    expect(canEditDeal(actor('us_agency', { organisationId: 'agency-1' }), deal)).toBe(true);
    expect(canEditDeal(actor('us_agency', { organisationId: 'agency-1' }), { ...deal, eventOrganiserOrganisationId: null })).toBe(false);
    expect(canEditDeal(actor('company', { organisationId: 'company-2' }), deal)).toBe(false);
    expect(canViewDeal(actor('national_agency', { countryCode: 'VN' }), deal)).toBe(true);
    expect(canEditDeal(actor('national_agency', { countryCode: 'VN' }), deal)).toBe(false);
    expect(canViewDeal(actor('city_government', { cityId: 'ha-noi' }), deal)).toBe(false);
  });

  it('shows a restricted pipeline project to the organisations it is shared with, and lets only the city share it', () => {
    const restricted = { visibility: 'restricted' as const };
    const company = actor('company', { organisationId: 'acme' });
    expect(canViewPipelineProject(company, restricted, daNang, [])).toBe(false);
    expect(canViewPipelineProject(company, restricted, daNang, ['other-company'])).toBe(false);
    expect(canViewPipelineProject(company, restricted, daNang, ['acme'])).toBe(true);
    expect(canViewPipelineProject(null, restricted, daNang, ['acme'])).toBe(false);
    expect(canViewPipelineProject(actor('city_government', { cityId: 'da-nang' }), restricted, daNang, [])).toBe(true);
    expect(canViewPipelineProject(null, { visibility: 'public' }, daNang, [])).toBe(true);
    expect(canSharePipelineProject(actor('city_government', { cityId: 'da-nang' }), daNang)).toBe(true);
    expect(canSharePipelineProject(actor('secretariat'), daNang)).toBe(true);
    expect(canSharePipelineProject(actor('city_government', { cityId: 'hue' }), daNang)).toBe(false);
    expect(canSharePipelineProject(actor('national_agency', { countryCode: 'VN' }), daNang)).toBe(false);
    expect(canSharePipelineProject(company, daNang)).toBe(false);
  });
});
