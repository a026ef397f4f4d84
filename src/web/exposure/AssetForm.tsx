import { Alert, Box, Button, Checkbox, Fieldset, Group, NativeSelect, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../api/client.js';
import { t } from '../i18n/i18n.js';
import { fieldErrorsOf, FormAlert } from '../workspace/forms.js';
import { ModalActions, WorkspaceModal } from '../workspace/WorkspaceModal.js';
import { componentKinds, criticalities, exposureKey, systems, type Asset, type AssetBody, type AssetSystem, type ComponentKind, type Criticality } from './shared.js';

const MAX_COMPONENTS = 10;

type ComponentForm = { key: number; kind: ComponentKind; vendor: string; product: string; version: string; cpes: string };
type AssetForm = {
  name: string;
  system: AssetSystem | '';
  quantity: string;
  location: string;
  ownerDepartment: string;
  criticality: Criticality;
  internetExposed: boolean;
  notes: string;
  components: ComponentForm[];
};

let nextKey = 1;
const emptyComponent = (): ComponentForm => ({ key: nextKey++, kind: 'hardware', vendor: '', product: '', version: '', cpes: '' });

function formOf(asset?: Asset): AssetForm {
  if (!asset)
    return { name: '', system: '', quantity: '1', location: '', ownerDepartment: '', criticality: 'medium', internetExposed: false, notes: '', components: [emptyComponent()] };
  return {
    name: asset.name,
    system: asset.system,
    quantity: String(asset.quantity),
    location: asset.location,
    ownerDepartment: asset.ownerDepartment,
    criticality: asset.criticality,
    internetExposed: asset.internetExposed,
    notes: asset.notes,
    components: asset.components.map((component) => ({ ...component, key: nextKey++, cpes: component.cpes.join('\n') })),
  };
}

const cpeList = (text: string) =>
  text
    .split(/[\s;]+/)
    .map((cpe) => cpe.trim())
    .filter(Boolean);

function bodyOf(form: AssetForm): AssetBody {
  return {
    name: form.name,
    system: form.system as AssetSystem,
    quantity: Number(form.quantity) || 0,
    location: form.location,
    ownerDepartment: form.ownerDepartment,
    criticality: form.criticality,
    internetExposed: form.internetExposed,
    notes: form.notes,
    components: form.components.map(({ kind, vendor, product, version, cpes }) => ({ kind, vendor, product, version, cpes: cpeList(cpes) })),
  };
}

/** The server's problems of component i's CPEs ("components.0.cpes.1") and of its other fields. */
function componentErrors(errors: Record<string, string>, index: number) {
  const prefix = `components.${index}.`;
  const cpes = Object.entries(errors)
    .filter(([field]) => field.startsWith(`${prefix}cpes`))
    .map(([, message]) => message);
  return { cpes: cpes.length ? cpes.join(' ') : undefined, kind: errors[`${prefix}kind`], vendor: errors[`${prefix}vendor`], product: errors[`${prefix}product`], version: errors[`${prefix}version`] };
}

/**
 * Add an asset, or (with `asset`) change one: its fields and 1 to 10 components, each with a CPE list
 * that "Suggest CPE" fills from the vendor, product and version. The server's problems show at their fields.
 */
export function AssetFormModal({ asset, onClose, onSaved }: { asset?: Asset; onClose: () => void; onSaved: (saved: Asset) => void }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState(() => formOf(asset));
  const set = <K extends keyof AssetForm>(key: K, value: AssetForm[K]) => setForm((current) => ({ ...current, [key]: value }));
  const setComponent = (key: number, change: Partial<ComponentForm>) =>
    setForm((current) => ({ ...current, components: current.components.map((component) => (component.key === key ? { ...component, ...change } : component)) }));
  const save = useMutation({
    mutationFn: async () =>
      asset
        ? unwrap(await api.PUT('/api/v1/inventory/assets/{id}', { params: { path: { id: asset.id } }, body: bodyOf(form) }))
        : unwrap(await api.POST('/api/v1/inventory/assets', { body: bodyOf(form) })),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: exposureKey });
      onSaved(saved);
    },
  });
  const errors = fieldErrorsOf(save.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }
  return (
    <WorkspaceModal opened onClose={onClose} size="xl" title={asset ? t('exposure.assetForm.editTitle', { name: asset.name }) : t('exposure.assetForm.addTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert error={save.error} />
          <TextInput label={t('exposure.field.name')} description={t('exposure.field.nameHelp')} required value={form.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name} />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <NativeSelect
              label={t('exposure.field.system')}
              required
              value={form.system}
              onChange={(e) => set('system', e.currentTarget.value as AssetSystem | '')}
              data={[{ value: '', label: t('workspace.choose') }, ...systems.values.map((value) => ({ value, label: systems.label(value) }))]}
              error={errors.system}
            />
            <NativeSelect
              label={t('exposure.field.criticality')}
              value={form.criticality}
              onChange={(e) => set('criticality', e.currentTarget.value as Criticality)}
              data={criticalities.values.map((value) => ({ value, label: criticalities.label(value) }))}
              error={errors.criticality}
            />
            <TextInput type="number" min={1} label={t('exposure.field.quantity')} value={form.quantity} onChange={(e) => set('quantity', e.currentTarget.value)} error={errors.quantity} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label={t('exposure.field.location')} value={form.location} onChange={(e) => set('location', e.currentTarget.value)} error={errors.location} />
            <TextInput label={t('exposure.field.ownerDepartment')} value={form.ownerDepartment} onChange={(e) => set('ownerDepartment', e.currentTarget.value)} error={errors.ownerDepartment} />
          </SimpleGrid>
          <Checkbox
            label={t('exposure.field.internetExposed')}
            description={t('exposure.field.internetExposedHelp')}
            checked={form.internetExposed}
            onChange={(e) => set('internetExposed', e.currentTarget.checked)}
          />
          <Textarea label={t('exposure.field.notes')} autosize minRows={2} value={form.notes} onChange={(e) => set('notes', e.currentTarget.value)} error={errors.notes} />

          <Box>
            <Text fw={600}>{t('exposure.assetForm.components')}</Text>
            <Text size="sm" c="dimmed" mb="xs">
              {t('exposure.assetForm.componentsHelp')}
            </Text>
            {errors.components && (
              <Alert color="red" role="alert" mb="xs">
                <Text size="sm">{errors.components}</Text>
              </Alert>
            )}
            <Stack gap="sm">
              {form.components.map((component, index) => (
                <ComponentFields
                  key={component.key}
                  index={index}
                  component={component}
                  errors={componentErrors(errors, index)}
                  onChange={(change) => setComponent(component.key, change)}
                  onRemove={form.components.length > 1 ? () => set('components', form.components.filter((other) => other.key !== component.key)) : undefined}
                />
              ))}
            </Stack>
            {form.components.length < MAX_COMPONENTS && (
              <Button variant="outline" size="compact-sm" mt="sm" onClick={() => set('components', [...form.components, emptyComponent()])}>
                {t('exposure.assetForm.addComponent')}
              </Button>
            )}
          </Box>
          <ModalActions onCancel={onClose}>
            <Button type="submit" loading={save.isPending}>
              {asset ? t('exposure.assetForm.save') : t('exposure.assetForm.add')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </WorkspaceModal>
  );
}

function ComponentFields({
  index,
  component,
  errors,
  onChange,
  onRemove,
}: {
  index: number;
  component: ComponentForm;
  errors: ReturnType<typeof componentErrors>;
  onChange: (change: Partial<ComponentForm>) => void;
  onRemove?: () => void;
}) {
  const suggest = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/v1/inventory/cpe-suggestion', { body: { kind: component.kind, vendor: component.vendor, product: component.product, version: component.version } })),
    onSuccess: (suggestion) => {
      const current = cpeList(component.cpes);
      if (!current.includes(suggestion.cpe)) onChange({ cpes: [...current, suggestion.cpe].join('\n') });
    },
  });
  const number = index + 1;
  return (
    <Fieldset legend={t('exposure.assetForm.component', { number })} p="sm">
      <Stack gap="xs">
        <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="xs">
          <NativeSelect
            label={t('exposure.field.kind')}
            value={component.kind}
            onChange={(e) => onChange({ kind: e.currentTarget.value as ComponentKind })}
            data={componentKinds.values.map((value) => ({ value, label: componentKinds.label(value) }))}
            error={errors.kind}
          />
          <TextInput label={t('exposure.field.vendor')} value={component.vendor} onChange={(e) => onChange({ vendor: e.currentTarget.value })} error={errors.vendor} />
          <TextInput label={t('exposure.field.product')} value={component.product} onChange={(e) => onChange({ product: e.currentTarget.value })} error={errors.product} />
          <TextInput label={t('exposure.field.version')} value={component.version} onChange={(e) => onChange({ version: e.currentTarget.value })} error={errors.version} />
        </SimpleGrid>
        <Textarea
          label={t('exposure.field.cpes')}
          description={t('exposure.field.cpesHelp')}
          autosize
          minRows={1}
          value={component.cpes}
          onChange={(e) => onChange({ cpes: e.currentTarget.value })}
          error={errors.cpes}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
        />
        {suggest.error ? <FormAlert error={suggest.error} title={t('exposure.assetForm.suggestFailed')} /> : null}
        <Group gap="xs">
          <Button
            variant="light"
            size="compact-sm"
            onClick={() => suggest.mutate()}
            loading={suggest.isPending}
            disabled={!component.vendor.trim() || !component.product.trim()}
            aria-label={t('exposure.assetForm.suggestNamed', { number })}
          >
            {t('exposure.assetForm.suggest')}
          </Button>
          {onRemove && (
            <Button variant="subtle" color="red.9" size="compact-sm" onClick={onRemove} aria-label={t('exposure.assetForm.removeNamed', { number })}>
              {t('exposure.assetForm.remove')}
            </Button>
          )}
        </Group>
      </Stack>
    </Fieldset>
  );
}
