import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeAccessLevels } from '../policy/policy.js';
import { createTestApp, makeActor, makeOrganisation, makePerson, type TestApp, type TestPerson } from '../testing/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('route access policy', () => {
  it('every operation in the OpenAPI document declares who may call it', async () => {
    const document = (await t.request(null, { method: 'GET', url: '/api/openapi.json' })).json();
    expect(document.openapi).toBe('3.1.0');
    const operations = Object.entries(document.paths as Record<string, Record<string, { 'x-access'?: string }>>).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, access: operation['x-access'] })),
    );
    expect(operations.length).toBeGreaterThan(30);
    const undeclared = operations.filter((o) => !o.access || !(routeAccessLevels as readonly string[]).includes(o.access));
    expect(undeclared.map((o) => o.route)).toEqual([]);
  });

  it('refuses to build an app with a route that declares no policy', async () => {
    const { default: Fastify } = await import('fastify');
    const app = Fastify();
    app.addHook('onRoute', (route) => {
      if (route.url.startsWith('/api/v1/') && !route.config?.access) throw new Error(`Route ${route.url} declares no access policy`);
    });
    expect(() => app.get('/api/v1/open', async () => 'x')).toThrow(/declares no access policy/);
  });
});

describe('who gets what on the city and SCAP routes', () => {
  type Who = 'public' | 'company' | 'otherCity' | 'ownCityMember' | 'nationalRep' | 'otherNationalRep' | 'secretariat';
  const people = {} as Record<Who, TestPerson | null>;
  let publicProject: string;
  let restrictedProject: string;

  beforeAll(async () => {
    people.public = null;
    people.company = await makeActor(t, 'company');
    people.otherCity = await makeActor(t, 'city_government', { cityId: 'yangon' });
    const ownCity = await makeOrganisation(t, { kind: 'city_government', cityId: 'mandalay' });
    people.ownCityMember = await makePerson(t, ownCity, { role: 'member' });
    people.nationalRep = await makeActor(t, 'national_agency', { countryCode: 'MM' });
    people.otherNationalRep = await makeActor(t, 'national_agency', { countryCode: 'PH' });
    people.secretariat = await makeActor(t, 'secretariat', { role: 'member' });
    const create = async (visibility: string) =>
      (
        await t.request(people.ownCityMember, {
          method: 'POST',
          url: '/api/v1/cities/mandalay/projects',
          payload: { title: `Water supply ${visibility}`, focusAreaId: 'quality-environment', status: 'ongoing', visibility },
        })
      ).json().id as string;
    publicProject = await create('public');
    restrictedProject = await create('restricted');
  });

  const matrix: { route: string; request: () => { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; url: string; payload?: object }; expected: Record<Who, number> }[] = [
    {
      route: 'GET /cities/:id',
      request: () => ({ method: 'GET', url: '/api/v1/cities/mandalay' }),
      expected: { public: 200, company: 200, otherCity: 200, ownCityMember: 200, nationalRep: 200, otherNationalRep: 200, secretariat: 200 },
    },
    {
      route: 'PATCH /cities/:id',
      request: () => ({ method: 'PATCH', url: '/api/v1/cities/mandalay', payload: { summary: 'Royal city' } }),
      expected: { public: 401, company: 403, otherCity: 403, ownCityMember: 200, nationalRep: 403, otherNationalRep: 403, secretariat: 200 },
    },
    {
      route: 'POST /cities/:id/projects',
      request: () => ({ method: 'POST', url: '/api/v1/cities/mandalay/projects', payload: { title: 'Matrix project', focusAreaId: 'civic-social', status: 'planning' } }),
      expected: { public: 401, company: 403, otherCity: 403, ownCityMember: 201, nationalRep: 403, otherNationalRep: 403, secretariat: 201 },
    },
    {
      route: 'GET /projects/:id (public)',
      request: () => ({ method: 'GET', url: `/api/v1/projects/${publicProject}` }),
      expected: { public: 200, company: 200, otherCity: 200, ownCityMember: 200, nationalRep: 200, otherNationalRep: 200, secretariat: 200 },
    },
    {
      route: 'GET /projects/:id (restricted)',
      request: () => ({ method: 'GET', url: `/api/v1/projects/${restrictedProject}` }),
      expected: { public: 404, company: 404, otherCity: 404, ownCityMember: 200, nationalRep: 200, otherNationalRep: 404, secretariat: 200 },
    },
    {
      route: 'PATCH /projects/:id (public)',
      request: () => ({ method: 'PATCH', url: `/api/v1/projects/${publicProject}`, payload: { description: 'Updated' } }),
      expected: { public: 401, company: 403, otherCity: 403, ownCityMember: 200, nationalRep: 403, otherNationalRep: 403, secretariat: 200 },
    },
    {
      route: 'PATCH /projects/:id (restricted)',
      request: () => ({ method: 'PATCH', url: `/api/v1/projects/${restrictedProject}`, payload: { description: 'Updated' } }),
      expected: { public: 401, company: 404, otherCity: 404, ownCityMember: 200, nationalRep: 403, otherNationalRep: 404, secretariat: 200 },
    },
    {
      route: 'GET /monitoring',
      request: () => ({ method: 'GET', url: '/api/v1/monitoring?year=2026' }),
      expected: { public: 401, company: 200, otherCity: 200, ownCityMember: 200, nationalRep: 200, otherNationalRep: 200, secretariat: 200 },
    },
  ];

  for (const row of matrix) {
    it(`${row.route}`, async () => {
      const actual = {} as Record<Who, number>;
      for (const who of Object.keys(row.expected) as Who[]) {
        actual[who] = (await t.request(people[who], row.request())).statusCode;
      }
      expect(actual).toEqual(row.expected);
    });
  }
});
