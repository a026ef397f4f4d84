import { Textarea } from '@mantine/core';
import { t } from '../../i18n/i18n.js';
import { WebsiteInput } from '../forms.js';

/** An organisation's website and description, as the forms that create and edit it ask for them. */
export function WebsiteAndDescriptionFields({
  website,
  setWebsite,
  description,
  setDescription,
  errors,
}: {
  website: string;
  setWebsite: (value: string) => void;
  description: string;
  setDescription: (value: string) => void;
  errors: Record<string, string>;
}) {
  return (
    <>
      <WebsiteInput value={website} onChange={setWebsite} error={errors.website} />
      <Textarea
        label={t('workspace.field.description')}
        autosize
        minRows={3}
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
        error={errors.description}
      />
    </>
  );
}
