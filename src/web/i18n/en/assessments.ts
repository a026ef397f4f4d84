/** Messages of the cyber self-assessment (NIST CSF 2.0, activity 3b) in the workspace (src/web/assessments). */
export const assessmentsEn = {
  // navigation
  'assessments.nav.assessments': 'Self-assessment',
  'assessments.nav.benchmarks': 'Benchmarks',
  'assessments.nav.shared': 'Shared assessments',

  // shared words
  'assessments.back': 'Back to the assessments',
  'assessments.createdOn': 'Started by {name} on {date}',
  'assessments.no': 'No',
  'assessments.priority': 'Priority',
  'assessments.someone': 'someone',
  'assessments.yes': 'Yes',

  // about
  'assessments.about.csfBody': 'The city answers each of the 106 subcategories of the NIST Cybersecurity Framework (CSF) 2.0 with its current and its target level on the scale below, or marks it not applicable with a reason. Colleagues can work on the same assessment at once: every answer is saved as it is given. Once submitted, an assessment is frozen; a new one records later progress, and the gap analysis shows which gaps closed.',
  'assessments.about.csfTitle': 'How the self-assessment works',
  'assessments.about.save': 'Save title and scope',
  'assessments.about.saved': 'The title and scope are saved.',
  'assessments.about.title': 'Title and scope',

  // answer
  'assessments.answer.current': 'Current level',
  'assessments.answer.currentFor': 'Current level for {id}',
  'assessments.answer.evidence': 'Evidence',
  'assessments.answer.evidenceFor': 'Evidence for {id}',
  'assessments.answer.evidenceHelp': 'What shows this level: documents, systems, practices (attach files below, under Attachments).',
  'assessments.answer.notApplicable': 'Not applicable',
  'assessments.answer.notApplicableFor': '{id} is not applicable',
  'assessments.answer.reason': 'Why it does not apply',
  'assessments.answer.reasonFor': 'Why {id} does not apply',
  'assessments.answer.reasonNeeded': 'Say why it does not apply: the answer is saved once there is a reason.',
  'assessments.answer.target': 'Target level',
  'assessments.answer.targetFor': 'Target level for {id}',

  // attachments
  'assessments.attachments.delete': 'Delete',
  'assessments.attachments.intro': 'Evidence documents for the whole assessment (policies, plans, reports). Name them in the evidence notes of the subcategories they support. They are seen by whoever may see the assessment.',
  'assessments.attachments.meta': '{size}, added {date}',
  'assessments.attachments.title': 'Attachments ({count})',

  // benchmarks
  'assessments.benchmarks.about': 'Each city counts once, with its latest submitted assessment. Figures are shown only where at least three cities contribute, so that no city’s answers can be picked out; with fewer, no figure is given at all.',
  'assessments.benchmarks.aboutTitle': 'How benchmarks are made',
  'assessments.benchmarks.contributors': '{count} cities contribute to the benchmarks of {where}.',
  'assessments.benchmarks.countryTitle': 'Benchmarks of {country}',
  'assessments.benchmarks.description': 'How the cities’ current levels of the NIST CSF 2.0 functions and categories compare.',
  'assessments.benchmarks.network': 'Whole network',
  'assessments.benchmarks.networkTitle': 'Benchmarks of the network',
  'assessments.benchmarks.notYet': 'Benchmarks appear when at least {minimum} cities have submitted an assessment: {more} more needed for {where}.',
  'assessments.benchmarks.ownFrom': 'Your city’s figures come from its latest submitted assessment,',
  'assessments.benchmarks.ownNone': 'Your city has not submitted an assessment yet: submit one to see where it stands.',
  'assessments.benchmarks.ownSubmitted': '(submitted {date}).',
  'assessments.benchmarks.plotLegend': 'The bar shows the spread on the 0–4 scale: lines from the lowest to the highest level, the box from the lower to the upper quartile, the thick line at the median.',
  'assessments.benchmarks.plotLegendOwn': 'The bar shows the spread on the 0–4 scale: lines from the lowest to the highest level, the box from the lower to the upper quartile, the thick line at the median, the diamond at your city.',
  'assessments.benchmarks.scale': 'Levels are averages of the current levels on the implementation scale: 0 not in place, 1 initial and ad hoc, 2 partly in place, 3 in place across the scope, 4 in place, measured and reviewed.',
  'assessments.benchmarks.tableLabel': 'Benchmarks of {name}',
  'assessments.benchmarks.theNetwork': 'the network',
  'assessments.benchmarks.title': 'Benchmarks',
  'assessments.benchmarks.view': 'Show benchmarks of',
  'assessments.benchmarks.wholeFunction': '{name} (whole function)',
  'assessments.benchmarks.withheld': 'Not shown: fewer than three cities contribute ({more} more needed).',

  // categoryFill
  'assessments.categoryFill.apply': 'Apply to all of {category}',
  'assessments.categoryFill.current': 'Current level for all of {category}',
  'assessments.categoryFill.done': 'Saved for every applicable subcategory of {category}. Each answer can still be changed below.',
  'assessments.categoryFill.keep': 'Leave as it is',
  'assessments.categoryFill.target': 'Target level for all of {category}',
  'assessments.categoryFill.title': 'The same level for the whole of {category} (optional)',

  // cohortStatus
  'assessments.cohortStatus.open': 'open for nominations',
  'assessments.cohortStatus.planned': 'planned',

  // col
  'assessments.col.category': 'Category',
  'assessments.col.cities': 'Cities',
  'assessments.col.city': 'City',
  'assessments.col.current': 'Current',
  'assessments.col.date': 'Date',
  'assessments.col.functionOrCategory': 'Function or category',
  'assessments.col.gap': 'Gap',
  'assessments.col.max': 'Highest',
  'assessments.col.median': 'Median',
  'assessments.col.min': 'Lowest',
  'assessments.col.notApplicable': 'Not applicable',
  'assessments.col.progress': 'Answered',
  'assessments.col.q1': 'Lower quartile',
  'assessments.col.q3': 'Upper quartile',
  'assessments.col.rank': 'Rank',
  'assessments.col.scope': 'Scope',
  'assessments.col.shared': 'Shared with national representative',
  'assessments.col.spread': 'Spread',
  'assessments.col.standing': 'Where your city stands',
  'assessments.col.status': 'Status',
  'assessments.col.subcategory': 'Subcategory',
  'assessments.col.target': 'Target',
  'assessments.col.title': 'Assessment',
  'assessments.col.yourCity': 'Your city',

  // compare
  'assessments.compare.change': 'Change',
  'assessments.compare.choose': 'Choose an earlier assessment',
  'assessments.compare.closed': 'Gap closed',
  'assessments.compare.currentNow': 'Current now',
  'assessments.compare.currentThen': 'Current then',
  'assessments.compare.gapNow': 'Gap now',
  'assessments.compare.gapThen': 'Gap then',
  'assessments.compare.narrowed': 'Gap narrowed',
  'assessments.compare.noGap': 'No gap then or now',
  'assessments.compare.noSameScope': 'No earlier assessment has the same scope. Choose one above to compare anyway.',
  'assessments.compare.none': 'There is no earlier submitted assessment of the city to compare with. Once this one is submitted, the next assessment will show which gaps closed.',
  'assessments.compare.notComparable': 'Not answered in one of them',
  'assessments.compare.option': '{title} (submitted {date}; {scope})',
  'assessments.compare.summary': 'Since “{title}” (submitted {date}): {closed} category gaps closed, {narrowed} narrowed (closed ones included).',
  'assessments.compare.title': 'Compared with an earlier assessment',
  'assessments.compare.unchanged': 'Unchanged',
  'assessments.compare.widened': 'Gap widened',
  'assessments.compare.with': 'Compare with',

  // courses
  'assessments.courses.addresses': 'Addresses these gaps:',
  'assessments.courses.by': 'Delivered by {organisation}',
  'assessments.courses.cohort': '{title}: {from} to {to}, {mode}, {status}',
  'assessments.courses.gap': '{id} {name} (gap {gap})',
  'assessments.courses.intro': 'Published courses that address the largest gaps, the most relevant first. Open a course to see its cohorts and nominate officials.',
  'assessments.courses.nextCohorts': 'Next cohorts:',
  'assessments.courses.noCohorts': 'No cohort is planned yet.',
  'assessments.courses.noGaps': 'There are no gaps yet to recommend training for.',
  'assessments.courses.none': 'No published course addresses these gaps yet.',
  'assessments.courses.title': 'Recommended training',

  // delete
  'assessments.delete.button': 'Delete this draft',
  'assessments.delete.confirm': 'Yes, delete the draft',
  'assessments.delete.confirmBody': 'The draft, all its answers and its attachments are deleted for everyone in the city. This cannot be undone.',
  'assessments.delete.confirmTitle': 'Delete “{title}”?',

  // field
  'assessments.field.city': 'City',
  'assessments.field.createdBy': 'Started',
  'assessments.field.scope': 'Scope',
  'assessments.field.scopeNotes': 'Scope notes',
  'assessments.field.scopeNotesHelp': 'What is in and out of the scope: departments, sites, systems.',
  'assessments.field.system': 'System assessed',
  'assessments.field.systemChoose': 'Choose the system',
  'assessments.field.title': 'Title',
  'assessments.field.titleHelp': 'For example: City administration 2026, or Traffic management baseline.',

  // function
  'assessments.function.heading': '{name} ({id})',

  // gaps
  'assessments.gaps.answered': 'Answered',
  'assessments.gaps.back': 'Back to “{title}”',
  'assessments.gaps.csv': 'Download CSV (one row per subcategory)',
  'assessments.gaps.draftNote': 'This assessment is still a draft: the analysis covers the answers given so far.',
  'assessments.gaps.functionValue': 'Current {current}, target {target}, gap {gap}.',
  'assessments.gaps.howComputed': 'Figures are averages over the applicable, answered subcategories. A gap is the target minus the current level, never below zero (exceeding a target in one place does not hide a gap elsewhere).',
  'assessments.gaps.na': 'n/a',
  'assessments.gaps.noGaps': 'No category has a gap between its current and target levels.',
  'assessments.gaps.open': 'Gap analysis',
  'assessments.gaps.overall': 'All functions',
  'assessments.gaps.overallValue': 'current {current}, target {target}, gap {gap}',
  'assessments.gaps.pdf': 'Download the report (PDF)',
  'assessments.gaps.profile': 'Current and target profile by function',
  'assessments.gaps.profileIntro': 'For each function, a radar chart of current (solid line, round marks) against target (dashed line, square marks) on the 0–4 scale, with the figures in the table below it.',
  'assessments.gaps.ranked': 'Largest gaps',
  'assessments.gaps.rankedIntro': 'Categories ranked by their gap; a gap in one of the city’s priority categories counts one and a half times.',
  'assessments.gaps.subcategoryCaption': 'Subcategories of {name}: current and target levels',
  'assessments.gaps.subcategoryGap': '(current {current}, target {target}, gap {gap})',
  'assessments.gaps.subcategoryGaps': 'Subcategories with the largest gaps',
  'assessments.gaps.summary': 'Summary',
  'assessments.gaps.tableCaption': '{name}: current and target by category',
  'assessments.gaps.title': 'Gap analysis',
  'assessments.gaps.titleOf': 'Gap analysis: {title}',

  // level
  'assessments.level.0': 'Not in place',
  'assessments.level.1': 'Initial, ad hoc',
  'assessments.level.2': 'Partly in place',
  'assessments.level.3': 'In place across the scope',
  'assessments.level.4': 'In place, measured and reviewed',
  'assessments.level.labelled': '{level} – {name}',
  'assessments.level.notJudged': 'Not judged yet',
  'assessments.level.unknown': 'Unknown',

  // list
  'assessments.list.benchmarksHint': 'How do the cities compare?',
  'assessments.list.cityHeading': 'The city’s assessments',
  'assessments.list.description': 'Your city’s cyber self-assessments against the NIST Cybersecurity Framework 2.0. Only your city’s staff see them, and your national representatives when the city shares one.',
  'assessments.list.descriptionNational': 'Cyber self-assessments the cities of your country share with you.',
  'assessments.list.gaps': 'Gap analysis',
  'assessments.list.gapsOf': 'Gap analysis of {title}',
  'assessments.list.none': 'The city has no assessment yet. Start one with “New assessment”.',
  'assessments.list.noneShared': 'No city of your country shares an assessment with you yet.',
  'assessments.list.sharedHeading': 'Shared with you',
  'assessments.list.submittedOn': 'Submitted {date}',
  'assessments.list.title': 'Cyber self-assessment',
  'assessments.list.titleNational': 'Shared self-assessments',
  'assessments.list.updatedOn': 'Changed {date}',

  // mode
  'assessments.mode.blended': 'blended',
  'assessments.mode.in_person': 'in person',
  'assessments.mode.online': 'online',

  // new
  'assessments.new.button': 'New assessment',
  'assessments.new.create': 'Start the assessment',
  'assessments.new.intro': 'The assessment is for your city. Choose what it covers; you can change the title and scope until it is submitted.',
  'assessments.new.title': 'New self-assessment',

  // others
  'assessments.others.body': 'A colleague saved answers to this assessment: the page now shows them. Your own unsaved changes are kept.',
  'assessments.others.title': 'Updated with a colleague’s changes',

  // page
  'assessments.page.title': 'Cyber self-assessment',

  // priorities
  'assessments.priorities.intro': 'Categories the city gives priority to: their gaps rank higher in the gap analysis.',
  'assessments.priorities.none': 'No priority categories chosen.',
  'assessments.priorities.title': 'Priority categories',

  // progress
  'assessments.progress.label': 'Subcategories answered',
  'assessments.progress.short': '{answered} of {total} answered',
  'assessments.progress.text': '{answered} of {total} subcategories answered ({notApplicable} not applicable)',

  // questionnaire
  'assessments.questionnaire.allAnswered': 'Every subcategory of this category is answered.',
  'assessments.questionnaire.intro': 'Open a function, then a category. For each subcategory give the current and the target level, or mark it not applicable and say why. Each answer is saved as you go.',
  'assessments.questionnaire.introReadOnly': 'Open a function, then a category, to read the answers.',
  'assessments.questionnaire.title': 'Questionnaire',
  'assessments.questionnaire.unansweredOnly': 'Show only subcategories not answered yet',

  // radar
  'assessments.radar.bySubcategory': 'This function has fewer than three categories: the chart shows its subcategories.',
  'assessments.radar.current': 'Current level',
  'assessments.radar.describe': 'Radar chart of current against target levels on the 0–4 scale, {count} axes. The figures are in the table that follows.',
  'assessments.radar.target': 'Target level',
  'assessments.radar.title': '{name}: current and target by category',
  'assessments.radar.titleSubcategories': '{name}: current and target by subcategory',

  // refused
  'assessments.refused.benchmarks': 'Benchmarks are for city governments, national representatives and the partnership secretariat.',
  'assessments.refused.list': 'Cyber self-assessments are kept by each city’s own staff and shared only with their national representatives. Benchmarks across cities are open to the secretariat.',
  'assessments.refused.title': 'You cannot see this page',

  // save
  'assessments.save.allSaved': 'All changes are saved.',
  'assessments.save.allSavedAt': 'All changes are saved (last at {time}).',
  'assessments.save.failed': 'Not saved: {ids}. See the message at each answer and try again.',
  'assessments.save.incomplete': 'Not saved yet: say why it does not apply.',
  'assessments.save.notSavedTitle': '{id} is not saved',
  'assessments.save.offline': 'Mitra could not be reached. Check the connection and try again: your answer is kept on this page.',
  'assessments.save.pending': 'Unsaved changes…',
  'assessments.save.retry': 'Try again',
  'assessments.save.savedBy': 'Saved {when} by {name}',
  'assessments.save.saving': 'Saving…',
  'assessments.save.unsaved': 'Changes waiting to be saved ({count} answers).',

  // scale
  'assessments.scale.caption': 'The implementation scale',
  'assessments.scale.intro': 'Every subcategory is answered with a current and a target level on this scale.',
  'assessments.scale.level': 'Level',
  'assessments.scale.meaning': 'Meaning',
  'assessments.scale.title': 'Implementation scale',

  // scope
  'assessments.scope.cityHelp': 'Every department and system of the city government.',
  'assessments.scope.city_administration': 'The whole city administration',
  'assessments.scope.oneSystem': 'One system: {system}',
  'assessments.scope.system': 'One system',
  'assessments.scope.systemHelp': 'For example the traffic management or water system only.',

  // sharing
  'assessments.sharing.help': 'National representatives of your country may then read the assessment and its gap analysis. You can stop sharing at any time, also after submission.',
  'assessments.sharing.isShared': 'Shared with the national representatives.',
  'assessments.sharing.label': 'Share with the national representatives',
  'assessments.sharing.notShared': 'Not shared with the national representatives.',

  // standing
  'assessments.standing.above_q3': 'Above the upper quartile',
  'assessments.standing.below_q1': 'Below the lower quartile',
  'assessments.standing.median_to_q3': 'Between the median and the upper quartile',
  'assessments.standing.q1_to_median': 'Between the lower quartile and the median',

  // status
  'assessments.status.draft': 'Draft',
  'assessments.status.readOnlyDraft': 'This draft is {city}’s: you can read it but not change it.',
  'assessments.status.submitted': 'Submitted',
  'assessments.status.submittedOn': 'Submitted on {date} by {name}. It is frozen: answers, tiers and scope can no longer be changed.',
  'assessments.status.title': 'Status and progress',

  // submit
  'assessments.submit.before': 'Before it can be submitted:',
  'assessments.submit.button': 'Submit the assessment',
  'assessments.submit.confirm': 'Yes, submit',
  'assessments.submit.confirmBody': 'Once submitted, the answers, the tiers and the scope are frozen: nobody can change them any more. Sharing with the national representatives stays your choice. Later progress is recorded in a new assessment.',
  'assessments.submit.confirmTitle': 'Submit “{title}”?',
  'assessments.submit.intro': 'Submit when every subcategory is answered and both tiers are judged with a rationale.',
  'assessments.submit.missingAnswers': 'Subcategories not answered ({count}): {ids}.',
  'assessments.submit.missingAnswersMore': 'Subcategories not answered ({count}): {ids} and {more} more (use “Show only subcategories not answered yet”).',
  'assessments.submit.missingRationale': 'Say why the city judges its {tier} so.',
  'assessments.submit.missingTier': 'Judge the {tier}.',
  'assessments.submit.refused': 'Not submitted',
  'assessments.submit.title': 'Submit',
  'assessments.submit.waitForSaves': 'Wait until every answer is saved.',

  // system
  'assessments.system.buildings': 'buildings',
  'assessments.system.cctv': 'CCTV and cameras',
  'assessments.system.city_services': 'city services',
  'assessments.system.energy': 'energy',
  'assessments.system.network': 'the city network',
  'assessments.system.traffic': 'traffic management',
  'assessments.system.water': 'water',

  // tier
  'assessments.tier.1': 'Partial',
  'assessments.tier.1.help': 'Cyber risk is handled case by case, often only after something happens. Priorities are not set from the city’s risks, objectives or threats, and few people across the administration are aware of them.',
  'assessments.tier.2': 'Risk Informed',
  'assessments.tier.2.help': 'Leaders approve ways of handling cyber risk, but they are not yet city-wide policy. Staff know about cyber risk, yet departments deal with it unevenly and share little.',
  'assessments.tier.3': 'Repeatable',
  'assessments.tier.3.help': 'The approach is approved, written down as city policy and applied the same way across the administration, and it is updated as the city’s needs, technology and threats change.',
  'assessments.tier.4': 'Adaptive',
  'assessments.tier.4.help': 'The city learns from incidents, lessons and measures and adapts its practices continually. Cyber risk is part of everyday decisions and of the city’s culture, and information is shared with partners in time.',
  'assessments.tier.labelled': 'Tier {tier}: {name}',
  'assessments.tier.notJudged': 'Not judged yet',

  // tiers
  'assessments.tiers.governance': 'risk governance tier',
  'assessments.tiers.governanceHelp': 'How the city sets, communicates and oversees its cybersecurity strategy, roles and policy.',
  'assessments.tiers.governanceLabel': 'Risk governance tier',
  'assessments.tiers.intro': 'CSF 2.0 tiers describe how rigorous the city’s cyber risk governance and risk management are as a whole. They are the city’s own judgement, not an average of the answers: choose the description that fits the city best, and say why.',
  'assessments.tiers.management': 'risk management tier',
  'assessments.tiers.managementHelp': 'How the city identifies, assesses, handles and monitors cyber risk day to day, suppliers included.',
  'assessments.tiers.managementLabel': 'Risk management tier',
  'assessments.tiers.rationale': 'Rationale',
  'assessments.tiers.rationaleFor': 'Rationale for the {tier}',
  'assessments.tiers.rationaleHelp': 'What makes this tier fit: practices, documents, examples.',
  'assessments.tiers.rationaleIs': 'Rationale: {rationale}',
  'assessments.tiers.title': 'CSF tiers',
} as const;
