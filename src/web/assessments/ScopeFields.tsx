import { NativeSelect, Radio, Stack } from '@mantine/core';
import { t } from '../i18n/i18n.js';
import { systems, systemValues, type AssessmentScope, type AssessmentSystem } from './shared.js';

/** The assessment's scope: the whole city administration, or one system (then which). */
export function ScopeFields(props: { scope: AssessmentScope; system: AssessmentSystem | ''; onScope: (scope: AssessmentScope) => void; onSystem: (system: AssessmentSystem | '') => void; error?: string }) {
  return (
    <>
      <Radio.Group label={t('assessments.field.scope')} value={props.scope} onChange={(value) => props.onScope(value as AssessmentScope)}>
        <Stack gap="xs" mt="xs">
          <Radio value="city_administration" label={t('assessments.scope.city_administration')} description={t('assessments.scope.cityHelp')} />
          <Radio value="system" label={t('assessments.scope.system')} description={t('assessments.scope.systemHelp')} />
        </Stack>
      </Radio.Group>
      {props.scope === 'system' && (
        <NativeSelect
          label={t('assessments.field.system')}
          required
          value={props.system}
          onChange={(e) => props.onSystem(e.currentTarget.value as AssessmentSystem | '')}
          data={[{ value: '', label: t('assessments.field.systemChoose') }, ...systemValues.map((value) => ({ value, label: t(systems[value]) }))]}
          error={props.error}
          maw={320}
        />
      )}
    </>
  );
}

