import { Button, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../api/client.js';
import { t } from '../i18n/i18n.js';
import { fieldErrorsOf, FormAlert } from '../workspace/forms.js';
import { ModalActions, WorkspaceModal } from '../workspace/WorkspaceModal.js';
import { cohortStatuses, eligibilities, modes, trainingKey, type CohortDetail, type CohortEligibility, type CohortMode, type CohortStatus } from './shared.js';

/** The zones of ASEAN's cities first; then every zone the browser knows. */
const aseanZones = [
  'Asia/Bangkok',
  'Asia/Brunei',
  'Asia/Ho_Chi_Minh',
  'Asia/Jakarta',
  'Asia/Jayapura',
  'Asia/Kuala_Lumpur',
  'Asia/Makassar',
  'Asia/Manila',
  'Asia/Phnom_Penh',
  'Asia/Singapore',
  'Asia/Vientiane',
  'Asia/Yangon',
];
function zoneChoices() {
  let all: string[] = [];
  try {
    all = Intl.supportedValuesOf('timeZone');
  } catch {
    all = [];
  }
  return [
    { group: t('training.cohortForm.zonesAsean'), items: aseanZones },
    { group: t('training.cohortForm.zonesOther'), items: ['UTC', ...all.filter((zone) => !aseanZones.includes(zone) && zone !== 'UTC')] },
  ];
}

type CohortForm = {
  title: string;
  startsOn: string;
  endsOn: string;
  timeZone: string;
  mode: CohortMode;
  location: string;
  deliveringOrganisationId: string;
  capacity: string;
  eligibility: CohortEligibility;
  nominationsCloseOn: string;
  minAttendancePercent: string;
  status: CohortStatus;
};

function formOf(cohort?: CohortDetail): CohortForm {
  if (!cohort)
    return {
      title: '',
      startsOn: '',
      endsOn: '',
      timeZone: 'Asia/Singapore',
      mode: 'in_person',
      location: '',
      deliveringOrganisationId: '',
      capacity: '25',
      eligibility: 'subnational_officials',
      nominationsCloseOn: '',
      minAttendancePercent: '75',
      status: 'planned',
    };
  return {
    title: cohort.title,
    startsOn: cohort.startsOn,
    endsOn: cohort.endsOn,
    timeZone: cohort.timeZone,
    mode: cohort.mode,
    location: cohort.location,
    deliveringOrganisationId: cohort.deliveringOrganisationId,
    capacity: String(cohort.capacity),
    eligibility: cohort.eligibility,
    nominationsCloseOn: cohort.nominationsCloseOn ?? '',
    minAttendancePercent: String(cohort.minAttendancePercent),
    status: cohort.status,
  };
}

/** Add a cohort to a course, or (with `cohort`) change one; the delivering partner is chosen by the course's organisation. */
export function CohortFormModal({ courseId, cohort, canChangePartner, onClose, onSaved }: { courseId: string; cohort?: CohortDetail; canChangePartner: boolean; onClose: () => void; onSaved: (saved: CohortDetail) => void }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState(() => formOf(cohort));
  const set = <K extends keyof CohortForm>(key: K, value: CohortForm[K]) => setForm((current) => ({ ...current, [key]: value }));
  const providers = useQuery({ queryKey: [...trainingKey, 'providers'], queryFn: async () => unwrap(await api.GET('/api/v1/training/providers')).items });
  const save = useMutation({
    mutationFn: async () => {
      const fields = {
        title: form.title,
        startsOn: form.startsOn,
        endsOn: form.endsOn,
        timeZone: form.timeZone,
        mode: form.mode,
        location: form.location,
        capacity: Number(form.capacity),
        eligibility: form.eligibility,
        nominationsCloseOn: form.nominationsCloseOn || null,
        minAttendancePercent: Number(form.minAttendancePercent),
      };
      if (cohort) {
        const partner = canChangePartner ? { deliveringOrganisationId: form.deliveringOrganisationId } : {};
        return unwrap(await api.PATCH('/api/v1/training/cohorts/{cohortId}', { params: { path: { cohortId: cohort.id } }, body: { ...fields, ...partner, ...(form.status !== cohort.status ? { status: form.status } : {}) } }));
      }
      return unwrap(
        await api.POST('/api/v1/training/courses/{courseId}/cohorts', {
          params: { path: { courseId } },
          body: { ...fields, deliveringOrganisationId: form.deliveringOrganisationId, status: form.status === 'open' ? 'open' : 'planned' },
        }),
      );
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: trainingKey });
      onSaved(saved);
    },
  });
  const errors = fieldErrorsOf(save.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }
  const statusChoices = cohort ? cohortStatuses.values : (['planned', 'open'] as CohortStatus[]);
  return (
    <WorkspaceModal opened onClose={onClose} size="lg" title={cohort ? t('training.cohortForm.editTitle', { title: cohort.title }) : t('training.cohortForm.addTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert error={save.error} />
          <TextInput label={t('training.cohortForm.title')} description={t('training.cohortForm.titleHelp')} required value={form.title} onChange={(e) => set('title', e.currentTarget.value)} error={errors.title} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput type="date" label={t('training.cohortForm.startsOn')} required value={form.startsOn} onChange={(e) => set('startsOn', e.currentTarget.value)} error={errors.startsOn} />
            <TextInput type="date" label={t('training.cohortForm.endsOn')} required value={form.endsOn} onChange={(e) => set('endsOn', e.currentTarget.value)} error={errors.endsOn} />
            <NativeSelect label={t('training.cohortForm.timeZone')} description={t('training.cohortForm.timeZoneHelp')} value={form.timeZone} onChange={(e) => set('timeZone', e.currentTarget.value)} data={zoneChoices()} error={errors.timeZone} />
            <NativeSelect
              label={t('training.cohortForm.mode')}
              value={form.mode}
              onChange={(e) => set('mode', e.currentTarget.value as CohortMode)}
              data={modes.values.map((value) => ({ value, label: modes.label(value) }))}
              error={errors.mode}
            />
          </SimpleGrid>
          <TextInput label={t('training.cohortForm.location')} description={t('training.cohortForm.locationHelp')} value={form.location} onChange={(e) => set('location', e.currentTarget.value)} error={errors.location} />
          <NativeSelect
            label={t('training.cohortForm.partner')}
            description={t('training.cohortForm.partnerHelp')}
            required
            disabled={!canChangePartner}
            value={form.deliveringOrganisationId}
            onChange={(e) => set('deliveringOrganisationId', e.currentTarget.value)}
            data={[{ value: '', label: t('workspace.choose') }, ...(providers.data ?? []).map((o) => ({ value: o.id, label: o.name }))]}
            error={errors.deliveringOrganisationId ?? (providers.isError ? providers.error.message : undefined)}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput type="number" min={1} label={t('training.cohortForm.capacity')} required value={form.capacity} onChange={(e) => set('capacity', e.currentTarget.value)} error={errors.capacity} />
            <TextInput
              type="number"
              min={0}
              max={100}
              label={t('training.cohortForm.minAttendance')}
              value={form.minAttendancePercent}
              onChange={(e) => set('minAttendancePercent', e.currentTarget.value)}
              error={errors.minAttendancePercent}
            />
            <TextInput type="date" label={t('training.cohortForm.nominationsClose')} value={form.nominationsCloseOn} onChange={(e) => set('nominationsCloseOn', e.currentTarget.value)} error={errors.nominationsCloseOn} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NativeSelect
              label={t('training.cohortForm.eligibility')}
              value={form.eligibility}
              onChange={(e) => set('eligibility', e.currentTarget.value as CohortEligibility)}
              data={eligibilities.values.map((value) => ({ value, label: eligibilities.label(value) }))}
              error={errors.eligibility}
            />
            <NativeSelect
              label={t('training.cohortForm.status')}
              value={form.status}
              onChange={(e) => set('status', e.currentTarget.value as CohortStatus)}
              data={statusChoices.map((value) => ({ value, label: cohortStatuses.label(value) }))}
              error={errors.status}
            />
          </SimpleGrid>
          <ModalActions onCancel={onClose}>
            <Button type="submit" loading={save.isPending}>
              {cohort ? t('training.cohortForm.save') : t('training.cohortForm.add')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </WorkspaceModal>
  );
}
