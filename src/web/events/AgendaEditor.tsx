import { Button, Group, NativeSelect, SimpleGrid, Stack, TagsInput, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../api/client.js';
import { t } from '../i18n/i18n.js';
import { fieldErrorsOf, FormAlert } from '../workspace/forms.js';
import { Section } from '../workspace/Section.js';
import { ModalActions, WorkspaceModal } from '../workspace/WorkspaceModal.js';
import { AgendaView } from './AgendaView.js';
import { agendaKindLabel, agendaKinds, eventKey, type AgendaItem, type AgendaKind, type EventDetail } from './shared.js';
import { viewerTimeZone } from './zonedTime.js';

/** The agenda (a mission's itinerary, by day and place); its organisers add, change and remove items. */
export function AgendaSection({ event }: { event: EventDetail }) {
  const mission = event.kind === 'trade_mission';
  const [editing, setEditing] = useState<AgendaItem | 'new' | null>(null);
  const [removing, setRemoving] = useState<AgendaItem | null>(null);
  const editable = event.canEdit;
  const zone = viewerTimeZone();
  return (
    <Section
      title={mission ? t('events.agenda.itinerary') : t('events.agenda.title')}
      actions={
        editable && (
          <Button size="compact-md" variant="light" onClick={() => setEditing('new')}>
            {mission ? t('events.agenda.addStop') : t('events.agenda.add')}
          </Button>
        )
      }
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('events.agenda.zones', { zone: event.timeZone, yours: zone })}
        </Text>
        <AgendaView
          agenda={event.agenda}
          timeZone={event.timeZone}
          byPlace={mission}
          actions={
            editable
              ? (item) => (
                  <Group gap="xs">
                    <Button size="compact-sm" variant="default" onClick={() => setEditing(item)} aria-label={t('events.agenda.editNamed', { title: item.title })}>
                      {t('events.agenda.edit')}
                    </Button>
                    <Button size="compact-sm" variant="subtle" color="red.9" c="red.9" onClick={() => setRemoving(item)} aria-label={t('events.agenda.removeNamed', { title: item.title })}>
                      {t('events.agenda.remove')}
                    </Button>
                  </Group>
                )
              : undefined
          }
        />
      </Stack>
      {editing && <AgendaItemModal event={event} item={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {removing && <RemoveModal event={event} item={removing} onClose={() => setRemoving(null)} />}
    </Section>
  );
}

function AgendaItemModal({ event, item, onClose }: { event: EventDetail; item: AgendaItem | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const mission = event.kind === 'trade_mission';
  const [kind, setKind] = useState<AgendaKind>(item?.kind ?? (mission ? 'site_visit' : 'session'));
  const [title, setTitle] = useState(item?.title ?? '');
  const [startsAt, setStartsAt] = useState(item?.localStartsAt ?? event.localStartsAt);
  const [endsAt, setEndsAt] = useState(item?.localEndsAt ?? '');
  const [room, setRoom] = useState(item?.room ?? '');
  const [place, setPlace] = useState(item?.place ?? '');
  const [speakers, setSpeakers] = useState<string[]>(item?.speakers ?? []);
  const [description, setDescription] = useState(item?.description ?? '');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: async () => {
      const body = { kind, title, startsAt, endsAt, room, place, speakers, description };
      const path = { eventId: event.id };
      return item
        ? unwrap(await api.PATCH('/api/v1/events/{eventId}/agenda-items/{itemId}', { params: { path: { ...path, itemId: item.id } }, body }))
        : unwrap(await api.POST('/api/v1/events/{eventId}/agenda-items', { params: { path }, body }));
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: eventKey(event.id) });
      onClose();
    },
    onError: (error) => setProblems(fieldErrorsOf(error)),
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!title.trim()) found.title = t('events.agenda.titleRequired');
    if (!startsAt) found.startsAt = t('events.form.timeRequired');
    if (!endsAt) found.endsAt = t('events.form.timeRequired');
    if (startsAt && endsAt && endsAt <= startsAt) found.endsAt = t('events.form.endAfterStart');
    setProblems(found);
    if (!Object.keys(found).length) save.mutate();
  }
  const hint = t('events.form.localTimeHint', { zone: event.timeZone });
  return (
    <WorkspaceModal opened onClose={onClose} title={item ? t('events.agenda.editTitle') : mission ? t('events.agenda.addStop') : t('events.agenda.add')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <NativeSelect label={t('events.agenda.kind')} value={kind} onChange={(e) => setKind(e.currentTarget.value as AgendaKind)} data={agendaKinds.map((value) => ({ value, label: agendaKindLabel(value) }))} />
          <TextInput label={t('events.agenda.itemTitle')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={problems.title} data-autofocus />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <TextInput type="datetime-local" label={t('events.form.startsAt')} description={hint} required value={startsAt} onChange={(e) => setStartsAt(e.currentTarget.value.slice(0, 16))} error={problems.startsAt} />
            <TextInput type="datetime-local" label={t('events.form.endsAt')} description={hint} required value={endsAt} onChange={(e) => setEndsAt(e.currentTarget.value.slice(0, 16))} error={problems.endsAt} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <TextInput label={t('events.agenda.placeField')} description={mission ? t('events.agenda.placeHintMission') : t('events.agenda.placeHint')} value={place} onChange={(e) => setPlace(e.currentTarget.value)} error={problems.place} />
            <TextInput label={t('events.agenda.roomField')} value={room} onChange={(e) => setRoom(e.currentTarget.value)} error={problems.room} />
          </SimpleGrid>
          <TagsInput label={t('events.agenda.speakersField')} description={t('events.agenda.speakersHint')} value={speakers} onChange={setSpeakers} error={problems.speakers} />
          <Textarea label={t('events.agenda.descriptionField')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} autosize minRows={2} error={problems.description} />
          <FormAlert error={save.error} />
          <ModalActions onCancel={onClose}>
            <Button type="submit" loading={save.isPending}>
              {t('events.agenda.save')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </WorkspaceModal>
  );
}

function RemoveModal({ event, item, onClose }: { event: EventDetail; item: AgendaItem; onClose: () => void }) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: async () => unwrap(await api.DELETE('/api/v1/events/{eventId}/agenda-items/{itemId}', { params: { path: { eventId: event.id, itemId: item.id } } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: eventKey(event.id) });
      onClose();
    },
  });
  return (
    <WorkspaceModal opened onClose={onClose} title={t('events.agenda.removeTitle')}>
      <Stack gap="sm">
        <Text size="sm">{t('events.agenda.removeConfirm', { title: item.title })}</Text>
        <FormAlert error={remove.error} />
        <ModalActions onCancel={onClose}>
          <Button color="red.9" loading={remove.isPending} onClick={() => remove.mutate()}>
            {t('events.agenda.removeNamed', { title: item.title })}
          </Button>
        </ModalActions>
      </Stack>
    </WorkspaceModal>
  );
}
