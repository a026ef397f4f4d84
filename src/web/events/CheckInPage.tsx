import { Alert, Anchor, Box, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useDeferredValue, useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError, unwrap } from '../api/client.js';
import { PageError, PageLoader } from '../app/pages.js';
import { t } from '../i18n/i18n.js';
import { InlineLoader, WorkspaceTitle } from '../workspace/forms.js';
import { eventKey, Notice, registrationsKey, type EventDetail } from './shared.js';
import { instantInBothZones } from './zonedTime.js';

type Outcome = { tone: 'success' | 'already' | 'problem'; text: string };

/**
 * `/app/events/:eventId/check-in`: the organisers at the door, on a phone. Scan the badge's QR code
 * with the camera, type the code printed under it, or find the person by name or organisation.
 */
export function CheckInPage() {
  const { eventId = '' } = useParams();
  const event = useQuery({ queryKey: eventKey(eventId), queryFn: async () => unwrap(await api.GET('/api/v1/events/{eventId}', { params: { path: { eventId } } })) });
  if (event.isPending) return <PageLoader />;
  if (event.isError) return <PageError error={event.error} onRetry={() => event.refetch()} />;
  if (!event.data.isOrganiser) {
    return (
      <>
        <WorkspaceTitle>{t('events.checkIn.title')}</WorkspaceTitle>
        <Text>{t('events.checkIn.notOrganiser', { organiser: event.data.organiserName })}</Text>
      </>
    );
  }
  return <CheckInDesk event={event.data} />;
}

function CheckInDesk({ event }: { event: EventDetail }) {
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const checkIn = useMutation({
    mutationFn: async (body: { badgeCode: string } | { registrationId: string }) =>
      unwrap(await api.POST('/api/v1/events/{eventId}/check-ins', { params: { path: { eventId: event.id } }, body })),
    onSuccess: async (result) => {
      setOutcome({ tone: 'success', text: result.message });
      navigator.vibrate?.(120);
      await queryClient.invalidateQueries({ queryKey: registrationsKey(event.id) });
      await queryClient.invalidateQueries({ queryKey: eventKey(event.id) });
    },
    onError: (error) => {
      const already = error instanceof ApiError && error.status === 409 && /already checked in/.test(error.message);
      setOutcome({ tone: already ? 'already' : 'problem', text: error instanceof Error ? error.message : String(error) });
      navigator.vibrate?.([60, 60, 60]);
    },
  });
  const submitCode = useCallback((badgeCode: string) => checkIn.mutate({ badgeCode }), [checkIn]);
  const open = event.status === 'published';
  return (
    <>
      <WorkspaceTitle description={event.title}>{t('events.checkIn.title')}</WorkspaceTitle>
      <Stack gap="md" maw={640}>
        <Text size="sm">{t('events.checkIn.count', { checkedIn: event.checkedInCount ?? 0, confirmed: event.confirmedCount })}</Text>
        {!open && (
          <Notice color="orange" title={t('events.checkIn.closedTitle')}>
            {event.status === 'draft' ? t('events.checkIn.draft') : t('events.checkIn.closed')}
          </Notice>
        )}
        <Box aria-live="polite" aria-atomic>
          {outcome && (
            <Alert
              color={outcome.tone === 'success' ? '#216e39' : outcome.tone === 'already' ? '#8a4b00' : 'red.9'}
              variant="filled"
              title={outcome.tone === 'success' ? t('events.checkIn.done') : outcome.tone === 'already' ? t('events.checkIn.already') : t('events.checkIn.problem')}
            >
              {outcome.text}
            </Alert>
          )}
        </Box>
        <Scanner disabled={!open} busy={checkIn.isPending} onCode={submitCode} />
        <CodeForm disabled={!open} busy={checkIn.isPending} onCode={submitCode} />
        <SearchList event={event} disabled={!open} busyId={checkIn.isPending && checkIn.variables && 'registrationId' in checkIn.variables ? checkIn.variables.registrationId : null} onCheckIn={(registrationId) => checkIn.mutate({ registrationId })} />
        <Anchor component={Link} to={`/app/events/${event.id}`} size="sm">
          {t('events.backToEvent')}
        </Anchor>
      </Stack>
    </>
  );
}

type CameraState = { state: 'off' | 'starting' | 'on' } | { state: 'unavailable'; reason: string };

/** The phone's camera reads badges' QR codes (jsQR on video frames, loaded only when the camera starts). */
function Scanner({ disabled, busy, onCode }: { disabled: boolean; busy: boolean; onCode: (code: string) => void }) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const streamRef = useRef<MediaStream | null>(null);
  const timerRef = useRef<number | null>(null);
  const lastRef = useRef<{ code: string; at: number } | null>(null);
  const busyRef = useRef(busy);
  const onCodeRef = useRef(onCode);
  busyRef.current = busy;
  onCodeRef.current = onCode;
  const [camera, setCamera] = useState<CameraState>({ state: 'off' });

  const stop = useCallback(() => {
    if (timerRef.current !== null) window.clearTimeout(timerRef.current);
    timerRef.current = null;
    streamRef.current?.getTracks().forEach((track) => track.stop());
    streamRef.current = null;
    if (videoRef.current) videoRef.current.srcObject = null;
  }, []);
  useEffect(() => stop, [stop]);

  async function start() {
    if (!window.isSecureContext) return setCamera({ state: 'unavailable', reason: t('events.checkIn.cameraInsecure') });
    if (!navigator.mediaDevices?.getUserMedia) return setCamera({ state: 'unavailable', reason: t('events.checkIn.cameraUnsupported') });
    setCamera({ state: 'starting' });
    try {
      const [stream, decoder] = await Promise.all([
        navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false }),
        import('jsqr').then((module) => module.default),
      ]);
      streamRef.current = stream;
      const video = videoRef.current!;
      video.srcObject = stream;
      await video.play();
      setCamera({ state: 'on' });
      const canvas = document.createElement('canvas');
      const context = canvas.getContext('2d', { willReadFrequently: true });
      const scan = () => {
        timerRef.current = window.setTimeout(scan, 250);
        if (!context || busyRef.current || video.readyState < 2 || !video.videoWidth) return;
        // Small frames decode fast enough on a modest phone; a badge's QR code stays readable at this size.
        const scale = Math.min(1, 640 / video.videoWidth);
        canvas.width = Math.round(video.videoWidth * scale);
        canvas.height = Math.round(video.videoHeight * scale);
        context.drawImage(video, 0, 0, canvas.width, canvas.height);
        const image = context.getImageData(0, 0, canvas.width, canvas.height);
        const found = decoder(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
        if (!found?.data) return;
        const now = Date.now();
        // The same badge stays in view for a while: read it once, not every frame.
        if (lastRef.current && lastRef.current.code === found.data && now - lastRef.current.at < 4000) return;
        lastRef.current = { code: found.data, at: now };
        onCodeRef.current(found.data);
      };
      scan();
    } catch (error) {
      stop();
      const name = error instanceof DOMException ? error.name : '';
      const reason =
        name === 'NotAllowedError' || name === 'SecurityError'
          ? t('events.checkIn.cameraRefused')
          : name === 'NotFoundError' || name === 'OverconstrainedError'
            ? t('events.checkIn.cameraMissing')
            : name === 'NotReadableError'
              ? t('events.checkIn.cameraBusy')
              : t('events.checkIn.cameraFailed', { problem: error instanceof Error ? error.message : String(error) });
      setCamera({ state: 'unavailable', reason });
    }
  }

  const on = camera.state === 'on' || camera.state === 'starting';
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="scan-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="scan-heading">
          {t('events.checkIn.scanTitle')}
        </Title>
        {camera.state === 'unavailable' && (
          <Notice color="orange" role="alert" title={t('events.checkIn.cameraUnavailable')}>
            {camera.reason} {t('events.checkIn.useSearch')}
          </Notice>
        )}
        <video
          ref={videoRef}
          muted
          playsInline
          aria-label={t('events.checkIn.cameraView')}
          style={{ display: on ? 'block' : 'none', width: '100%', maxWidth: 480, borderRadius: 8, background: '#000', aspectRatio: '4 / 3', objectFit: 'cover' }}
        />
        {camera.state === 'on' && <Text size="sm">{busy ? t('events.checkIn.checking') : t('events.checkIn.pointCamera')}</Text>}
        <Group gap="sm">
          {on ? (
            <Button
              variant="default"
              onClick={() => {
                stop();
                setCamera({ state: 'off' });
              }}
            >
              {t('events.checkIn.stopCamera')}
            </Button>
          ) : (
            <Button onClick={() => void start()} disabled={disabled} loading={camera.state === 'starting'}>
              {t('events.checkIn.startCamera')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

function CodeForm({ disabled, busy, onCode }: { disabled: boolean; busy: boolean; onCode: (code: string) => void }) {
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const raw = code.toUpperCase().replace(/[^0-9A-Z]/g, '');
    if (raw.length !== 16) return setProblem(t('events.checkIn.codeInvalid'));
    setProblem(null);
    onCode(code);
    setCode('');
  };
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="code-heading">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4" id="code-heading">
            {t('events.checkIn.codeTitle')}
          </Title>
          <TextInput
            label={t('events.checkIn.codeLabel')}
            description={t('events.checkIn.codeHint')}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            error={problem}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={40}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: '0.05em' } }}
          />
          <Button type="submit" w="fit-content" disabled={disabled} loading={busy}>
            {t('events.checkIn.codeSubmit')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}

function SearchList({ event, disabled, busyId, onCheckIn }: { event: EventDetail; disabled: boolean; busyId: string | null; onCheckIn: (registrationId: string) => void }) {
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const results = useQuery({
    queryKey: [...registrationsKey(event.id), 'confirmed', q],
    queryFn: async () => unwrap(await api.GET('/api/v1/events/{eventId}/registrations', { params: { path: { eventId: event.id }, query: { status: 'confirmed', q, limit: 20 } } })),
    enabled: q.length >= 2,
    placeholderData: (previous) => previous,
  });
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="search-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="search-heading">
          {t('events.checkIn.searchTitle')}
        </Title>
        <TextInput label={t('events.checkIn.searchLabel')} description={t('events.checkIn.searchHint')} type="search" value={search} onChange={(e) => setSearch(e.currentTarget.value)} autoComplete="off" />
        {q.length < 2 ? null : results.isPending ? (
          <InlineLoader />
        ) : results.isError ? (
          <PageError error={results.error} onRetry={() => results.refetch()} />
        ) : results.data.items.length === 0 ? (
          <Text size="sm">{t('events.checkIn.noMatch')}</Text>
        ) : (
          <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
            {results.data.items.map((registration) => (
              <Paper key={registration.id} component="li" withBorder p="xs" radius="sm">
                <Group justify="space-between" gap="xs" wrap="wrap">
                  <div style={{ minWidth: 200, flex: 1 }}>
                    <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {registration.name}
                    </Text>
                    <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                      {[registration.organisationName, registration.cityName].filter(Boolean).join(' · ')}
                    </Text>
                  </div>
                  {registration.checkedInAt ? (
                    <Text size="sm">{t('events.checkIn.alreadyAt', { time: instantInBothZones(registration.checkedInAt, event.timeZone) })}</Text>
                  ) : (
                    <Button size="sm" disabled={disabled} loading={busyId === registration.id} onClick={() => onCheckIn(registration.id)}>
                      {t('events.checkIn.checkInNamed', { name: registration.name })}
                    </Button>
                  )}
                </Group>
              </Paper>
            ))}
          </Stack>
        )}
        {results.data && results.data.total > results.data.items.length && <Text size="sm" c="dimmed">{t('events.checkIn.more', { count: results.data.total - results.data.items.length })}</Text>}
      </Stack>
    </Paper>
  );
}
