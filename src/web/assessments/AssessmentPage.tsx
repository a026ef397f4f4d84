import { Alert, Anchor, Box, Button, Checkbox, Group, NativeSelect, Paper, Progress, Radio, SimpleGrid, Stack, Switch, Text, Textarea, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { memo, useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError, unwrap } from '../api/client.js';
import { PageError, PageLoader } from '../app/pages.js';
import { t } from '../i18n/i18n.js';
import { DocumentUploadForm, formatSize, uploadDocumentTo } from '../workspace/documents.js';
import { fieldErrorsOf, FormAlert, SuccessAlert, WorkspaceTitle } from '../workspace/forms.js';
import { Section } from '../workspace/Section.js';
import { ModalActions, WorkspaceModal } from '../workspace/WorkspaceModal.js';
import { ScopeFields } from './ScopeFields.js';
import { AnswerStore, useAnswerRow, useSaveSummary, type AnswerSaver, type Draft } from './answerStore.js';
import {
  assessmentKey,
  assessmentsKey,
  Facts,
  formatDay,
  formatTime,
  formatWhen,
  gapsPath,
  isAnswered,
  levelLabel,
  levels,
  ScaleTable,
  scopeText,
  StatusBadge,
  tierHelp,
  tierLabel,
  tiers,
  useCsfCore,
  type Answer,
  type AssessmentDetail,
  type AssessmentPatch,
  type AssessmentSaved,
  type AssessmentScope,
  type AssessmentSystem,
  type CsfCategory,
  type CsfCore,
  type CsfFunction,
} from './shared.js';

/** Text is saved after this pause in typing (and when the field is left). */
const TYPING_PAUSE_MS = 1500;

const fetchAssessment = async (id: string) => unwrap(await api.GET('/api/v1/assessments/{id}', { params: { path: { id } } }));

/** "GOVERN" → "Govern". */
const functionName = (fn: { name: string }) => fn.name.charAt(0) + fn.name.slice(1).toLowerCase();

/** The server's message; a request that never reached it (no connection) says so. */
function describeError(error: unknown) {
  if (!(error instanceof ApiError)) return { message: t('assessments.save.offline'), fields: {} };
  return { message: error.message, fields: fieldErrorsOf(error) };
}

/** `/app/assessments/:id`: the questionnaire, saved as the city goes; read-only once submitted or for national representatives. */
export function AssessmentPage() {
  const { assessmentId = '' } = useParams();
  const detail = useQuery({
    queryKey: assessmentKey(assessmentId),
    queryFn: () => fetchAssessment(assessmentId),
    refetchOnWindowFocus: true,
    // While colleagues may be answering, look for their saves now and then (each save also tells the page).
    refetchInterval: (query) => (query.state.data?.canEdit ? 120_000 : false),
  });
  const core = useCsfCore();
  if (detail.isPending || core.isPending) return <PageLoader />;
  if (detail.isError || core.isError)
    return (
      <>
        <WorkspaceTitle>{t('assessments.page.title')}</WorkspaceTitle>
        <PageError error={detail.error ?? core.error} onRetry={() => void (detail.isError ? detail.refetch() : core.refetch())} />
        <Anchor component={Link} to="/app/assessments" mt="md" display="inline-block">
          {t('assessments.back')}
        </Anchor>
      </>
    );
  return <AssessmentView key={assessmentId} detail={detail.data} core={core.data} />;
}

type Merge = (saved: Partial<AssessmentDetail> & { revision: number; previousRevision?: number }) => void;

function AssessmentView({ detail, core }: { detail: AssessmentDetail; core: CsfCore }) {
  const queryClient = useQueryClient();
  const key = assessmentKey(detail.id);
  const knownRevision = useRef(detail.revision);
  const [othersSaved, setOthersSaved] = useState(false);

  /** Puts a save's result into the cached assessment; a revision the page did not expect means a colleague saved, so it refetches. */
  const merge: Merge = (saved) => {
    if (saved.previousRevision !== undefined && saved.previousRevision !== knownRevision.current) {
      setOthersSaved(true);
      void queryClient.invalidateQueries({ queryKey: key });
    }
    knownRevision.current = Math.max(knownRevision.current, saved.revision);
    const { previousRevision: _previous, ...fields } = saved;
    queryClient.setQueryData<AssessmentDetail>(key, (old) => (old ? { ...old, ...fields, revision: Math.max(old.revision, saved.revision) } : old));
    void queryClient.invalidateQueries({ queryKey: assessmentsKey, exact: false, refetchType: 'none' });
  };
  const mergeRef = useRef(merge);
  mergeRef.current = merge;

  const [store] = useState(() => {
    const saver: AnswerSaver = {
      saveOne: async (subcategoryId, draft) =>
        unwrap(await api.PUT('/api/v1/assessments/{id}/answers/{subcategoryId}', { params: { path: { id: detail.id, subcategoryId } }, body: draft })),
      saveMany: async (answers) => unwrap(await api.PUT('/api/v1/assessments/{id}/answers', { params: { path: { id: detail.id } }, body: { answers } })),
      onSaved: (result) => {
        const old = queryClient.getQueryData<AssessmentDetail>(key);
        const byId = new Map((old?.answers ?? []).map((answer) => [answer.subcategoryId, answer]));
        for (const answer of result.answers) byId.set(answer.subcategoryId, answer);
        const answers = [...byId.values()].sort((a, b) => a.subcategoryId.localeCompare(b.subcategoryId));
        mergeRef.current({ revision: result.revision, previousRevision: result.previousRevision, progress: result.progress, answers });
      },
      describeError,
    };
    return new AnswerStore(saver, detail.answers);
  });
  useEffect(() => () => store.dispose(), [store]);
  useEffect(() => {
    knownRevision.current = Math.max(knownRevision.current, detail.revision);
    store.sync(detail.answers);
  }, [store, detail.answers, detail.revision]);

  // Leaving with unsaved answers asks first (the browser's own question).
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (store.hasUnsaved()) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [store]);

  const fields = useFieldSaver(detail.id, merge);

  return (
    <>
      <Anchor component={Link} to="/app/assessments" size="sm">
        {t('assessments.back')}
      </Anchor>
      <WorkspaceTitle description={`${detail.cityName} · ${scopeText(detail.scope, detail.scopeSystem)}`}>{detail.title}</WorkspaceTitle>
      <Stack gap="md">
        <StatusSection detail={detail} store={store} othersSaved={othersSaved} fieldsState={fields.state} merge={merge} />
        <AboutSection detail={detail} merge={merge} />
        <Section title={t('assessments.scale.title')}>
          <Stack gap="xs">
            <Text size="sm">{t('assessments.scale.intro')}</Text>
            <ScaleTable />
          </Stack>
        </Section>
        <PrioritiesSection detail={detail} core={core} fields={fields} />
        <Questionnaire detail={detail} core={core} store={store} />
        <TiersSection detail={detail} fields={fields} />
        <AttachmentsSection detail={detail} />
        {detail.canEdit && <SubmitSection detail={detail} core={core} store={store} merge={merge} />}
      </Stack>
    </>
  );
}

/* ---- Saving the assessment's own fields (priorities, tiers) as they change ---- */

type FieldSaverState = 'saved' | 'pending' | 'saving' | 'error';

function useFieldSaver(id: string, merge: Merge) {
  const [state, setState] = useState<FieldSaverState>('saved');
  const [error, setError] = useState<unknown>(null);
  const pending = useRef<AssessmentPatch>({});
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef(false);
  const mergeRef = useRef(merge);
  mergeRef.current = merge;

  const flush = async (): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (inFlight.current || Object.keys(pending.current).length === 0) return;
    const body = pending.current;
    pending.current = {};
    inFlight.current = true;
    setState('saving');
    try {
      const saved: AssessmentSaved = unwrap(await api.PATCH('/api/v1/assessments/{id}', { params: { path: { id } }, body }));
      inFlight.current = false;
      mergeRef.current(saved);
      setError(null);
      if (Object.keys(pending.current).length) return flush();
      setState('saved');
    } catch (failure) {
      inFlight.current = false;
      pending.current = { ...body, ...pending.current };
      setError(failure);
      setState('error');
    }
  };
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return {
    state,
    error,
    /** Whether a field still has a change the server has not confirmed (its local value wins over the server's). */
    isPending: (field: keyof AssessmentPatch) => field in pending.current || state === 'saving',
    edit(patch: AssessmentPatch, delayMs: number) {
      pending.current = { ...pending.current, ...patch };
      setState((current) => (current === 'saving' ? current : 'pending'));
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), delayMs);
    },
    flush,
  };
}
type FieldSaver = ReturnType<typeof useFieldSaver>;

/* ---- Status, progress, sharing ---- */

function StatusSection(props: { detail: AssessmentDetail; store: AnswerStore; othersSaved: boolean; fieldsState: FieldSaverState; merge: Merge }) {
  const { detail, store, othersSaved, fieldsState, merge } = props;
  const summary = useSaveSummary(store);
  const { answered, notApplicable, total } = detail.progress;
  let saveText: string;
  if (summary.saving > 0 || fieldsState === 'saving') saveText = t('assessments.save.saving');
  else if (summary.failed.length) saveText = t('assessments.save.failed', { ids: summary.failed.join(', ') });
  else if (summary.unsaved > 0 || fieldsState === 'pending' || fieldsState === 'error') saveText = t('assessments.save.unsaved', { count: summary.unsaved });
  else if (summary.lastSavedAt) saveText = t('assessments.save.allSavedAt', { time: formatTime(summary.lastSavedAt) });
  else saveText = t('assessments.save.allSaved');
  return (
    <Section title={t('assessments.status.title')} actions={<StatusBadge status={detail.status} />}>
      <Stack gap="sm">
        {detail.status === 'submitted' ? (
          <Text size="sm">{t('assessments.status.submittedOn', { date: formatDay(detail.submittedAt), name: detail.submittedByName ?? t('assessments.someone') })}</Text>
        ) : !detail.canEdit ? (
          <Text size="sm">{t('assessments.status.readOnlyDraft', { city: detail.cityName })}</Text>
        ) : null}
        <Box>
          <Text size="sm" mb={4}>
            {t('assessments.progress.text', { answered, total, notApplicable })}
          </Text>
          <Progress.Root size="lg">
            <Progress.Section value={(answered / total) * 100} color="blue.8" aria-label={t('assessments.progress.label')} />
          </Progress.Root>
        </Box>
        {detail.canEdit && (
          <Text size="sm" role="status" fw={600}>
            {saveText}
          </Text>
        )}
        {othersSaved && (
          <Alert color="blue" title={t('assessments.others.title')}>
            <Text size="sm">{t('assessments.others.body')}</Text>
          </Alert>
        )}
        <Group gap="sm">
          <Button component={Link} to={gapsPath(detail.id)} variant="light">
            {t('assessments.gaps.open')}
          </Button>
        </Group>
        {detail.canShare ? (
          <SharingSwitch detail={detail} merge={merge} />
        ) : (
          <Text size="sm">{detail.sharedWithNational ? t('assessments.sharing.isShared') : t('assessments.sharing.notShared')}</Text>
        )}
      </Stack>
    </Section>
  );
}

function SharingSwitch({ detail, merge }: { detail: AssessmentDetail; merge: Merge }) {
  const share = useMutation({
    mutationFn: async (shared: boolean) => unwrap(await api.PUT('/api/v1/assessments/{id}/sharing', { params: { path: { id: detail.id } }, body: { shared } })),
    onSuccess: (saved) => merge(saved),
  });
  return (
    <Stack gap={4}>
      <Switch
        label={t('assessments.sharing.label')}
        description={t('assessments.sharing.help')}
        checked={share.isPending ? (share.variables ?? detail.sharedWithNational) : detail.sharedWithNational}
        disabled={share.isPending}
        onChange={(event) => share.mutate(event.currentTarget.checked)}
      />
      <FormAlert error={share.error} />
    </Stack>
  );
}

/* ---- Title and scope ---- */

function AboutSection({ detail, merge }: { detail: AssessmentDetail; merge: Merge }) {
  const [title, setTitle] = useState(detail.title);
  const [scope, setScope] = useState<AssessmentScope>(detail.scope);
  const [system, setSystem] = useState<AssessmentSystem | ''>(detail.scopeSystem ?? '');
  const [notes, setNotes] = useState(detail.scopeNotes);
  const [done, setDone] = useState(false);
  const save = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.PATCH('/api/v1/assessments/{id}', {
          params: { path: { id: detail.id } },
          body: { title, scope, scopeSystem: scope === 'system' ? system || null : null, scopeNotes: notes },
        }),
      ),
    onSuccess: (saved) => {
      merge(saved);
      setDone(true);
    },
  });
  const errors = fieldErrorsOf(save.error);
  if (!detail.canEdit)
    return (
      <Section title={t('assessments.about.title')}>
        <Facts
          items={[
            { label: t('assessments.field.city'), value: detail.cityName },
            { label: t('assessments.field.scope'), value: scopeText(detail.scope, detail.scopeSystem) },
            ...(detail.scopeNotes ? [{ label: t('assessments.field.scopeNotes'), value: detail.scopeNotes }] : []),
            { label: t('assessments.field.createdBy'), value: t('assessments.createdOn', { name: detail.createdByName ?? t('assessments.someone'), date: formatDay(detail.createdAt) }) },
          ]}
        />
      </Section>
    );
  function submit(event: FormEvent) {
    event.preventDefault();
    setDone(false);
    save.mutate();
  }
  return (
    <Section title={t('assessments.about.title')}>
      <form onSubmit={submit}>
        <Stack gap="sm" maw={640}>
          {done && <SuccessAlert>{t('assessments.about.saved')}</SuccessAlert>}
          <FormAlert error={save.error} />
          <TextInput label={t('assessments.field.title')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.title} maxLength={200} />
          <ScopeFields scope={scope} system={system} onScope={setScope} onSystem={setSystem} error={errors.scopeSystem} />
          <Textarea label={t('assessments.field.scopeNotes')} description={t('assessments.field.scopeNotesHelp')} autosize minRows={2} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} error={errors.scopeNotes} />
          <Button type="submit" loading={save.isPending} w="fit-content">
            {t('assessments.about.save')}
          </Button>
        </Stack>
      </form>
    </Section>
  );
}

/* ---- Priority categories ---- */

function PrioritiesSection({ detail, core, fields }: { detail: AssessmentDetail; core: CsfCore; fields: FieldSaver }) {
  const [chosen, setChosen] = useState<string[]>(detail.priorityCategoryIds);
  useEffect(() => {
    if (!fields.isPending('priorityCategoryIds')) setChosen(detail.priorityCategoryIds);
    // Only the server's value matters here: local edits win until they are saved.
  }, [detail.priorityCategoryIds]);
  const names = new Map(core.functions.flatMap((fn) => fn.categories.map((category) => [category.id, category.name] as const)));
  return (
    <Section title={t('assessments.priorities.title')}>
      <Stack gap="sm">
        <Text size="sm">{t('assessments.priorities.intro')}</Text>
        {detail.canEdit ? (
          <>
            <FormAlert error={fields.state === 'error' ? fields.error : null} />
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
              {core.functions.map((fn) => (
                <Checkbox.Group
                  key={fn.id}
                  label={t('assessments.function.heading', { id: fn.id, name: functionName(fn) })}
                  value={chosen.filter((id) => id.startsWith(`${fn.id}.`))}
                  onChange={(values) => {
                    const next = [...chosen.filter((id) => !id.startsWith(`${fn.id}.`)), ...values].sort();
                    setChosen(next);
                    fields.edit({ priorityCategoryIds: next }, 600);
                  }}
                >
                  <Stack gap={6} mt={6}>
                    {fn.categories.map((category) => (
                      <Checkbox key={category.id} value={category.id} label={`${category.id} ${category.name}`} />
                    ))}
                  </Stack>
                </Checkbox.Group>
              ))}
            </SimpleGrid>
          </>
        ) : detail.priorityCategoryIds.length ? (
          <Stack gap={4} component="ul" m={0} pl="md">
            {detail.priorityCategoryIds.map((id) => (
              <Text component="li" size="sm" key={id}>
                {id} {names.get(id)}
              </Text>
            ))}
          </Stack>
        ) : (
          <Text size="sm">{t('assessments.priorities.none')}</Text>
        )}
      </Stack>
    </Section>
  );
}

/* ---- The questionnaire ---- */

const answeredIn = (ids: string[], answers: Map<string, Answer>) => ids.filter((id) => isAnswered(answers.get(id))).length;

function Questionnaire({ detail, core, store }: { detail: AssessmentDetail; core: CsfCore; store: AnswerStore }) {
  const [open, setOpen] = useState<Set<string>>(() => new Set());
  /** The subcategories unanswered when "only unanswered" was switched on: answering one keeps it in view until the switch is used again. */
  const [onlyThese, setOnlyThese] = useState<Set<string> | null>(null);
  const answers = useMemo(() => new Map(detail.answers.map((answer) => [answer.subcategoryId, answer])), [detail.answers]);
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  function showUnanswered(checked: boolean) {
    if (!checked) {
      setOnlyThese(null);
      return;
    }
    // Open every function and category that still has something to answer.
    const unanswered = new Set<string>();
    const next = new Set(open);
    for (const fn of core.functions)
      for (const category of fn.categories)
        for (const sub of category.subcategories)
          if (!isAnswered(answers.get(sub.id))) {
            unanswered.add(sub.id);
            next.add(fn.id);
            next.add(category.id);
          }
    setOnlyThese(unanswered);
    setOpen(next);
  }
  return (
    <Section title={t('assessments.questionnaire.title')}>
      <Stack gap="sm">
        <Text size="sm">{detail.canEdit ? t('assessments.questionnaire.intro') : t('assessments.questionnaire.introReadOnly')}</Text>
        <Switch label={t('assessments.questionnaire.unansweredOnly')} checked={onlyThese !== null} onChange={(e) => showUnanswered(e.currentTarget.checked)} />
        {core.functions.map((fn) => (
          <FunctionBlock key={fn.id} fn={fn} detail={detail} store={store} answers={answers} open={open} toggle={toggle} onlyThese={onlyThese} />
        ))}
      </Stack>
    </Section>
  );
}

function Disclosure(props: { order: 3 | 4; expanded: boolean; onToggle: () => void; controls: string; label: string; meta: string }) {
  return (
    <Title order={props.order} size={props.order === 3 ? 'h5' : 'h6'} m={0}>
      <UnstyledButton
        onClick={props.onToggle}
        aria-expanded={props.expanded}
        aria-controls={props.controls}
        w="100%"
        py={6}
        style={{ display: 'flex', gap: 8, alignItems: 'baseline', flexWrap: 'wrap', fontWeight: 700 }}
      >
        <span aria-hidden style={{ display: 'inline-block', width: 14 }}>
          {props.expanded ? '▾' : '▸'}
        </span>
        <span style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>{props.label}</span>
        <Text span size="sm" fw={400}>
          {props.meta}
        </Text>
      </UnstyledButton>
    </Title>
  );
}

function FunctionBlock(props: {
  fn: CsfFunction;
  detail: AssessmentDetail;
  store: AnswerStore;
  answers: Map<string, Answer>;
  open: Set<string>;
  toggle: (id: string) => void;
  onlyThese: Set<string> | null;
}) {
  const { fn, answers, open, toggle } = props;
  const contentId = useId();
  const ids = fn.categories.flatMap((category) => category.subcategories.map((sub) => sub.id));
  const expanded = open.has(fn.id);
  return (
    <Paper withBorder radius="sm" p="xs" component="section" aria-label={t('assessments.function.heading', { id: fn.id, name: functionName(fn) })}>
      <Disclosure
        order={3}
        expanded={expanded}
        onToggle={() => toggle(fn.id)}
        controls={contentId}
        label={t('assessments.function.heading', { id: fn.id, name: functionName(fn) })}
        meta={t('assessments.progress.short', { answered: answeredIn(ids, answers), total: ids.length })}
      />
      {expanded && (
        <Stack gap="xs" id={contentId} pl={{ base: 0, sm: 'sm' }} pt={4}>
          <Text size="sm" c="dimmed">
            {fn.description}
          </Text>
          {fn.categories.map((category) => (
            <CategoryBlock key={category.id} {...props} category={category} />
          ))}
        </Stack>
      )}
    </Paper>
  );
}

function CategoryBlock(props: {
  category: CsfCategory;
  detail: AssessmentDetail;
  store: AnswerStore;
  answers: Map<string, Answer>;
  open: Set<string>;
  toggle: (id: string) => void;
  onlyThese: Set<string> | null;
}) {
  const { category, detail, store, answers, open, toggle, onlyThese } = props;
  const contentId = useId();
  const ids = category.subcategories.map((sub) => sub.id);
  const expanded = open.has(category.id);
  const shown = onlyThese ? category.subcategories.filter((sub) => onlyThese.has(sub.id)) : category.subcategories;
  const priority = detail.priorityCategoryIds.includes(category.id);
  return (
    <Box style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
      <Disclosure
        order={4}
        expanded={expanded}
        onToggle={() => toggle(category.id)}
        controls={contentId}
        label={`${category.id} ${category.name}${priority ? ` (${t('assessments.priority')})` : ''}`}
        meta={t('assessments.progress.short', { answered: answeredIn(ids, answers), total: ids.length })}
      />
      {expanded && (
        <Stack gap="sm" id={contentId} pb="sm">
          <Text size="sm" c="dimmed">
            {category.description}
          </Text>
          {detail.canEdit && <CategoryFill category={category} store={store} />}
          {shown.length === 0 && <Text size="sm">{t('assessments.questionnaire.allAnswered')}</Text>}
          {shown.map((sub) => (
            <SubcategoryAnswer key={sub.id} id={sub.id} text={sub.text} store={store} editable={detail.canEdit} />
          ))}
        </Stack>
      )}
    </Box>
  );
}

/** The same current and/or target level for every applicable subcategory of a category, saved in one request (each answer can still be changed after). */
function CategoryFill({ category, store }: { category: CsfCategory; store: AnswerStore }) {
  const [current, setCurrent] = useState('');
  const [target, setTarget] = useState('');
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const options = [{ value: '', label: t('assessments.categoryFill.keep') }, ...levels.map((value) => ({ value: String(value), label: levelLabel(value) }))];
  async function apply() {
    if (current === '' && target === '') return;
    setBusy(true);
    const patch: Partial<Draft> = {};
    if (current !== '') patch.currentLevel = Number(current);
    if (target !== '') patch.targetLevel = Number(target);
    const failure = await store.editMany(
      category.subcategories.map((sub) => sub.id),
      (draft) => (draft.notApplicable ? {} : patch),
    );
    setBusy(false);
    setResult(failure ? { ok: false, message: failure } : { ok: true, message: t('assessments.categoryFill.done', { category: category.id }) });
  }
  return (
    <Box>
      <Text size="sm" fw={600} mb={4}>
        {t('assessments.categoryFill.title', { category: category.id })}
      </Text>
      <Group align="flex-end" gap="xs">
        <NativeSelect
          label={t('assessments.categoryFill.current', { category: category.id })}
          value={current}
          onChange={(e) => {
            setCurrent(e.currentTarget.value);
            setResult(null);
          }}
          data={options}
          w={{ base: '100%', xs: 260 }}
        />
        <NativeSelect
          label={t('assessments.categoryFill.target', { category: category.id })}
          value={target}
          onChange={(e) => {
            setTarget(e.currentTarget.value);
            setResult(null);
          }}
          data={options}
          w={{ base: '100%', xs: 260 }}
        />
        <Button variant="default" onClick={() => void apply()} disabled={current === '' && target === ''} loading={busy}>
          {t('assessments.categoryFill.apply', { category: category.id })}
        </Button>
      </Group>
      {result && (
        <Text size="sm" role="status" c={result.ok ? undefined : 'red.9'} mt={4}>
          {result.message}
        </Text>
      )}
    </Box>
  );
}

const levelOptions = () => [{ value: '', label: t('assessments.level.notJudged') }, ...levels.map((value) => ({ value: String(value), label: levelLabel(value) }))];
const parseLevel = (value: string) => (value === '' ? null : Number(value));

const SubcategoryAnswer = memo(function SubcategoryAnswer({ id, text, store, editable }: { id: string; text: string; store: AnswerStore; editable: boolean }) {
  const row = useAnswerRow(store, id);
  const { draft } = row;
  const headingId = useId();
  const edit = (patch: Partial<Draft>, delay: number) => store.edit(id, patch, delay);
  return (
    <Paper withBorder radius="sm" p="sm" component="article" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Text size="sm" id={headingId}>
          <Text span fw={700}>
            {id}
          </Text>{' '}
          {text}
        </Text>
        {editable ? (
          <>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
              <NativeSelect
                label={t('assessments.answer.current')}
                aria-label={t('assessments.answer.currentFor', { id })}
                value={draft.currentLevel === null ? '' : String(draft.currentLevel)}
                onChange={(e) => edit({ currentLevel: parseLevel(e.currentTarget.value) }, 0)}
                data={levelOptions()}
                disabled={draft.notApplicable}
                error={row.fieldErrors.currentLevel}
              />
              <NativeSelect
                label={t('assessments.answer.target')}
                aria-label={t('assessments.answer.targetFor', { id })}
                value={draft.targetLevel === null ? '' : String(draft.targetLevel)}
                onChange={(e) => edit({ targetLevel: parseLevel(e.currentTarget.value) }, 0)}
                data={levelOptions()}
                disabled={draft.notApplicable}
                error={row.fieldErrors.targetLevel}
              />
            </SimpleGrid>
            <Checkbox
              label={t('assessments.answer.notApplicable')}
              aria-label={t('assessments.answer.notApplicableFor', { id })}
              checked={draft.notApplicable}
              onChange={(e) => edit({ notApplicable: e.currentTarget.checked }, 0)}
            />
            {draft.notApplicable && (
              <Textarea
                label={t('assessments.answer.reason')}
                aria-label={t('assessments.answer.reasonFor', { id })}
                required
                autosize
                minRows={1}
                value={draft.notApplicableReason}
                onChange={(e) => edit({ notApplicableReason: e.currentTarget.value }, TYPING_PAUSE_MS)}
                onBlur={() => void store.flush(id)}
                error={row.fieldErrors.notApplicableReason ?? (row.state === 'incomplete' ? t('assessments.answer.reasonNeeded') : undefined)}
              />
            )}
            <Textarea
              label={t('assessments.answer.evidence')}
              aria-label={t('assessments.answer.evidenceFor', { id })}
              description={t('assessments.answer.evidenceHelp')}
              autosize
              minRows={1}
              maxRows={8}
              value={draft.evidence}
              onChange={(e) => edit({ evidence: e.currentTarget.value }, TYPING_PAUSE_MS)}
              onBlur={() => void store.flush(id)}
              error={row.fieldErrors.evidence}
            />
            <SaveLine state={row.state} error={row.error} savedAt={row.savedAt} by={row.updatedByName} onRetry={() => void store.flush(id)} id={id} />
          </>
        ) : (
          <ReadOnlyAnswer draft={draft} />
        )}
      </Stack>
    </Paper>
  );
});

function SaveLine({ state, error, savedAt, by, onRetry, id }: { state: string; error: string | null; savedAt: Date | null; by: string | null; onRetry: () => void; id: string }) {
  if (state === 'error')
    return (
      <Alert color="red" title={t('assessments.save.notSavedTitle', { id })} p="xs">
        <Stack gap={4}>
          <Text size="sm">{error}</Text>
          <Button size="compact-sm" variant="light" color="red" onClick={onRetry} w="fit-content">
            {t('assessments.save.retry')}
          </Button>
        </Stack>
      </Alert>
    );
  const text =
    state === 'saving'
      ? t('assessments.save.saving')
      : state === 'pending'
        ? t('assessments.save.pending')
        : state === 'incomplete'
          ? t('assessments.save.incomplete')
          : savedAt
            ? t('assessments.save.savedBy', { when: formatWhen(savedAt), name: by ?? t('assessments.someone') })
            : '';
  if (!text) return null;
  return (
    <Text size="xs" c={state === 'incomplete' ? 'red.9' : 'dimmed'} fw={state === 'incomplete' ? 600 : undefined}>
      {text}
    </Text>
  );
}

function ReadOnlyAnswer({ draft }: { draft: Draft }) {
  if (draft.notApplicable)
    return (
      <Facts
        items={[
          { label: t('assessments.answer.notApplicable'), value: draft.notApplicableReason },
          ...(draft.evidence ? [{ label: t('assessments.answer.evidence'), value: draft.evidence }] : []),
        ]}
      />
    );
  return (
    <Facts
      items={[
        { label: t('assessments.answer.current'), value: draft.currentLevel === null ? t('assessments.level.notJudged') : levelLabel(draft.currentLevel) },
        { label: t('assessments.answer.target'), value: draft.targetLevel === null ? t('assessments.level.notJudged') : levelLabel(draft.targetLevel) },
        ...(draft.evidence ? [{ label: t('assessments.answer.evidence'), value: <span style={{ whiteSpace: 'pre-wrap' }}>{draft.evidence}</span> }] : []),
      ]}
    />
  );
}

/* ---- Tiers ---- */

type TierField = 'governanceTier' | 'riskManagementTier';
type RationaleField = 'governanceTierRationale' | 'riskManagementTierRationale';

function TiersSection({ detail, fields }: { detail: AssessmentDetail; fields: FieldSaver }) {
  return (
    <Section title={t('assessments.tiers.title')}>
      <Stack gap="md">
        <Text size="sm">{t('assessments.tiers.intro')}</Text>
        <FormAlert error={fields.state === 'error' ? fields.error : null} />
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <TierChoice detail={detail} fields={fields} tierField="governanceTier" rationaleField="governanceTierRationale" label={t('assessments.tiers.governanceLabel')} inSentence={t('assessments.tiers.governance')} help={t('assessments.tiers.governanceHelp')} />
          <TierChoice detail={detail} fields={fields} tierField="riskManagementTier" rationaleField="riskManagementTierRationale" label={t('assessments.tiers.managementLabel')} inSentence={t('assessments.tiers.management')} help={t('assessments.tiers.managementHelp')} />
        </SimpleGrid>
      </Stack>
    </Section>
  );
}

function TierChoice(props: { detail: AssessmentDetail; fields: FieldSaver; tierField: TierField; rationaleField: RationaleField; label: string; inSentence: string; help: string }) {
  const { detail, fields, tierField, rationaleField, label, inSentence, help } = props;
  const [tier, setTier] = useState(detail[tierField]);
  const [rationale, setRationale] = useState(detail[rationaleField]);
  useEffect(() => {
    if (!fields.isPending(tierField)) setTier(detail[tierField]);
    if (!fields.isPending(rationaleField)) setRationale(detail[rationaleField]);
    // The server's values replace the local ones only when nothing local waits to be saved.
  }, [detail[tierField], detail[rationaleField]]);
  if (!detail.canEdit)
    return (
      <Stack gap={4}>
        <Text fw={600} size="sm">
          {label}
        </Text>
        <Text size="sm">{tierLabel(detail[tierField])}</Text>
        {detail[rationaleField] && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {t('assessments.tiers.rationaleIs', { rationale: detail[rationaleField] })}
          </Text>
        )}
      </Stack>
    );
  return (
    <Stack gap="sm">
      <Radio.Group
        label={label}
        description={help}
        value={tier === null ? '' : String(tier)}
        onChange={(value) => {
          const next = Number(value);
          setTier(next);
          fields.edit({ [tierField]: next }, 0);
        }}
      >
        <Stack gap="xs" mt="xs">
          {tiers.map((value) => (
            <Radio key={value} value={String(value)} label={tierLabel(value)} description={tierHelp(value)} />
          ))}
        </Stack>
      </Radio.Group>
      <Textarea
        label={t('assessments.tiers.rationale')}
        aria-label={t('assessments.tiers.rationaleFor', { tier: inSentence })}
        description={t('assessments.tiers.rationaleHelp')}
        autosize
        minRows={2}
        value={rationale}
        onChange={(e) => {
          setRationale(e.currentTarget.value);
          fields.edit({ [rationaleField]: e.currentTarget.value }, TYPING_PAUSE_MS);
        }}
        onBlur={() => void fields.flush()}
      />
    </Stack>
  );
}

/* ---- Attachments ---- */

function AttachmentsSection({ detail }: { detail: AssessmentDetail }) {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: assessmentKey(detail.id) });
  const upload = useMutation({
    mutationFn: (chosen: File) => uploadDocumentTo<unknown>(`/api/v1/assessments/${encodeURIComponent(detail.id)}/documents`, chosen),
    onSuccess: async (_data, chosen) => {
      await refresh();
      setFile(null);
      setDone(t('workspace.documents.uploaded', { name: chosen.name }));
    },
  });
  const remove = useMutation({
    mutationFn: async (document: { id: string; fileName: string }) => unwrap(await api.DELETE('/api/v1/documents/{documentId}', { params: { path: { documentId: document.id } } })),
    onSuccess: async (_data, document) => {
      await refresh();
      setDone(t('workspace.documents.deleted', { name: document.fileName }));
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    if (file) upload.mutate(file);
  }
  return (
    <Section title={t('assessments.attachments.title', { count: detail.attachments.length })}>
      <Stack gap="sm">
        <Text size="sm">{t('assessments.attachments.intro')}</Text>
        {done && <SuccessAlert>{done}</SuccessAlert>}
        <FormAlert error={remove.error} />
        {detail.attachments.length === 0 ? (
          <Text size="sm">{t('workspace.documents.none')}</Text>
        ) : (
          <Stack gap={6} component="ul" m={0} pl="md">
            {detail.attachments.map((doc) => (
              <Text component="li" size="sm" key={doc.id} style={{ overflowWrap: 'anywhere' }}>
                <Anchor href={`/api/v1/documents/${doc.id}`} download={doc.fileName}>
                  {doc.fileName}
                </Anchor>{' '}
                <Text span c="dimmed" size="sm">
                  {t('assessments.attachments.meta', { size: formatSize(doc.sizeBytes), date: formatDay(doc.createdAt) })}
                </Text>{' '}
                {detail.canEdit && (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red.9"
                    onClick={() => remove.mutate(doc)}
                    loading={remove.isPending && remove.variables?.id === doc.id}
                    aria-label={t('workspace.documents.deleteNamed', { name: doc.fileName })}
                  >
                    {t('assessments.attachments.delete')}
                  </Button>
                )}
              </Text>
            ))}
          </Stack>
        )}
        {detail.canEdit && (
          <DocumentUploadForm
            file={file}
            onFileChange={(chosen) => {
              upload.reset();
              setFile(chosen);
            }}
            onSubmit={submit}
            pending={upload.isPending}
            error={upload.error}
          />
        )}
      </Stack>
    </Section>
  );
}

/* ---- Submitting and deleting ---- */

/** What the page knows still stands between the assessment and its submission (the server checks again). */
function missingForSubmission(detail: AssessmentDetail, core: CsfCore) {
  const answers = new Map(detail.answers.map((answer) => [answer.subcategoryId, answer]));
  const unanswered = core.functions.flatMap((fn) => fn.categories.flatMap((category) => category.subcategories.map((sub) => sub.id))).filter((id) => !isAnswered(answers.get(id)));
  const problems: string[] = [];
  if (unanswered.length) {
    const shown = unanswered.slice(0, 12).join(', ');
    problems.push(
      unanswered.length > 12
        ? t('assessments.submit.missingAnswersMore', { count: unanswered.length, ids: shown, more: unanswered.length - 12 })
        : t('assessments.submit.missingAnswers', { count: unanswered.length, ids: shown }),
    );
  }
  if (detail.governanceTier === null) problems.push(t('assessments.submit.missingTier', { tier: t('assessments.tiers.governance') }));
  else if (!detail.governanceTierRationale.trim()) problems.push(t('assessments.submit.missingRationale', { tier: t('assessments.tiers.governance') }));
  if (detail.riskManagementTier === null) problems.push(t('assessments.submit.missingTier', { tier: t('assessments.tiers.management') }));
  else if (!detail.riskManagementTierRationale.trim()) problems.push(t('assessments.submit.missingRationale', { tier: t('assessments.tiers.management') }));
  return problems;
}

function SubmitSection({ detail, core, store, merge }: { detail: AssessmentDetail; core: CsfCore; store: AnswerStore; merge: Merge }) {
  const summary = useSaveSummary(store);
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const missing = missingForSubmission(detail, core);
  const unsaved = summary.unsaved > 0 || summary.saving > 0;
  return (
    <Section title={t('assessments.submit.title')}>
      <Stack gap="sm">
        <Text size="sm">{t('assessments.submit.intro')}</Text>
        {missing.length > 0 && (
          <Box>
            <Text size="sm" fw={600}>
              {t('assessments.submit.before')}
            </Text>
            <Stack gap={2} component="ul" m={0} pl="md">
              {missing.map((problem) => (
                <Text component="li" size="sm" key={problem}>
                  {problem}
                </Text>
              ))}
            </Stack>
          </Box>
        )}
        {unsaved && <Text size="sm">{t('assessments.submit.waitForSaves')}</Text>}
        <Group gap="sm">
          <Button onClick={() => setConfirming(true)} disabled={missing.length > 0 || unsaved}>
            {t('assessments.submit.button')}
          </Button>
          <Button variant="outline" color="red.9" onClick={() => setDeleting(true)}>
            {t('assessments.delete.button')}
          </Button>
        </Group>
      </Stack>
      {confirming && <SubmitModal detail={detail} store={store} merge={merge} onClose={() => setConfirming(false)} />}
      {deleting && <DeleteModal detail={detail} onClose={() => setDeleting(false)} />}
    </Section>
  );
}

function SubmitModal({ detail, store, merge, onClose }: { detail: AssessmentDetail; store: AnswerStore; merge: Merge; onClose: () => void }) {
  const submit = useMutation({
    mutationFn: async () => {
      await store.flushAll();
      return unwrap(await api.POST('/api/v1/assessments/{id}/submit', { params: { path: { id: detail.id } } }));
    },
    onSuccess: (saved) => {
      merge(saved);
      onClose();
    },
  });
  return (
    <WorkspaceModal opened onClose={onClose} title={t('assessments.submit.confirmTitle', { title: detail.title })}>
      <Stack>
        <Text size="sm">{t('assessments.submit.confirmBody')}</Text>
        <FormAlert error={submit.error} title={t('assessments.submit.refused')} />
        <ModalActions onCancel={onClose}>
          <Button onClick={() => submit.mutate()} loading={submit.isPending}>
            {t('assessments.submit.confirm')}
          </Button>
        </ModalActions>
      </Stack>
    </WorkspaceModal>
  );
}

function DeleteModal({ detail, onClose }: { detail: AssessmentDetail; onClose: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const remove = useMutation({
    mutationFn: async () => unwrap(await api.DELETE('/api/v1/assessments/{id}', { params: { path: { id: detail.id } } })),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: assessmentKey(detail.id) });
      await queryClient.invalidateQueries({ queryKey: assessmentsKey });
      await navigate('/app/assessments');
    },
  });
  return (
    <WorkspaceModal opened onClose={onClose} title={t('assessments.delete.confirmTitle', { title: detail.title })}>
      <Stack>
        <Text size="sm">{t('assessments.delete.confirmBody')}</Text>
        <FormAlert error={remove.error} />
        <ModalActions onCancel={onClose}>
          <Button color="red.9" onClick={() => remove.mutate()} loading={remove.isPending}>
            {t('assessments.delete.confirm')}
          </Button>
        </ModalActions>
      </Stack>
    </WorkspaceModal>
  );
}
