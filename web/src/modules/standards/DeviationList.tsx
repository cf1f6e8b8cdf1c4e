import { Alert, Badge, Button, Collapse, Group, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { currentLocale } from '../../i18n';
import { ExceptionBadge, describeDeviationDetail, deviationKindLabel } from './labels';
import { standardsKeys, standardsPaths } from './queries';
import { pick } from './text';
import type { Deviation, RequirementNode, StandardException, Tier, TierCheck } from './types';

export interface DeviationContext {
  /** Unified Standard nodes by id: a dropped must is no longer in the profile, so its title comes from there. */
  baseNodes: ReadonlyMap<string, RequirementNode>;
  tiers: readonly Tier[];
}

export function tierLabel(tierId: string | null, tiers: readonly Tier[], locale: 'ja' | 'en', fallback: string): string {
  const tier = tierId ? tiers.find((x) => x.id === tierId) : undefined;
  return tier ? pick(tier.name, locale) : tierId ?? fallback;
}

export function paramLabelFor(baseNodes: ReadonlyMap<string, RequirementNode>, nodeId: string, locale: 'ja' | 'en') {
  return (paramId: string) => {
    const p = baseNodes.get(nodeId)?.parameters.find((x) => x.id === paramId);
    return p ? pick(p.label, locale) : paramId;
  };
}

/** Every dropped or weakened must of the Unified Standard, per tier the profile serves, with its exception. */
export function DeviationList({ versionId, checks, context, canRequest }: { versionId: string; checks: TierCheck[]; context: DeviationContext; canRequest: boolean }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const total = checks.reduce((n, c) => n + c.deviations.length, 0);
  const blocking = checks.reduce((n, c) => n + c.blocking.length, 0);

  return (
    <Paper withBorder p="md" radius="md" data-testid="deviation-list" data-count={total} data-blocking={blocking} component="section" aria-labelledby="deviations-title">
      <Title order={2} size="h4" id="deviations-title" mb="xs">
        {t('standards.deviations.title')}
      </Title>
      {total === 0 ? (
        <Text c="dimmed" data-testid="deviation-none">
          {t('standards.deviations.none')}
        </Text>
      ) : (
        <Stack gap="sm">
          {blocking > 0 ? (
            <Alert color="red" variant="filled" title={t('standards.deviations.blockingTitle')} data-testid="deviation-blocking">
              {t('standards.deviations.blocking', { n: blocking })}
            </Alert>
          ) : (
            <Alert color="green" variant="light">
              {t('standards.deviations.allExcused')}
            </Alert>
          )}
          {checks
            .filter((c) => c.deviations.length > 0)
            .map((c) => (
              <Stack key={c.tierId ?? '-'} gap="xs">
                <Text fw={600} size="sm">
                  {t('standards.deviations.tier', { tier: tierLabel(c.tierId, context.tiers, locale, t('standards.deviations.allTiers')) })}
                </Text>
                {c.deviations.map((d) => (
                  <DeviationItem key={`${d.nodeId}:${d.kind}:${d.detail}`} versionId={versionId} tierId={c.tierId} deviation={d} context={context} canRequest={canRequest} />
                ))}
              </Stack>
            ))}
        </Stack>
      )}
    </Paper>
  );
}

function DeviationItem({ versionId, tierId, deviation, context, canRequest }: { versionId: string; tierId: string | null; deviation: Deviation; context: DeviationContext; canRequest: boolean }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [open, setOpen] = useState(false);
  const node = context.baseNodes.get(deviation.nodeId);
  const status = deviation.exception?.status ?? null;
  const excused = status === 'approved';
  return (
    <Paper
      withBorder
      p="sm"
      radius="sm"
      data-testid="deviation"
      data-node-id={deviation.nodeId}
      data-kind={deviation.kind}
      style={{ borderLeft: `4px solid var(--mantine-color-${excused ? 'green' : 'red'}-6)` }}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Group gap="xs">
            <Badge color="red" variant="filled" tt="none">
              {deviationKindLabel(t, deviation.kind)}
            </Badge>
            <Text ff="monospace" fw={700} size="sm">
              {deviation.number}
            </Text>
            <Text fw={600} size="sm">
              {node ? pick(node.title, locale) : deviation.nodeId}
            </Text>
          </Group>
          <Text size="sm" mt={4}>
            {describeDeviationDetail(t, deviation.detail, paramLabelFor(context.baseNodes, deviation.nodeId, locale))}
          </Text>
        </div>
        <Group gap="xs" wrap="nowrap">
          <ExceptionBadge status={status} data-testid="deviation-exception" />
          {canRequest && (status === null || status === 'rejected') && (
            <Button size="xs" variant="light" onClick={() => setOpen((o) => !o)} aria-expanded={open} data-testid="request-exception">
              {t('standards.exception.request')}
            </Button>
          )}
        </Group>
      </Group>
      {deviation.exception && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('standards.exception.expiresLabel', { date: deviation.exception.expiresAt.slice(0, 10) })}
        </Text>
      )}
      <Collapse expanded={open}>
        {open && <ExceptionForm versionId={versionId} tierId={tierId} deviation={deviation} onDone={() => setOpen(false)} />}
      </Collapse>
    </Paper>
  );
}

function ExceptionForm({ versionId, tierId, deviation, onDone }: { versionId: string; tierId: string | null; deviation: Deviation; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const [measures, setMeasures] = useState('');
  const [expires, setExpires] = useState('');
  const request = useMutation({
    mutationFn: () =>
      api.post<StandardException>(`${standardsPaths.version(versionId)}/exceptions`, {
        nodeId: deviation.nodeId,
        tierId,
        kind: deviation.kind,
        reason,
        compensatingMeasures: measures,
        // The end of the chosen day in Japan: an exception "until 31 March" covers all of 31 March.
        expiresAt: `${expires}T23:59:59+09:00`,
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: standardsKeys.check(versionId) });
      void client.invalidateQueries({ queryKey: standardsKeys.exceptions });
      onDone();
    },
  });
  return (
    <Stack gap="xs" mt="sm" data-testid="exception-form">
      <Textarea label={t('standards.exception.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required autosize minRows={2} data-testid="exception-reason" />
      <Textarea label={t('standards.exception.compensating')} value={measures} onChange={(e) => setMeasures(e.currentTarget.value)} required autosize minRows={2} data-testid="exception-measures" />
      <TextInput type="date" label={t('standards.exception.expires')} value={expires} onChange={(e) => setExpires(e.currentTarget.value)} required w={220} data-testid="exception-expires" />
      {request.isError && <ErrorAlert error={request.error} title={t('standards.exception.failed')} />}
      <Group>
        <Button size="xs" onClick={() => request.mutate()} loading={request.isPending} disabled={!reason.trim() || !measures.trim() || !expires} data-testid="exception-submit">
          {t('standards.exception.submit')}
        </Button>
        <Button size="xs" variant="subtle" onClick={onDone}>
          {t('standards.actions.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}
