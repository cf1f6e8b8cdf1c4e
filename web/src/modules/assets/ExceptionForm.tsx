import { ActionIcon, Alert, Button, Group, List, Paper, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n';
import { firstError } from '../services/FieldErrors';
import { pickText } from '../services/format';
import { isModuleProblem, type ProblemDetail } from '../services/http';
import { detailText, errorsAt, normalisePath, problemText, unplacedErrors } from '../services/problems';
import { useTranslator } from '../services/useTranslator';
import { exceptionsApi, useControlCatalogue, type AssetException, type ExceptionInput } from './exceptionsApi';
import type { Device } from './types';

interface ControlDraft {
  kind: string | null;
  description: string;
}

const PLACED = ['deviceId', 'cveId', 'compensatingControls', 'reason', 'expiresOn'];

/** The body sent: a blank CVE means every open vulnerability of the device. */
export function exceptionInput(d: { deviceId: string | null; cveId: string; controls: ControlDraft[]; reason: string; expiresOn: string }): ExceptionInput {
  return {
    deviceId: d.deviceId ?? '',
    cveId: d.cveId.trim() === '' ? null : d.cveId.trim(),
    compensatingControls: d.controls.filter((c) => c.kind !== null || c.description.trim() !== '').map((c) => ({ kind: c.kind ?? '', description: c.description })),
    reason: d.reason,
    expiresOn: d.expiresOn,
  };
}

/** Request a closed-network exception: compensating controls from the catalogue, reason, expiry. */
export function ExceptionForm({ devices, deviceId, cveId, onDone, onCancel }: {
  devices: readonly Device[];
  deviceId?: string | null;
  cveId?: string | null;
  onDone: (saved: AssetException) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const locale = currentLocale();
  const catalogue = useControlCatalogue();
  const [device, setDevice] = useState<string | null>(deviceId ?? null);
  const [cve, setCve] = useState(cveId ?? '');
  const [controls, setControls] = useState<ControlDraft[]>([{ kind: null, description: '' }]);
  const [reason, setReason] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const save = useMutation({
    mutationFn: () => exceptionsApi.create(exceptionInput({ deviceId: device, cveId: cve, controls, reason, expiresOn })),
    onSuccess: (saved) => onDone(saved),
  });
  const details: ProblemDetail[] = isModuleProblem(save.error) ? save.error.details : [];
  const err = (path: string) => firstError(errorsAt(details, path), tr);
  // The S6 refusal names the claims it saw; they are shown by name in the reader's language.
  const claimNames = (d: ProblemDetail): ProblemDetail => {
    if (!d.params || typeof d.params.claims !== 'string') return d;
    const names = d.params.claims.split(',').filter(Boolean).map((c) => t(`assets.exceptions.claim.${c}` as never) as unknown as string);
    return { ...d, params: { ...d.params, claims: names.length > 0 ? names.join(t('ciCommon.listSeparator')) : t('assets.exceptions.claim.closed_network') } };
  };
  const listErrors = details.filter((d) => normalisePath(d.path) === 'compensatingControls').map(claimNames);
  const unplaced = unplacedErrors(details, PLACED);
  const set = (i: number, patch: Partial<ControlDraft>) => setControls((cs) => cs.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const kindOptions = (catalogue.data ?? []).map((k) => ({ value: k.id, label: pickText(k.label, locale) }));

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
      data-testid="exception-form"
    >
      <Stack>
        {save.isError && (
          <Alert color="red" variant="light" role="alert" title={t('assets.exceptions.saveFailed')} data-testid="exception-form-error">
            {problemText(tr, save.error, details.length, t('errors.generic'))}
            {unplaced.length > 0 && (
              <List size="sm" mt="xs">
                {unplaced.map((d, i) => (
                  <List.Item key={`${d.path}-${i}`}>{detailText(tr, d)}</List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}
        <Select
          label={t('assets.exceptions.device')}
          withAsterisk
          data={devices.map((d) => ({ value: d.id, label: `${d.assetId} (${d.vendor} ${d.product} ${d.version})` }))}
          value={device}
          onChange={setDevice}
          searchable
          error={err('deviceId')}
          data-testid="exception-device"
        />
        <TextInput
          label={t('assets.exceptions.cve')}
          description={t('assets.exceptions.cveHelp')}
          placeholder="CVE-2024-20353"
          value={cve}
          onChange={(e) => setCve(e.currentTarget.value)}
          error={err('cveId')}
          data-testid="exception-cve"
        />
        <Stack gap="xs">
          <Title order={3} size="h5">
            {t('assets.exceptions.controls')}
          </Title>
          <Text size="xs" c="dimmed">
            {t('assets.exceptions.controlsHelp')}
          </Text>
          {listErrors.length > 0 && (
            <Alert color="red" variant="light" role="alert" data-testid="exception-controls-error">
              {listErrors.map((d, i) => (
                <Text key={i} size="sm">
                  {detailText(tr, d)}
                </Text>
              ))}
            </Alert>
          )}
          {controls.map((c, i) => {
            const entry = catalogue.data?.find((k) => k.id === c.kind);
            return (
              <Paper key={i} withBorder p="sm" data-testid="exception-control">
                <Group align="flex-start" wrap="nowrap">
                  <Stack gap="xs" style={{ flex: 1 }}>
                    <Select
                      label={t('assets.exceptions.controlKind')}
                      data={kindOptions}
                      value={c.kind}
                      onChange={(v) => set(i, { kind: v })}
                      searchable
                      error={err(`compensatingControls.${i}.kind`)}
                      data-testid="exception-control-kind"
                    />
                    <Textarea
                      label={t('assets.exceptions.controlDescription')}
                      description={entry ? pickText(entry.guidance, locale) : undefined}
                      value={c.description}
                      onChange={(e) => set(i, { description: e.currentTarget.value })}
                      autosize
                      minRows={2}
                      error={err(`compensatingControls.${i}.description`)}
                      data-testid="exception-control-description"
                    />
                  </Stack>
                  {controls.length > 1 && (
                    <ActionIcon variant="subtle" color="red" mt="xl" aria-label={t('ciCommon.remove')} onClick={() => setControls((cs) => cs.filter((_, j) => j !== i))}>
                      ×
                    </ActionIcon>
                  )}
                </Group>
              </Paper>
            );
          })}
          <Group>
            <Button variant="light" size="xs" onClick={() => setControls((cs) => [...cs, { kind: null, description: '' }])} data-testid="exception-control-add">
              {t('assets.exceptions.addControl')}
            </Button>
          </Group>
        </Stack>
        <Textarea label={t('assets.exceptions.reason')} withAsterisk value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} error={err('reason')} data-testid="exception-reason" />
        <TextInput
          type="date"
          label={t('assets.exceptions.expiresOn')}
          description={t('assets.exceptions.expiresHelp')}
          withAsterisk
          value={expiresOn}
          onChange={(e) => setExpiresOn(e.currentTarget.value)}
          error={err('expiresOn')}
          data-testid="exception-expires"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('ciCommon.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="exception-save">
            {t('assets.exceptions.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
