/** Messages of solution providers and project matching (src/web/providers). */
export const providersEn = {
  // company directory (public)
  'providers.directory.apply': 'Apply filters',
  'providers.directory.back': 'All solutions',
  'providers.directory.count': '{count} solutions found',
  'providers.directory.description': 'What companies in the partnership offer cities: search by words, sector, focus area and country served.',
  'providers.directory.filters': 'Filter solutions',
  'providers.directory.search': 'Search',
  'providers.directory.title': 'Solutions directory',

  // fields
  'providers.field.countries': 'Countries served',
  'providers.field.countriesHint': 'Two-letter country codes such as VN or ID; press Enter after each.',
  'providers.field.country': 'Country served',
  'providers.field.countryHint': 'Two-letter code, e.g. VN',
  'providers.field.description': 'Description',
  'providers.field.focusArea': 'Focus area',
  'providers.field.focusAreas': 'ASEAN focus areas',
  'providers.field.name': 'Name',
  'providers.field.references': 'Reference deployments',
  'providers.field.sector': 'Sector',
  'providers.field.sectors': 'Sectors',
  'providers.field.tagsHint': 'Press Enter after each one.',
  'providers.field.technologies': 'Technologies',
  'providers.field.visibility': 'Who can see it',

  // interests and the shortlist
  'providers.interest.company': 'Company',
  'providers.interest.formNamed': 'Express interest in {title}',
  'providers.interest.message': 'Message to the city',
  'providers.interest.messageHint': 'Why your company fits: similar deployments, capacity, timing.',
  'providers.interest.none': 'No company has expressed interest yet.',
  'providers.interest.recordDeal': 'Record a deal',
  'providers.interest.recordDealNamed': 'Record a deal with {name}',
  'providers.interest.send': 'Express interest',
  'providers.interest.sent': 'Interest sent: the city has been told.',
  'providers.interest.shortlist': 'Shortlist',
  'providers.interest.shortlistAction': 'Shortlist',
  'providers.interest.shortlistNamed': 'Shortlist {name}',
  'providers.interest.shortlisted': 'Shortlisted',
  'providers.interest.title': 'Expressions of interest',
  'providers.interest.unshortlist': 'Remove from shortlist',
  'providers.interest.unshortlistNamed': 'Remove from shortlist: {name}',
  'providers.interest.when': 'Received',

  // navigation
  'providers.nav.solutions': 'Solutions',

  // opportunities (a company's matching projects)
  'providers.opportunities.description': "Pipeline projects that fit your company's solutions, best first, with the reasons.",
  'providers.opportunities.noSolutions': 'Add your solutions first: projects are matched to them.',
  'providers.opportunities.none': 'No open pipeline project fits your solutions yet.',
  'providers.opportunities.title': 'Opportunities for your company',
  'providers.opportunities.where': '{city} ({country}) · {sector}',

  // a project's providers
  'providers.project.back': 'Back to the project',
  'providers.project.description': 'Companies whose solutions fit this project of {city}, best first, with the reasons.',
  'providers.project.none': 'No provider’s solutions fit this project yet.',
  'providers.project.recommended': 'Recommended providers',
  'providers.project.solutions': 'Solutions: {list}',
  'providers.project.title': 'Providers for {title}',

  // reasons
  'providers.reason.country': 'Serves the country of the project’s city',
  'providers.reason.focusArea': 'Works in the project’s focus area',
  'providers.reason.focusAreaNamed': 'Works in the project’s focus area: {area}',
  'providers.reason.score': 'Score {score} = text {text} + sector {sector} + focus area {focusArea} + country {country}',
  'providers.reason.sector': 'Works in the project’s sector',
  'providers.reason.terms': 'Shared terms: {terms}',
  'providers.reason.why': 'Why it fits',

  // solutions
  'providers.solution.countriesList': 'Countries served: {list}',
  'providers.solution.referencesList': 'Reference deployments: {list}',
  'providers.solution.technologiesList': 'Technologies: {list}',
  'providers.solutions.add': 'Add a solution',
  'providers.solutions.cancel': 'Cancel',
  'providers.solutions.confirmDelete': 'Remove the solution “{name}”?',
  'providers.solutions.delete': 'Remove',
  'providers.solutions.deleteNamed': 'Remove {name}',
  'providers.solutions.description': "Your company's profile and the solutions it offers cities; public ones appear in the solutions directory.",
  'providers.solutions.edit': 'Edit',
  'providers.solutions.editNamed': 'Edit {name}',
  'providers.solutions.listTitle': 'Solutions',
  'providers.solutions.none': 'No solutions listed yet.',
  'providers.solutions.notCompany': 'Companies list their solutions here. Browse what they offer in the',
  'providers.solutions.save': 'Save the solution',
  'providers.solutions.saved': 'Solution saved.',
  'providers.solutions.title': 'Your solutions',

  // visibility
  'providers.visibility.partnership': 'Partnership members only',
  'providers.visibility.public': 'Public: in the solutions directory',
} as const;
