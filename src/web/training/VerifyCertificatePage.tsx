import { Alert, Anchor, Button, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { api, ApiError, unwrap } from '../api/client.js';
import type { paths } from '../api/schema.js';
import { PageError, PageLoader } from '../app/pages.js';
import { t } from '../i18n/i18n.js';
import { useDocumentTitle } from '../portal/presentation.js';

/**
 * The public verification page: `/verify` asks for a code, `/verify/:code` shows whether the
 * certificate is valid (signature checked), revoked or unknown, and what it states. Kept light: no
 * workspace code, so a visitor on a slow connection loads only this.
 */
type Verification = paths['/api/v1/certificates/{code}/verification']['get']['responses'][200]['content']['application/json'];

const CODE_CHARS = /^[A-Z0-9]{12}$/;

/** What someone typed, grouped like the printed code; null when it cannot be one. */
function tidyCode(input: string): string | null {
  const raw = input.toUpperCase().replace(/[\s\-–—_.]/g, '');
  return CODE_CHARS.test(raw) ? raw.match(/.{4}/g)!.join('-') : null;
}

/** A calendar date (YYYY-MM-DD) in words, without a time zone shifting the day. */
function calendarDate(isoDate: string): string {
  const [year, month, day] = isoDate.slice(0, 10).split('-').map(Number);
  if (!year || !month || !day) return isoDate;
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, day)));
}

const instantDate = (iso: string) => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(iso));

export function VerifyCertificatePage() {
  const { code: codeParam } = useParams();
  const code = codeParam ? decodeURIComponent(codeParam) : null;
  useDocumentTitle(t('training.certificate.verifyTitle'));
  return (
    <Stack gap="lg" maw={760}>
      <Stack gap={4}>
        <Title order={1}>{t('training.certificate.verifyTitle')}</Title>
        <Text>{t('training.certificate.intro')}</Text>
      </Stack>
      {code ? <VerificationResult code={code} /> : null}
      <CodeForm initial={code ?? ''} key={code ?? ''} />
    </Stack>
  );
}

function CodeForm({ initial }: { initial: string }) {
  const navigate = useNavigate();
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!value.trim()) return setError(t('training.certificate.code.required'));
    const tidy = tidyCode(value);
    if (!tidy) return setError(t('training.certificate.code.invalid'));
    setError(null);
    void navigate(`/verify/${encodeURIComponent(tidy)}`, { state: { submitted: true } });
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="verify-form-heading">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4" id="verify-form-heading">
            {initial ? t('training.certificate.checkAnother') : t('training.certificate.verifyTitle')}
          </Title>
          <TextInput
            label={t('training.certificate.code.label')}
            description={t('training.certificate.code.description')}
            value={value}
            onChange={(event) => setValue(event.currentTarget.value)}
            error={error}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={40}
            required
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: '0.05em' } }}
          />
          <Button type="submit" w="fit-content">
            {t('training.certificate.verify')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}

function VerificationResult({ code }: { code: string }) {
  const verification = useQuery({
    queryKey: ['certificate-verification', code],
    queryFn: async () => unwrap(await api.GET('/api/v1/certificates/{code}/verification', { params: { path: { code } } })),
    retry: (count, error) => !(error instanceof ApiError && (error.status === 404 || error.status === 429)) && count < 2,
    staleTime: 0,
  });
  const headingRef = useRef<HTMLHeadingElement>(null);
  const submitted = (useLocation().state as { submitted?: boolean } | null)?.submitted === true;
  // After the form is submitted, move focus to the result once it is known, so screen reader users hear it.
  useEffect(() => {
    if (submitted && !verification.isPending) headingRef.current?.focus();
  }, [submitted, verification.isPending, code]);

  let body: ReactNode;
  if (verification.isPending) body = <PageLoader />;
  else if (verification.isError) {
    body =
      verification.error instanceof ApiError && verification.error.status === 404 ? (
        <Alert color="gray.8" variant="outline" title={t('training.certificate.notFound.title')}>
          {t('training.certificate.notFound.body', { code })}
        </Alert>
      ) : (
        <PageError error={verification.error} onRetry={() => verification.refetch()} />
      );
  } else body = <Outcome verification={verification.data} />;

  return (
    <Stack component="section" gap="sm" aria-labelledby="verify-result-heading" aria-live="polite">
      <Title order={2} size="h3" id="verify-result-heading" ref={headingRef} tabIndex={-1} style={{ overflowWrap: 'anywhere', outline: 'none' }}>
        {t('training.certificate.result', { code })}
      </Title>
      {body}
    </Stack>
  );
}

function Outcome({ verification }: { verification: Verification }) {
  const status =
    verification.status === 'valid' ? (
      <Alert color="#216e39" variant="filled" title={t('training.certificate.valid.title')}>
        {t('training.certificate.valid.body')}
      </Alert>
    ) : verification.status === 'revoked' ? (
      <Alert color="red.9" variant="filled" title={t('training.certificate.revoked.title')}>
        {t('training.certificate.revoked.body', { date: verification.revokedOn ? calendarDate(verification.revokedOn) : '' })}
      </Alert>
    ) : (
      <Alert color="red.9" variant="filled" title={t('training.certificate.invalid.title')}>
        {t('training.certificate.invalid.body')}
      </Alert>
    );
  const code = encodeURIComponent(verification.verificationCode);
  return (
    <Stack gap="md">
      {status}
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Title order={3} size="h4">
            {t('training.certificate.facts')}
          </Title>
          <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm" m={0}>
            <Fact label={t('training.certificate.fact.recipient')}>
              <Text span fw={700}>
                {verification.recipientName}
              </Text>
            </Fact>
            <Fact label={t('training.certificate.fact.course')}>{verification.courseTitle}</Fact>
            <Fact label={t('training.certificate.fact.cohort')}>{verification.cohortTitle}</Fact>
            <Fact label={t('training.certificate.fact.deliveredBy')}>{verification.deliveringOrganisationName}</Fact>
            <Fact label={t('training.certificate.fact.completedOn')}>{calendarDate(verification.completedOn)}</Fact>
            <Fact label={t('training.certificate.fact.issuedOn')}>{instantDate(verification.issuedAt)}</Fact>
            <Fact label={t('training.certificate.fact.issuedBy')}>{verification.issuerName}</Fact>
            <Fact label={t('training.certificate.code.label')}>
              <Text span ff="monospace">
                {verification.verificationCode}
              </Text>
            </Fact>
          </SimpleGrid>
          <Text size="sm" c="dimmed">
            {t('training.certificate.privacy')}
          </Text>
          <Group gap="md" wrap="wrap">
            <Anchor href={`/api/v1/certificates/${code}/credential`} size="sm">
              {t('training.certificate.credentialJson')}
            </Anchor>
            <Anchor href={`/api/v1/certificates/${code}/credential?format=jwt`} size="sm">
              {t('training.certificate.credentialJwt')}
            </Anchor>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" fw={700}>
        {label}
      </Text>
      <Text component="dd" m={0} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}
