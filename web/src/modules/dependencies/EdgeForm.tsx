import { Alert, Button, Group, List, MultiSelect, NumberInput, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n';
import { firstError, FieldErrors } from '../services/FieldErrors';
import { isModuleProblem, type ProblemDetail } from '../services/http';
import { detailText, errorsAt, problemText, unplacedErrors } from '../services/problems';
import { useTranslator } from '../services/useTranslator';
import { dependenciesApi } from './api';
import { edgeDraft, edgeDraftProblems, edgeInput, FAILOVER_KINDS, nodeOptions, type EdgeDraft, type FailoverKind } from './records';
import { CRITICALITIES, DEPENDENCY_TYPES, type Criticality, type DependencyNode, type DependencyType, type StoredEdge } from './types';

/** Fields the form shows errors at; anything else is listed above it. */
const PLACED = ['from', 'to', 'type', 'criticality', 'failover', 'alternatives'];

interface EdgeFormProps {
  edge: StoredEdge | null;
  /** Every service and provider the caller can read: the possible `to` and alternatives. */
  nodes: readonly DependencyNode[];
  /** The nodes whose dependencies the caller may record: the possible `from`. */
  writable: ReadonlySet<string>;
  /** A node's name as the page shows it (services with their operator). */
  label: (id: string) => string;
  onDone: (saved: StoredEdge) => void;
  onCancel: () => void;
}

/** Record or change one dependency; the server's field errors appear next to their fields. */
export function EdgeForm({ edge, nodes, writable, label, onDone, onCancel }: EdgeFormProps) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const locale = currentLocale();
  // A caller with one node of its own records that node's dependencies.
  const [draft, setDraft] = useState<EdgeDraft>(() => edgeDraft(edge, writable.size === 1 ? [...writable][0]! : null));
  const [missing, setMissing] = useState<ProblemDetail[]>([]);
  const set = <K extends keyof EdgeDraft>(key: K, value: EdgeDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const save = useMutation({
    mutationFn: () => {
      const input = edgeInput(draft);
      return edge ? dependenciesApi.updateEdge(edge.id, input) : dependenciesApi.createEdge(input);
    },
    onSuccess: (saved) => onDone(saved),
  });
  const details: ProblemDetail[] = missing.length > 0 ? missing : isModuleProblem(save.error) ? save.error.details : [];
  const err = (path: string) => firstError(errorsAt(details, path), tr);
  const unplaced = unplacedErrors(details, PLACED);

  const groups = { providers: t('dependencies.recordForm.providers'), services: t('dependencies.recordForm.services') };
  const fromOptions = nodeOptions(nodes, label, groups, locale, { only: writable });
  const toOptions = nodeOptions(nodes, label, groups, locale, { exclude: [draft.from] });
  const alternativeOptions = nodeOptions(nodes, label, groups, locale, { exclude: [draft.from, draft.to] });
  const typeOptions = DEPENDENCY_TYPES.map((type) => ({ value: type, label: t(`dependencies.edgeType.${type}`) }));
  // The failover's own errors (a wrong kind) and those of its hours go to the hours field or under the choice.
  const failoverOwn = details.filter((d) => errorsAt([d], 'failover').length > 0 && errorsAt([d], 'failover.hours').length === 0);

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const problems = edgeDraftProblems(draft);
        setMissing(problems);
        if (problems.length === 0) save.mutate();
      }}
      data-testid="edge-form"
      noValidate
    >
      <Stack gap="md">
        {missing.length === 0 && save.isError && (
          <Alert color="red" variant="light" role="alert" title={t('dependencies.recordForm.refused')} data-testid="edge-form-error">
            <Text size="sm">{problemText(tr, save.error, details.length, t('errors.generic'))}</Text>
            {details.length > 0 && <Text size="sm">{t('dependencies.recordForm.problems')}</Text>}
            {unplaced.length > 0 && (
              <List size="sm" mt="xs">
                {unplaced.map((d, i) => (
                  <List.Item key={`${d.path}-${i}`}>{detailText(tr, d)}</List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('dependencies.recordForm.from')}
            description={t('dependencies.recordForm.fromHint')}
            placeholder={t('dependencies.recordForm.nodePlaceholder')}
            data={fromOptions}
            value={draft.from}
            onChange={(v) => set('from', v)}
            error={err('from')}
            searchable
            required
            data-testid="edge-from"
          />
          <Select
            label={t('dependencies.recordForm.to')}
            description={t('dependencies.recordForm.toHint')}
            placeholder={t('dependencies.recordForm.nodePlaceholder')}
            data={toOptions}
            value={draft.to}
            onChange={(v) => set('to', v)}
            error={err('to')}
            searchable
            required
            data-testid="edge-to"
          />
          <Select
            label={t('dependencies.recordForm.type')}
            placeholder={t('dependencies.recordForm.typePlaceholder')}
            data={typeOptions}
            value={draft.type}
            onChange={(v) => set('type', v as DependencyType | null)}
            error={err('type')}
            clearable
            data-testid="edge-type"
          />
          <div>
            <Text size="sm" fw={500} mb={4}>{t('dependencies.recordForm.criticality')}</Text>
            <SegmentedControl
              value={draft.criticality}
              onChange={(v) => set('criticality', v as Criticality)}
              data={CRITICALITIES.map((c) => ({ value: c, label: t(`dependencies.criticality.${c}`) }))}
              data-testid="edge-criticality"
            />
            <FieldErrors details={errorsAt(details, 'criticality')} />
          </div>
        </SimpleGrid>

        <Paper withBorder p="sm" radius="sm">
          <Stack gap="xs">
            <Text size="sm" fw={500}>{t('dependencies.recordForm.failover')}</Text>
            <Text size="xs" c="dimmed" data-testid="edge-failover-help">{t('dependencies.recordForm.failoverHelp')}</Text>
            <Group align="flex-start" gap="md">
              <SegmentedControl
                value={draft.failoverKind}
                onChange={(v) => set('failoverKind', v as FailoverKind)}
                data={FAILOVER_KINDS.map((k) => ({ value: k, label: t(`dependencies.recordForm.failoverKind.${k}`) }))}
                data-testid="edge-failover"
              />
              {draft.failoverKind === 'manual' && (
                <NumberInput
                  label={t('dependencies.recordForm.failoverHours')}
                  description={t('dependencies.recordForm.failoverHoursHint')}
                  value={draft.failoverHours}
                  onChange={(v) => set('failoverHours', v === '' ? '' : Number(v))}
                  // Negative hours reach the server, which names the field; nothing is silently clamped.
                  allowNegative
                  clampBehavior="none"
                  decimalScale={2}
                  error={err('failover.hours')}
                  w={280}
                  data-testid="edge-failover-hours"
                />
              )}
            </Group>
            <FieldErrors details={failoverOwn} />
          </Stack>
        </Paper>

        <MultiSelect
          label={t('dependencies.recordForm.alternatives')}
          description={t('dependencies.recordForm.alternativesHint')}
          placeholder={t('dependencies.recordForm.nodePlaceholder')}
          data={alternativeOptions}
          value={draft.alternatives}
          onChange={(v) => set('alternatives', v)}
          error={errorsAt(details, 'alternatives').map((d) => detailText(tr, d)).join(' ') || undefined}
          searchable
          clearable
          data-testid="edge-alternatives"
        />

        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>{t('ciCommon.cancel')}</Button>
          <Button type="submit" loading={save.isPending} data-testid="edge-submit">
            {edge ? t('ciCommon.save') : t('dependencies.recordForm.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
