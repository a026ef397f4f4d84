import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { buildRankingIndex, topProjectsForProvider, topProvidersForProject, type RankProvider, type Recommendation } from '../../engines/ranking/ranking.js';
import { canEditSolutions, requireSignedIn, type Actor, type Viewer } from '../../policy/policy.js';
import type { AppContext } from '../../server/context.js';
import { AppError, forbidden, invalidInput, notFound, type FieldProblem } from '../../server/errors.js';
import { inTransaction } from '../../server/transaction.js';
import { findOrganisation } from '../accounts/queries.js';
import { writeAudit } from '../audit/queries.js';
import { listFocusAreas } from '../cities/queries.js';
import { notify } from '../notifications/service.js';
import { mayViewPipelineProject } from '../pipeline/service.js';
import {
  cityStaffIds,
  deleteSolution as deleteSolutionRow,
  findInterest,
  findPipelineProject,
  findSolution,
  insertInterest,
  insertSolution,
  interestedProjectIds,
  knownCountryCodes,
  listDirectory,
  listInterests,
  listMatchableSolutions,
  listOrganisationSolutions,
  listPipelineProjects,
  organisationMemberIds,
  setShortlisted,
  updateSolution as updateSolutionRow,
  type PipelineProjectRow,
  type SolutionRow,
} from './queries.js';
import type { directoryQuerySchema, interestBodySchema, opportunitiesQuerySchema, solutionBodySchema, solutionPatchSchema } from './schemas.js';

type Visibility = 'public' | 'partnership';
const visibleSolutionLevels = (viewer: Viewer): Visibility[] => (viewer ? ['public', 'partnership'] : ['public']);

const presentSolution = (row: SolutionRow) => ({ ...row, updatedAt: row.updatedAt.toISOString() });

/* ---- Solutions and the directory ---- */

export async function getCompanyProfile(db: Db, viewer: Viewer, organisationId: string) {
  const organisation = await findOrganisation(db, organisationId);
  if (!organisation || organisation.kind !== 'company') throw notFound('The company');
  const canEdit = canEditSolutions(viewer, organisationId);
  const rows = await listOrganisationSolutions(db, organisationId, canEdit ? ['public', 'partnership'] : visibleSolutionLevels(viewer));
  return {
    organisation: { id: organisation.id, name: organisation.name, kind: organisation.kind, website: organisation.website, description: organisation.description },
    canEdit,
    solutions: rows.map(presentSolution),
  };
}

export async function searchDirectory(db: Db, viewer: Viewer, query: z.infer<typeof directoryQuerySchema>) {
  const { items, total } = await listDirectory(db, { ...query, visibilities: visibleSolutionLevels(viewer) });
  return { items: items.map(presentSolution), total };
}

/** Focus areas must be the six ASEAN ones and countries known to Mitra; every problem is named. */
async function checkTaxonomy(db: Db, body: { focusAreaIds?: string[]; countriesServed?: string[] }) {
  const problems: FieldProblem[] = [];
  if (body.focusAreaIds?.length) {
    const known = new Set((await listFocusAreas(db)).map((f) => f.id));
    body.focusAreaIds.forEach((id, i) => {
      if (!known.has(id)) problems.push({ field: `body.focusAreaIds.${i}`, message: `"${id}" is not one of the six ASEAN focus areas` });
    });
  }
  if (body.countriesServed?.length) {
    const known = await knownCountryCodes(db);
    body.countriesServed.forEach((code, i) => {
      if (!known.has(code)) problems.push({ field: `body.countriesServed.${i}`, message: `"${code}" is not a country Mitra knows (ASEAN member states, Timor-Leste, United States)` });
    });
  }
  if (problems.length) throw invalidInput('The solution', problems);
}

const dedupe = <T extends { sectors?: string[]; focusAreaIds?: string[]; technologies?: string[]; countriesServed?: string[] }>(body: T): T => ({
  ...body,
  ...(body.sectors && { sectors: [...new Set(body.sectors)] }),
  ...(body.focusAreaIds && { focusAreaIds: [...new Set(body.focusAreaIds)] }),
  ...(body.technologies && { technologies: [...new Set(body.technologies)] }),
  ...(body.countriesServed && { countriesServed: [...new Set(body.countriesServed)] }),
});

function assertCanEditSolutions(actor: Actor, organisationName: string, organisationId: string) {
  if (!canEditSolutions(actor, organisationId)) throw forbidden(`Only members of ${organisationName} and the secretariat can change its solutions.`);
}

export async function createSolution(ctx: AppContext, viewer: Viewer, organisationId: string, input: z.infer<typeof solutionBodySchema>) {
  const actor = requireSignedIn(viewer);
  const organisation = await findOrganisation(ctx.db, organisationId);
  if (!organisation) throw notFound('The organisation');
  assertCanEditSolutions(actor, organisation.name, organisationId);
  if (organisation.kind !== 'company') throw new AppError('conflict', 'Solutions are listed by companies; this organisation is not a company.');
  const body = dedupe(input);
  await checkTaxonomy(ctx.db, body);
  const id = await inTransaction(ctx, async (tx) => {
    const newId = await insertSolution(tx, { ...body, organisationId });
    await writeAudit(tx, actor, { action: 'solution.created', entityType: 'solution', entityId: newId, after: await findSolution(tx, newId) });
    return newId;
  });
  return presentSolution((await findSolution(ctx.db, id))!);
}

async function editableSolution(db: Db, actor: Actor, solutionId: string) {
  const row = await findSolution(db, solutionId);
  // a partnership solution is seen by anyone signed in; only its company edits it
  if (!row) throw notFound('The solution');
  assertCanEditSolutions(actor, row.organisationName, row.organisationId);
  return row;
}

export async function updateSolution(ctx: AppContext, viewer: Viewer, solutionId: string, input: z.infer<typeof solutionPatchSchema>) {
  const actor = requireSignedIn(viewer);
  const before = await editableSolution(ctx.db, actor, solutionId);
  const patch = dedupe(input);
  await checkTaxonomy(ctx.db, patch);
  await inTransaction(ctx, async (tx) => {
    await updateSolutionRow(tx, solutionId, patch);
    await writeAudit(tx, actor, { action: 'solution.updated', entityType: 'solution', entityId: solutionId, before, after: await findSolution(tx, solutionId) });
  });
  return presentSolution((await findSolution(ctx.db, solutionId))!);
}

export async function deleteSolution(ctx: AppContext, viewer: Viewer, solutionId: string) {
  const actor = requireSignedIn(viewer);
  const before = await editableSolution(ctx.db, actor, solutionId);
  await inTransaction(ctx, async (tx) => {
    await deleteSolutionRow(tx, solutionId);
    await writeAudit(tx, actor, { action: 'solution.deleted', entityType: 'solution', entityId: solutionId, before });
  });
}

/* ---- Matching ---- */

type ProviderInfo = RankProvider & { name: string; solutionNames: string[] };

/** One matching document per company: all its solutions the viewer may see, together. */
async function providerCorpus(db: Db, viewer: Viewer): Promise<ProviderInfo[]> {
  const byCompany = new Map<string, ProviderInfo>();
  for (const s of await listMatchableSolutions(db, visibleSolutionLevels(viewer))) {
    let p = byCompany.get(s.organisationId);
    if (!p) {
      p = { id: s.organisationId, name: s.organisationName, text: '', sectors: [], focusAreaIds: [], countries: [], solutionNames: [] };
      byCompany.set(s.organisationId, p);
    }
    p.text += ` ${s.name} ${s.description} ${s.technologies.join(' ')} ${s.referenceDeployments}`;
    p.sectors = [...new Set([...p.sectors, ...s.sectors])];
    p.focusAreaIds = [...new Set([...p.focusAreaIds, ...s.focusAreaIds])];
    p.countries = [...new Set([...p.countries, ...s.countriesServed])];
    p.solutionNames.push(s.name);
  }
  return [...byCompany.values()];
}

const projectText = (p: Pick<PipelineProjectRow, 'title' | 'description' | 'location'>) => `${p.title} ${p.title} ${p.description} ${p.location}`;
const rankProject = (p: PipelineProjectRow) => ({ id: p.id, text: projectText(p), sector: p.sector, focusAreaId: p.focusAreaId, countryCode: p.countryCode });
const reasons = (r: Recommendation) => ({ score: r.score, parts: r.parts, sharedTerms: r.sharedTerms, sector: r.sector, focusArea: r.focusArea, country: r.country });

/** Shortlisting is the city's decision: its own staff only. */
const isCityStaff = (viewer: Viewer, cityId: string) => viewer?.organisationKind === 'city_government' && viewer.cityId === cityId;

async function visibleProject(db: Db, viewer: Viewer, projectId: string) {
  const project = await findPipelineProject(db, projectId);
  if (!project || !(await mayViewPipelineProject(db, viewer, project))) throw notFound('The pipeline project');
  return project;
}

const presentInterest = (row: Awaited<ReturnType<typeof listInterests>>[number]) => ({
  ...row,
  createdAt: row.createdAt.toISOString(),
  shortlistedAt: row.shortlistedAt?.toISOString() ?? null,
});

/** The providers whose solutions fit a project, ranked with reasons; the city's staff also see the interests. */
export async function providersForProject(db: Db, viewer: Viewer, projectId: string, limit = 20) {
  requireSignedIn(viewer);
  const project = await visibleProject(db, viewer, projectId);
  const providers = await providerCorpus(db, viewer);
  const index = buildRankingIndex([rankProject(project)], providers);
  const info = new Map(providers.map((p) => [p.id, p]));
  const canShortlist = isCityStaff(viewer, project.cityId);
  const interests = canShortlist ? await listInterests(db, projectId) : viewer?.organisationKind === 'company' ? await listInterests(db, projectId, viewer.organisationId) : [];
  return {
    project: { id: project.id, title: project.title, cityId: project.cityId, cityName: project.cityName, sector: project.sector, focusAreaId: project.focusAreaId, visibility: project.visibility },
    canShortlist,
    recommendations: topProvidersForProject(index, project.id, limit).map((r) => ({
      ...reasons(r),
      organisationId: r.providerId,
      organisationName: info.get(r.providerId)!.name,
      solutionNames: info.get(r.providerId)!.solutionNames,
    })),
    interests: interests.map(presentInterest),
  };
}

/**
 * The projects that fit a company, ranked with reasons: public and partnership projects and those the
 * cities shared with the company, never other restricted ones, whoever asks (the secretariat looking on
 * a company's behalf sees what the company would).
 */
export async function opportunities(db: Db, viewer: Viewer, query: z.infer<typeof opportunitiesQuerySchema>) {
  const actor = requireSignedIn(viewer);
  const organisationId = query.organisationId ?? actor.organisationId;
  const organisation = await findOrganisation(db, organisationId);
  if (!organisation || organisation.kind !== 'company') throw notFound('The company');
  if (!canEditSolutions(actor, organisationId)) throw forbidden(`Only members of ${organisation.name} and the secretariat can see its opportunities.`);
  const providers = await providerCorpus(db, actor);
  const projects = await listPipelineProjects(db, ['public', 'partnership'], organisationId);
  const index = buildRankingIndex(projects.map(rankProject), providers);
  const byId = new Map(projects.map((p) => [p.id, p]));
  const interested = await interestedProjectIds(db, organisationId);
  return {
    organisationId,
    organisationName: organisation.name,
    hasSolutions: providers.some((p) => p.id === organisationId),
    items: topProjectsForProvider(index, organisationId, query.limit).map((r) => {
      const p = byId.get(r.projectId)!;
      return {
        ...reasons(r),
        projectId: p.id,
        title: p.title,
        cityId: p.cityId,
        cityName: p.cityName,
        countryCode: p.countryCode,
        projectSector: p.sector,
        focusAreaId: p.focusAreaId,
        stage: p.stage,
        interested: interested.has(p.id),
      };
    }),
  };
}

/* ---- Interests and the shortlist ---- */

export async function expressInterest(ctx: AppContext, viewer: Viewer, projectId: string, body: z.infer<typeof interestBodySchema>) {
  const actor = requireSignedIn(viewer);
  const project = await visibleProject(ctx.db, actor, projectId);
  if (actor.organisationKind !== 'company') throw forbidden('Only companies express interest in pipeline projects.');
  if (project.stage === 'operational') throw new AppError('conflict', `"${project.title}" is already operational: it no longer takes expressions of interest.`);
  await inTransaction(ctx, async (tx, after) => {
    const inserted = await insertInterest(tx, { projectId, organisationId: actor.organisationId, message: body.message, expressedBy: actor.userId });
    if (!inserted) throw new AppError('conflict', `Your company has already expressed interest in "${project.title}".`);
    const row = await findInterest(tx, projectId, actor.organisationId);
    await writeAudit(tx, actor, { action: 'project_interest.expressed', entityType: 'investment_project', entityId: projectId, after: row });
    const link = `/app/pipeline/${projectId}/providers`;
    await notify(ctx, tx, after, await cityStaffIds(tx, project.cityId), {
      kind: 'project_interest.expressed',
      title: `${row!.organisationName} is interested in ${project.title}`,
      body: `${row!.organisationName} expressed interest in "${project.title}":\n\n${body.message}`,
      link,
    });
    await notify(ctx, tx, after, await organisationMemberIds(tx, actor.organisationId), {
      kind: 'project_interest.expressed',
      title: `Interest sent: ${project.title}`,
      body: `${actor.name} expressed ${row!.organisationName}'s interest in "${project.title}" (${project.cityName}). The city has been told.`,
      link,
    });
  });
  return presentInterest((await findInterest(ctx.db, projectId, actor.organisationId))!);
}

export async function shortlist(ctx: AppContext, viewer: Viewer, projectId: string, organisationId: string, shortlisted: boolean) {
  const actor = requireSignedIn(viewer);
  const project = await visibleProject(ctx.db, actor, projectId);
  if (!isCityStaff(actor, project.cityId)) throw forbidden(`Only ${project.cityName}'s own city staff can shortlist companies for its projects.`);
  const before = await findInterest(ctx.db, projectId, organisationId);
  if (!before) throw notFound("The company's interest");
  if (before.shortlisted === shortlisted) return presentInterest(before);
  await inTransaction(ctx, async (tx, after) => {
    await setShortlisted(tx, projectId, organisationId, shortlisted);
    await writeAudit(tx, actor, {
      action: shortlisted ? 'project_interest.shortlisted' : 'project_interest.unshortlisted',
      entityType: 'investment_project',
      entityId: projectId,
      before,
      after: await findInterest(tx, projectId, organisationId),
    });
    const message = {
      kind: shortlisted ? 'project_interest.shortlisted' : 'project_interest.unshortlisted',
      title: shortlisted ? `Shortlisted for ${project.title}` : `No longer shortlisted for ${project.title}`,
      body: shortlisted
        ? `${project.cityName} shortlisted ${before.organisationName} for "${project.title}".`
        : `${project.cityName} removed ${before.organisationName} from the shortlist for "${project.title}".`,
      link: `/app/pipeline/${projectId}/providers`,
    };
    await notify(ctx, tx, after, await organisationMemberIds(tx, organisationId), message);
    await notify(ctx, tx, after, await cityStaffIds(tx, project.cityId), message);
  });
  return presentInterest((await findInterest(ctx.db, projectId, organisationId))!);
}
