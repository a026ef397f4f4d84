import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { t } from '../i18n/i18n.js';

/**
 * The links of an issued certificate, shown on an enrolment: the PDF to print, the Open Badges
 * credential to carry elsewhere and the public verification page. A revoked certificate says so in
 * words, not by colour alone.
 */
export function CertificateLinks({ enrolmentId, certificate }: { enrolmentId: string; certificate: { verificationCode: string; revokedAt: string | null } }) {
  const code = encodeURIComponent(certificate.verificationCode);
  const revoked = certificate.revokedAt !== null;
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Text size="sm" fw={600}>
          {t('training.certificate.verificationCode')}
        </Text>
        <Text size="sm" ff="monospace">
          {certificate.verificationCode}
        </Text>
        {revoked ? (
          <Badge color="red.9" variant="filled">
            {t('training.certificate.revokedBadge')}
          </Badge>
        ) : null}
      </Group>
      {revoked ? (
        <Text size="sm" fw={700} role="note">
          {t('training.certificate.revoked')}
        </Text>
      ) : null}
      <Group gap="md" wrap="wrap">
        {revoked ? null : (
          <Anchor href={`/api/v1/training/enrolments/${encodeURIComponent(enrolmentId)}/certificate.pdf`} download={`certificate-${certificate.verificationCode}.pdf`}>
            {t('training.certificate.pdf')}
          </Anchor>
        )}
        <Anchor href={`/api/v1/certificates/${code}/credential`} target="_blank" rel="noopener">
          {t('training.certificate.credential')}
        </Anchor>
        <Anchor component={Link} to={`/verify/${code}`}>
          {t('training.certificate.verificationPage')}
        </Anchor>
      </Group>
    </Stack>
  );
}
