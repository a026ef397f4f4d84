import { t, type MessageKey } from '../i18n/i18n.js';
import type { MemberRole, OrganisationKind, ProjectStatus, ProjectVisibility } from './apiTypes.js';

/** Human names for the API's enumerations (explicit maps, so a missing message fails the type check). */
const kindKeys: Record<OrganisationKind, MessageKey> = {
  secretariat: 'workspace.kind.secretariat',
  city_government: 'workspace.kind.city_government',
  national_agency: 'workspace.kind.national_agency',
  us_agency: 'workspace.kind.us_agency',
  us_city: 'workspace.kind.us_city',
  company: 'workspace.kind.company',
  ngo: 'workspace.kind.ngo',
  academia: 'workspace.kind.academia',
  cyber_centre: 'workspace.kind.cyber_centre',
};
const roleKeys: Record<MemberRole, MessageKey> = { admin: 'workspace.role.admin', member: 'workspace.role.member' };
type MemberStatus = 'invited' | 'active' | 'disabled';
const memberStatusKeys: Record<MemberStatus, MessageKey> = {
  invited: 'workspace.memberStatus.invited',
  active: 'workspace.memberStatus.active',
  disabled: 'workspace.memberStatus.disabled',
};
const statusKeys: Record<ProjectStatus, MessageKey> = {
  planning: 'workspace.projectStatus.planning',
  ongoing: 'workspace.projectStatus.ongoing',
  completed: 'workspace.projectStatus.completed',
};
const visibilityKeys: Record<ProjectVisibility, [MessageKey, MessageKey]> = {
  public: ['workspace.visibility.public', 'workspace.visibility.public.explanation'],
  partnership: ['workspace.visibility.partnership', 'workspace.visibility.partnership.explanation'],
  restricted: ['workspace.visibility.restricted', 'workspace.visibility.restricted.explanation'],
};

export const kindLabel = (kind: OrganisationKind) => t(kindKeys[kind]);
export const roleLabel = (role: MemberRole) => t(roleKeys[role]);
export const memberStatusLabel = (status: MemberStatus) => t(memberStatusKeys[status]);
export const projectStatusLabel = (status: ProjectStatus) => t(statusKeys[status]);
export const visibilityLabel = (visibility: ProjectVisibility) => t(visibilityKeys[visibility][0]);
export const visibilityExplanation = (visibility: ProjectVisibility) => t(visibilityKeys[visibility][1]);

// Filled badges with white text: only shades dark enough for 4.5:1 contrast.
export const projectStatusColor: Record<ProjectStatus, string> = { planning: 'gray.8', ongoing: 'blue.8', completed: 'teal.9' };
export const visibilityColor: Record<ProjectVisibility, string> = { public: 'teal.9', partnership: 'blue.8', restricted: 'grape.8' };
export const memberStatusColor: Record<MemberStatus, string> = { invited: 'violet.8', active: 'teal.9', disabled: 'gray.8' };
