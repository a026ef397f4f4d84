/**
 * Who may do what in Mitra. Every service checks access through these functions, so the rules from
 * DESIGN.md live in one place. Functions named `can…` answer; `assert…` throw the error to return.
 *
 * A record the actor may not even see is reported as `not_found`, so ids do not leak what exists.
 */
import type { MemberRole, OrganisationKind } from '../db/schema/accounts.js';
import type { ProjectVisibility } from '../db/schema/cities.js';
import { AppError, forbidden } from '../server/errors.js';

export type Actor = {
  userId: string;
  name: string;
  email: string;
  organisationId: string;
  organisationKind: OrganisationKind;
  role: MemberRole;
  /** For city-government staff: their city. */
  cityId: string | null;
  /** For national representatives: their country. */
  countryCode: string | null;
};

/** `null` is the public: someone not signed in. */
export type Viewer = Actor | null;

/** What a route requires before its handler runs; finer checks happen in the services. */
export const routeAccessLevels = ['public', 'signed-in', 'secretariat'] as const;
export type RouteAccess = (typeof routeAccessLevels)[number];

export const isSecretariat = (viewer: Viewer): boolean => viewer?.organisationKind === 'secretariat';
export const isSecretariatAdmin = (viewer: Viewer): boolean => isSecretariat(viewer) && viewer?.role === 'admin';

export function requireSignedIn(viewer: Viewer): Actor {
  if (!viewer) throw new AppError('unauthenticated', 'Sign in to do this.');
  return viewer;
}

export function assertRouteAccess(viewer: Viewer, access: RouteAccess): void {
  if (access === 'public') return;
  const actor = requireSignedIn(viewer);
  if (access === 'secretariat' && actor.organisationKind !== 'secretariat') {
    throw forbidden('Only the partnership secretariat can do this.');
  }
}

type CityRef = { id: string; countryCode: string };

/** City staff of this city, its country's national representatives and the secretariat. */
export function isCityInsider(viewer: Viewer, city: CityRef): boolean {
  if (!viewer) return false;
  if (isSecretariat(viewer)) return true;
  if (viewer.organisationKind === 'city_government' && viewer.cityId === city.id) return true;
  return viewer.organisationKind === 'national_agency' && viewer.countryCode === city.countryCode;
}

/** City profiles and action plans are edited by the city's own staff and the secretariat, nobody else. */
export function canEditCity(viewer: Viewer, city: CityRef): boolean {
  if (!viewer) return false;
  if (isSecretariat(viewer)) return true;
  return viewer.organisationKind === 'city_government' && viewer.cityId === city.id;
}

export function assertCanEditCity(viewer: Viewer, city: CityRef & { name: string }): Actor {
  const actor = requireSignedIn(viewer);
  if (!canEditCity(actor, city)) {
    throw forbidden(`Only ${city.name}'s own city staff and the secretariat can change its profile and action plan.`);
  }
  return actor;
}

export function canViewProject(viewer: Viewer, project: { visibility: ProjectVisibility }, city: CityRef): boolean {
  if (project.visibility === 'public') return true;
  if (project.visibility === 'partnership') return viewer !== null;
  return isCityInsider(viewer, city);
}

/**
 * The visibilities a viewer may see for a given city's projects; used to filter lists in SQL.
 * `cityInsider` says whether the viewer is an insider of the city being listed.
 */
export function visibleProjectVisibilities(viewer: Viewer, cityInsider: boolean): ProjectVisibility[] {
  if (!viewer) return ['public'];
  return cityInsider ? ['public', 'partnership', 'restricted'] : ['public', 'partnership'];
}

/** For network-wide lists: which cities' restricted projects the viewer may see. */
export function restrictedScope(viewer: Viewer): { all: true } | { cityId?: string; countryCode?: string } | null {
  if (!viewer) return null;
  if (isSecretariat(viewer)) return { all: true };
  if (viewer.organisationKind === 'city_government' && viewer.cityId) return { cityId: viewer.cityId };
  if (viewer.organisationKind === 'national_agency' && viewer.countryCode) return { countryCode: viewer.countryCode };
  return null;
}

/** Organisation admins manage their own organisation's people; the secretariat manages all. */
export function canManageOrganisation(viewer: Viewer, organisationId: string): boolean {
  if (!viewer) return false;
  if (isSecretariatAdmin(viewer)) return true;
  return viewer.organisationId === organisationId && viewer.role === 'admin';
}

export function assertCanManageOrganisation(viewer: Viewer, organisationId: string): Actor {
  const actor = requireSignedIn(viewer);
  if (!canManageOrganisation(actor, organisationId)) {
    throw forbidden("Only the organisation's administrators and the secretariat can manage its people.");
  }
  return actor;
}

/** Anyone signed in sees the organisations of the partnership and their members. */
export function canViewOrganisation(viewer: Viewer): boolean {
  return viewer !== null;
}

export function assertSecretariat(viewer: Viewer): Actor {
  const actor = requireSignedIn(viewer);
  if (!isSecretariat(actor)) throw forbidden('Only the partnership secretariat can do this.');
  return actor;
}

export function assertSecretariatAdmin(viewer: Viewer): Actor {
  const actor = requireSignedIn(viewer);
  if (!isSecretariatAdmin(actor)) throw forbidden('Only secretariat administrators can do this.');
  return actor;
}

/* ---- Best-practice library ---- */

type PracticeRef = { status: 'draft' | 'in_review' | 'published'; visibility: 'public' | 'partnership'; organisationId: string };

/** Published public practices for everyone, published partnership ones for anyone signed in; the rest only for the owners and the secretariat. */
export function canViewPractice(viewer: Viewer, practice: PracticeRef): boolean {
  if (practice.status === 'published' && (practice.visibility === 'public' || viewer !== null)) return true;
  return isSecretariat(viewer) || (viewer !== null && viewer.organisationId === practice.organisationId);
}

/** For lists in SQL: everything (secretariat), or published ones plus the viewer's organisation's own. */
export function practiceScope(viewer: Viewer): { all: true } | { signedIn: boolean; organisationId: string | null } {
  if (isSecretariat(viewer)) return { all: true };
  return { signedIn: viewer !== null, organisationId: viewer?.organisationId ?? null };
}

/** The owning organisation's members write the practice (drafts only; the service checks the status). */
export function isPracticeOwner(viewer: Viewer, practice: { organisationId: string }): boolean {
  return viewer !== null && viewer.organisationId === practice.organisationId;
}

export function assertCanEditPractice(viewer: Viewer, practice: PracticeRef): Actor {
  const actor = requireSignedIn(viewer);
  if (!isPracticeOwner(actor, practice)) throw forbidden("Only members of the practice's own organisation can change it.");
  if (practice.status !== 'draft') {
    throw new AppError('conflict', `The practice is ${practice.status === 'in_review' ? 'in review' : 'published'}: only a draft can be changed.`);
  }
  return actor;
}

/** Replications are recorded by the practice's owners, the secretariat, or the replicating city's own staff. */
export function canRecordReplication(viewer: Viewer, practice: { organisationId: string }, city: CityRef): boolean {
  return isPracticeOwner(viewer, practice) || canEditCity(viewer, city);
}

/* ---- City-to-city exchanges (pairings) ---- */

type PairingRef = { usOrganisationId: string; cityId: string; countryCode: string; status: string; public: boolean };

/** The U.S. side: members of the U.S. partner organisation. */
export function isPairingUsSide(viewer: Viewer, pairing: { usOrganisationId: string }): boolean {
  return viewer !== null && viewer.organisationId === pairing.usOrganisationId;
}

/** The city side: staff of the city's city-government organisations. */
export function isPairingCitySide(viewer: Viewer, pairing: { cityId: string }): boolean {
  return viewer !== null && viewer.organisationKind === 'city_government' && viewer.cityId === pairing.cityId;
}

/** The two sides and the secretariat change a pairing (transitions, work plan, updates, documents). */
export function canEditPairing(viewer: Viewer, pairing: PairingRef): boolean {
  return isSecretariat(viewer) || isPairingUsSide(viewer, pairing) || isPairingCitySide(viewer, pairing);
}

/** The full record (work plan, updates, history): editors and the city's national representatives. */
export function canViewPairingDetail(viewer: Viewer, pairing: PairingRef): boolean {
  if (canEditPairing(viewer, pairing)) return true;
  return viewer?.organisationKind === 'national_agency' && viewer.countryCode === pairing.countryCode;
}

/** The summary: also anyone signed in once it is active or completed, and the public when the secretariat made it public. */
export function canViewPairing(viewer: Viewer, pairing: PairingRef): boolean {
  if (pairing.public || canViewPairingDetail(viewer, pairing)) return true;
  return viewer !== null && (pairing.status === 'active' || pairing.status === 'completed');
}

/** For lists in SQL: everything (secretariat) or what policy.canViewPairing allows this viewer. */
export function pairingScope(
  viewer: Viewer,
): { all: true } | { signedIn: boolean; organisationId: string | null; cityId: string | null; countryCode: string | null } {
  if (isSecretariat(viewer)) return { all: true };
  return {
    signedIn: viewer !== null,
    organisationId: viewer?.organisationId ?? null,
    cityId: viewer?.organisationKind === 'city_government' ? viewer.cityId : null,
    countryCode: viewer?.organisationKind === 'national_agency' ? viewer.countryCode : null,
  };
}

export function assertCanEditPairing(viewer: Viewer, pairing: PairingRef): Actor {
  const actor = requireSignedIn(viewer);
  if (!canEditPairing(actor, pairing)) throw forbidden('Only the two sides of the exchange and the secretariat can change it.');
  return actor;
}

/** An exchange offer is written by its organisation's members and the secretariat. */
export function canEditExchangeOffer(viewer: Viewer, organisationId: string): boolean {
  return isSecretariat(viewer) || (viewer !== null && viewer.organisationId === organisationId);
}

/** Suggestions for a city: its staff, its national representatives and the secretariat (they draw on restricted projects). */
export function canSeeCitySuggestions(viewer: Viewer, city: CityRef): boolean {
  return isCityInsider(viewer, city);
}

/** Suggestions for a U.S. partner: its own members and the secretariat. */
export function canSeeOrganisationSuggestions(viewer: Viewer, organisationId: string): boolean {
  return isSecretariat(viewer) || (viewer !== null && viewer.organisationId === organisationId);
}

/* ---- Technology exposure (inventory, exposures) ---- */

/**
 * A city's technology inventory and its exposures are the city's own: only its city-government staff
 * see and change them. Not other cities, not its national representatives, not the secretariat (which
 * sees network-wide aggregates only), not companies, not the public. A list of which devices are
 * exploitable is an attacker's map, so the circle is as small as it can be.
 */
export function canUseCityInventory(viewer: Viewer, cityId: string): boolean {
  return viewer !== null && viewer.organisationKind === 'city_government' && viewer.cityId === cityId;
}

/** The actor's own city, for the inventory and exposure routes; anyone else gets a clear refusal. */
export function assertInventoryCity(viewer: Viewer): Actor & { cityId: string } {
  const actor = requireSignedIn(viewer);
  if (actor.organisationKind !== 'city_government' || !actor.cityId) {
    throw forbidden("Technology inventories and exposures are kept by each city's own staff; only they can see them.");
  }
  return actor as Actor & { cityId: string };
}

/** Vulnerability feeds are imported by the secretariat; the network-wide aggregates are its view. */
export function assertCanManageFeeds(viewer: Viewer): Actor {
  const actor = requireSignedIn(viewer);
  if (!isSecretariat(actor)) throw forbidden('Only the partnership secretariat imports vulnerability feeds.');
  return actor;
}

/* ---- Cyber self-assessments (NIST CSF 2.0) ---- */

type AssessmentRef = { cityId: string; countryCode: string; sharedWithNational: boolean };

/**
 * An assessment is its city's own: its city-government staff write it and see it; its country's
 * national representatives read it only when the city shares it. Nobody else sees a single city's
 * answers, the secretariat included: network benchmarks are its view (and only from three cities up).
 */
export function canEditAssessment(viewer: Viewer, assessment: { cityId: string }): boolean {
  return viewer !== null && viewer.organisationKind === 'city_government' && viewer.cityId === assessment.cityId;
}

export function canViewAssessment(viewer: Viewer, assessment: AssessmentRef): boolean {
  if (canEditAssessment(viewer, assessment)) return true;
  return assessment.sharedWithNational && viewer?.organisationKind === 'national_agency' && viewer.countryCode === assessment.countryCode;
}

/** The actor's own city, for starting an assessment. */
export function assertAssessmentCity(viewer: Viewer): Actor & { cityId: string } {
  const actor = requireSignedIn(viewer);
  if (actor.organisationKind !== 'city_government' || !actor.cityId) {
    throw forbidden("Cyber self-assessments are made by each city's own staff.");
  }
  return actor as Actor & { cityId: string };
}

/** Benchmarks (anonymous aggregates): cities, national representatives and the secretariat. */
export function canViewBenchmarks(viewer: Viewer): boolean {
  return viewer !== null && ['secretariat', 'city_government', 'national_agency'].includes(viewer.organisationKind);
}

/* ---- Training programme ---- */

/** Organisations that write courses and deliver cohorts. */
export const trainingProviderKinds: readonly OrganisationKind[] = ['secretariat', 'cyber_centre', 'academia', 'us_agency', 'ngo'];

export function canCreateCourses(viewer: Viewer): boolean {
  return viewer !== null && trainingProviderKinds.includes(viewer.organisationKind);
}

/** A course is changed by its own organisation and the secretariat. */
export function canManageCourse(viewer: Viewer, course: { organisationId: string }): boolean {
  return isSecretariat(viewer) || (viewer !== null && viewer.organisationId === course.organisationId);
}

/** The cohort's trainers: members of the delivering partner; the secretariat may act for them. */
export function isCohortTrainer(viewer: Viewer, cohort: { deliveringOrganisationId: string }): boolean {
  return isSecretariat(viewer) || (viewer !== null && viewer.organisationId === cohort.deliveringOrganisationId);
}

type NomineeRef = { userId: string; organisationKind: OrganisationKind; cityId: string | null; countryCode: string | null };

/**
 * Cities nominate their own officials; national representatives nominate officials of their country's
 * cities and of their own agency. `nominee.countryCode` is the country of the nominee's city or agency.
 */
export function canNominate(viewer: Viewer, nominee: NomineeRef): boolean {
  if (!viewer) return false;
  if (viewer.organisationKind === 'city_government') {
    return nominee.organisationKind === 'city_government' && nominee.cityId !== null && nominee.cityId === viewer.cityId;
  }
  if (viewer.organisationKind === 'national_agency') {
    return (nominee.organisationKind === 'city_government' || nominee.organisationKind === 'national_agency') && nominee.countryCode === viewer.countryCode;
  }
  return false;
}

/** An enrolment is seen by the trainee, whoever may nominate them (their city, their national representatives), the cohort's trainers and the secretariat. */
export function canViewEnrolment(viewer: Viewer, enrolment: NomineeRef, cohort: { deliveringOrganisationId: string }): boolean {
  if (!viewer) return false;
  return viewer.userId === enrolment.userId || canNominate(viewer, enrolment) || isCohortTrainer(viewer, cohort);
}

/** Training reports: the secretariat (all cohorts) and training partners (their own cohorts; the service narrows). */
export function canViewTrainingReports(viewer: Viewer): boolean {
  return canCreateCourses(viewer);
}

/* ---- Events, reverse trade missions and matchmaking ---- */

type EventRef = { organiserOrganisationId: string; status: 'draft' | 'published' | 'cancelled' | 'completed'; visibility: 'public' | 'partnership' };

/** The secretariat and U.S. agencies (which run missions) create events. */
export function canCreateEvents(viewer: Viewer): boolean {
  return viewer !== null && (viewer.organisationKind === 'secretariat' || viewer.organisationKind === 'us_agency');
}

/** An event's organisers: members of the organising organisation; the secretariat may act for any. */
export function isEventOrganiser(viewer: Viewer, event: { organiserOrganisationId: string }): boolean {
  return isSecretariat(viewer) || (viewer !== null && viewer.organisationId === event.organiserOrganisationId);
}

/** Drafts are the organisers' own; published (and past or cancelled) events are seen by the public or by anyone signed in, as their visibility says. */
export function canViewEvent(viewer: Viewer, event: EventRef): boolean {
  if (isEventOrganiser(viewer, event)) return true;
  if (event.status === 'draft') return false;
  return event.visibility === 'public' || viewer !== null;
}

/** A registration (with its needs, passport name and badge) is seen by its participant and the event's organisers only. */
export function canViewRegistration(viewer: Viewer, registration: { userId: string }, event: { organiserOrganisationId: string }): boolean {
  return viewer !== null && (viewer.userId === registration.userId || isEventOrganiser(viewer, event));
}

/** A meeting request is seen by its participants and the event's organisers. `participantUserIds` are the users of its registrations. */
export function canViewMeeting(viewer: Viewer, participantUserIds: readonly string[], event: { organiserOrganisationId: string }): boolean {
  return viewer !== null && (participantUserIds.includes(viewer.userId) || isEventOrganiser(viewer, event));
}

type DealRef = { cityId: string; countryCode: string; partnerOrganisationId: string; eventOrganiserOrganisationId?: string | null };

/**
 * A deal is seen and updated by its two sides (the city's staff, the partner's members), the
 * secretariat, and the organisers of the event or mission that produced it (they follow up what their
 * event brought about); the city's national representatives read it.
 */
export function canEditDeal(viewer: Viewer, deal: DealRef): boolean {
  if (!viewer) return false;
  if (isSecretariat(viewer) || viewer.organisationId === deal.partnerOrganisationId) return true;
  if (deal.eventOrganiserOrganisationId && viewer.organisationId === deal.eventOrganiserOrganisationId) return true;
  return viewer.organisationKind === 'city_government' && viewer.cityId === deal.cityId;
}

export function canViewDeal(viewer: Viewer, deal: DealRef): boolean {
  if (canEditDeal(viewer, deal)) return true;
  return viewer?.organisationKind === 'national_agency' && viewer.countryCode === deal.countryCode;
}

/* ---- Technical assistance and feasibility-study requests ---- */

type AssistanceRef = { cityId: string; countryCode: string; agencyOrganisationId: string };

/** The requesting city's own staff write the request (while it is a draft, or answering a request for information). */
export function canEditAssistanceRequest(viewer: Viewer, request: { cityId: string }): boolean {
  return viewer !== null && viewer.organisationKind === 'city_government' && viewer.cityId === request.cityId;
}

/** Reviewers: members of the U.S. agency the request is routed to; the secretariat may act for any. */
export function isAssistanceReviewer(viewer: Viewer, request: { agencyOrganisationId: string }): boolean {
  return isSecretariat(viewer) || (viewer !== null && viewer.organisationId === request.agencyOrganisationId);
}

/** The city, its national representatives, the routed agency's reviewers and the secretariat. */
export function canViewAssistanceRequest(viewer: Viewer, request: AssistanceRef): boolean {
  if (canEditAssistanceRequest(viewer, request) || isAssistanceReviewer(viewer, request)) return true;
  return viewer?.organisationKind === 'national_agency' && viewer.countryCode === request.countryCode;
}

/** Endorsement: the city's Chief Smart City Officer (an administrator of the city's organisation) or its national representative. */
export function canEndorseAssistanceRequest(viewer: Viewer, request: { cityId: string; countryCode: string }): boolean {
  if (!viewer) return false;
  if (viewer.organisationKind === 'city_government') return viewer.cityId === request.cityId && viewer.role === 'admin';
  return viewer.organisationKind === 'national_agency' && viewer.countryCode === request.countryCode;
}

/* ---- Solution providers ---- */

/** A company's solutions are written by its members (and the secretariat). */
export function canEditSolutions(viewer: Viewer, organisationId: string): boolean {
  return isSecretariat(viewer) || (viewer !== null && viewer.organisationId === organisationId && viewer.organisationKind === 'company');
}

/* ---- Investment pipeline ---- */

/** The kinds of organisation a city may share a non-public pipeline project with: companies above all, and any other partner. */
export const pipelineShareKinds: readonly OrganisationKind[] = ['company', 'us_city', 'us_agency', 'ngo', 'academia', 'cyber_centre'];

/**
 * A pipeline project is seen as an action-plan project is (canViewProject), and also by the members of
 * the organisations the city shared it with (`sharedWithOrganisationIds`: the project's shares).
 */
export function canViewPipelineProject(viewer: Viewer, project: { visibility: ProjectVisibility }, city: CityRef, sharedWithOrganisationIds: readonly string[]): boolean {
  if (canViewProject(viewer, project, city)) return true;
  return viewer !== null && sharedWithOrganisationIds.includes(viewer.organisationId);
}

/** Sharing a pipeline project with chosen organisations is the city's decision: its own staff (and the secretariat). */
export function canSharePipelineProject(viewer: Viewer, city: CityRef): boolean {
  return canEditCity(viewer, city);
}

/** Who may see the list of organisations a project is shared with: those who may share it, and the city's national representatives. */
export function canViewPipelineShares(viewer: Viewer, city: CityRef): boolean {
  return isCityInsider(viewer, city);
}
