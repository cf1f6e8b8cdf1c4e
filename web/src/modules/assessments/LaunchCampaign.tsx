import { ActionIcon, Alert, Button, Group, List, Modal, MultiSelect, NumberInput, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { queryKeys, useSectors } from '../../api/queries';
import type { Me, Organisation } from '../../api/types';
import { useOrgLabels } from '../org/labels';
import { pick } from '../standards/text';
import { assessmentKeys, assessmentsApi, isAssessmentsProblem, type ProblemDetail } from './api';
import { detailText, errorsAt, problemText } from './problems';
import { ANSWER_RESULTS, type AnswerResult, type CampaignSummary, type KpiDefinition } from './types';
import { useTranslator } from './useTranslator';

type KpiKind = KpiDefinition['kind'];

interface KpiDraft {
  kind: KpiKind;
  id: string;
  titleJa: string;
  titleEn: string;
  chapter: string;
  sourceNumber: string;
  results: AnswerResult[];
  months: number | '';
}

const emptyKpi = (kind: KpiKind, n: number): KpiDraft => ({
  kind,
  id: `${kind === 'share_of_operators' ? 'share' : kind === 'mean_score' ? 'score' : 'maturity'}-${n}`,
  titleJa: '',
  titleEn: '',
  chapter: '',
  sourceNumber: '',
  results: ['implemented'],
  months: '',
});

/** The KPI as the API takes it; blank optional parts are left out so the server names what is missing. */
function toKpi(k: KpiDraft): KpiDefinition {
  const base = { id: k.id.trim(), title: { ja: k.titleJa.trim(), en: k.titleEn.trim() } };
  if (k.kind === 'mean_score') return { ...base, kind: 'mean_score', ...(k.chapter.trim() ? { chapter: k.chapter.trim() } : {}) };
  if (k.kind === 'mean_maturity') return { ...base, kind: 'mean_maturity', chapter: k.chapter.trim() };
  return {
    ...base,
    kind: 'share_of_operators',
    condition: {
      ...(k.sourceNumber.trim() ? { sourceNumber: k.sourceNumber.trim() } : {}),
      result: k.results,
      ...(k.months !== '' ? { evidenceWithinMonths: k.months } : {}),
    },
  };
}

function inMonths(months: number): string {
  const d = new Date();
  d.setMonth(d.getMonth() + months);
  return d.toISOString().slice(0, 10);
}

/** The "launch campaign" button and its form, for NCO and ministry admins. */
export function LaunchCampaignButton({ me, campaigns }: { me: Me; campaigns: CampaignSummary[] }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button onClick={() => setOpened(true)} data-testid="launch-campaign">
        {t('assessments.launch.open')}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t('assessments.launch.title')} size="xl" data-testid="launch-modal">
        {opened && <LaunchForm me={me} campaigns={campaigns} onDone={() => setOpened(false)} />}
      </Modal>
    </>
  );
}

function FieldErrors({ details, testId }: { details: ProblemDetail[]; testId?: string }) {
  const tr = useTranslator();
  if (details.length === 0) return null;
  return (
    <Stack gap={2} data-testid={testId}>
      {details.map((d, i) => (
        <Text key={`${d.path}-${i}`} size="xs" c="red" role="alert">
          {detailText(tr, d)}
        </Text>
      ))}
    </Stack>
  );
}

function LaunchForm({ me, campaigns, onDone }: { me: Me; campaigns: CampaignSummary[]; onDone: () => void }) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const sectors = useSectors();
  const { sectorName, organisationName } = useOrgLabels();
  const kind = me.memberships.find((m) => m.organisationId === me.activeOrganisationId)?.organisationKind;
  const operators = useQuery({
    queryKey: queryKeys.organisations({ kind: 'operator' }),
    queryFn: ({ signal }) => api.get<Organisation[]>('/api/v1/org/organisations', { kind: 'operator' }, signal),
  });

  const [titleJa, setTitleJa] = useState('');
  const [titleEn, setTitleEn] = useState('');
  const [cycle, setCycle] = useState(String(new Date().getFullYear()));
  const [sectorIds, setSectorIds] = useState<string[]>([]);
  const [operatorIds, setOperatorIds] = useState<string[]>([]);
  const [dueDate, setDueDate] = useState(inMonths(2));
  const [previous, setPrevious] = useState<string | null>(null);
  const [kpis, setKpis] = useState<KpiDraft[]>([]);

  // A ministry launches only within its jurisdiction: offer just its own sectors.
  const sectorOptions = (sectors.data ?? [])
    .filter((s) => kind === 'national_office' || s.ministryIds.includes(me.activeOrganisationId))
    .map((s) => ({ value: s.id, label: sectorName(s.id) }));

  const launch = useMutation({
    mutationFn: () =>
      assessmentsApi.launch({
        title: { ja: titleJa, en: titleEn },
        cycle,
        previousCampaignId: previous,
        scope: { sectors: sectorIds, tierIds: [], operatorIds },
        dueDate,
        kpis: kpis.map(toKpi),
      }),
    onSuccess: async (campaign) => {
      await queryClient.invalidateQueries({ queryKey: assessmentKeys.campaigns });
      onDone();
      void navigate(`/assessments/${encodeURIComponent(campaign.id)}`);
    },
  });

  const details = isAssessmentsProblem(launch.error) ? launch.error.details : [];
  const at = (path: string) => errorsAt(details, path);
  const shownPaths = ['body.title', 'body.cycle', 'body.scope', 'body.dueDate', 'body.previousCampaignId', 'body.kpis'];
  const others = details.filter((d) => !shownPaths.some((p) => d.path === p || d.path.startsWith(`${p}.`)));
  const message = (list: ProblemDetail[]) => (list.length > 0 ? list.map((d) => detailText(tr, d)).join(' ') : undefined);
  const updateKpi = (i: number, patch: Partial<KpiDraft>) => setKpis((all) => all.map((k, j) => (j === i ? { ...k, ...patch } : k)));

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        launch.mutate();
      }}
      noValidate
    >
      <Stack gap="md">
        {launch.isError && (
          <Alert color="red" variant="light" role="alert" data-testid="launch-error" title={t('assessments.launch.failed')}>
            <Text size="sm">{problemText(tr, launch.error, details.length, t('errors.generic'))}</Text>
            {others.length > 0 && (
              <List size="sm" mt="xs">
                {others.map((d, i) => (
                  <List.Item key={i}>{detailText(tr, d)}</List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('assessments.launch.titleJa')}
            value={titleJa}
            onChange={(e) => setTitleJa(e.currentTarget.value)}
            required
            error={message(at('body.title.ja')) ?? message(details.filter((d) => d.path === 'body.title'))}
            data-testid="launch-title-ja"
          />
          <TextInput label={t('assessments.launch.titleEn')} value={titleEn} onChange={(e) => setTitleEn(e.currentTarget.value)} error={message(at('body.title.en'))} data-testid="launch-title-en" />
          <TextInput
            label={t('assessments.launch.cycle')}
            description={t('assessments.launch.cycleHint')}
            value={cycle}
            onChange={(e) => setCycle(e.currentTarget.value)}
            required
            error={message(at('body.cycle'))}
            data-testid="launch-cycle"
          />
          <TextInput
            type="date"
            label={t('assessments.launch.dueDate')}
            value={dueDate}
            onChange={(e) => setDueDate(e.currentTarget.value)}
            required
            error={message(at('body.dueDate'))}
            data-testid="launch-due-date"
          />
        </SimpleGrid>
        <MultiSelect
          label={t('assessments.launch.sectors')}
          description={kind === 'ministry' ? t('assessments.launch.sectorsMinistryHint') : undefined}
          data={sectorOptions}
          value={sectorIds}
          onChange={setSectorIds}
          searchable
          error={message(at('body.scope.sectors')) ?? message(details.filter((d) => d.path === 'body.scope'))}
          data-testid="launch-sectors"
        />
        <MultiSelect
          label={t('assessments.launch.operators')}
          description={t('assessments.launch.operatorsHint')}
          data={(operators.data ?? []).map((o) => ({ value: o.id, label: organisationName(o) }))}
          value={operatorIds}
          onChange={setOperatorIds}
          searchable
          error={message(at('body.scope.operatorIds'))}
          data-testid="launch-operators"
        />
        <Select
          label={t('assessments.launch.previous')}
          description={t('assessments.launch.previousHint')}
          data={campaigns.map((c) => ({ value: c.id, label: `${pick(c.title, tr.locale)} (${c.cycle})` }))}
          value={previous}
          onChange={setPrevious}
          clearable
          error={message(at('body.previousCampaignId'))}
          data-testid="launch-previous"
        />

        <div>
          <Group justify="space-between" mb="xs">
            <Title order={3} size="h5">
              {t('assessments.launch.kpis')}
            </Title>
            <Group gap="xs">
              <Button size="xs" variant="light" onClick={() => setKpis((all) => [...all, emptyKpi('mean_score', all.length + 1)])} data-testid="kpi-add-mean-score">
                {t('assessments.kpi.addMeanScore')}
              </Button>
              <Button size="xs" variant="light" onClick={() => setKpis((all) => [...all, emptyKpi('share_of_operators', all.length + 1)])} data-testid="kpi-add-share">
                {t('assessments.kpi.addShare')}
              </Button>
              <Button size="xs" variant="light" onClick={() => setKpis((all) => [...all, emptyKpi('mean_maturity', all.length + 1)])} data-testid="kpi-add-maturity">
                {t('assessments.kpi.addMaturity')}
              </Button>
            </Group>
          </Group>
          {kpis.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('assessments.kpi.none')}
            </Text>
          )}
          <Stack gap="sm">
            {kpis.map((k, i) => {
              const p = `body.kpis.${i}`;
              return (
                <Paper key={i} withBorder p="sm" data-testid="kpi-row" data-kind={k.kind}>
                  <Group justify="space-between" mb="xs">
                    <Text fw={600} size="sm">
                      {t(`assessments.kpi.kind.${k.kind}`)}
                    </Text>
                    <ActionIcon variant="subtle" color="red" aria-label={t('assessments.kpi.remove')} onClick={() => setKpis((all) => all.filter((_, j) => j !== i))}>
                      ×
                    </ActionIcon>
                  </Group>
                  <SimpleGrid cols={{ base: 1, sm: 3 }}>
                    <TextInput label={t('assessments.kpi.id')} value={k.id} onChange={(e) => updateKpi(i, { id: e.currentTarget.value })} error={message(at(`${p}.id`))} />
                    <TextInput label={t('assessments.kpi.titleJa')} value={k.titleJa} onChange={(e) => updateKpi(i, { titleJa: e.currentTarget.value })} error={message(at(`${p}.title`))} data-testid="kpi-title-ja" />
                    <TextInput label={t('assessments.kpi.titleEn')} value={k.titleEn} onChange={(e) => updateKpi(i, { titleEn: e.currentTarget.value })} />
                    {k.kind !== 'share_of_operators' ? (
                      <TextInput
                        label={t('assessments.kpi.chapter')}
                        description={t(k.kind === 'mean_score' ? 'assessments.kpi.chapterOptional' : 'assessments.kpi.chapterHint')}
                        value={k.chapter}
                        onChange={(e) => updateKpi(i, { chapter: e.currentTarget.value })}
                        error={message(at(`${p}.chapter`))}
                      />
                    ) : (
                      <>
                        <TextInput
                          label={t('assessments.kpi.sourceNumber')}
                          description={t('assessments.kpi.sourceNumberHint')}
                          value={k.sourceNumber}
                          onChange={(e) => updateKpi(i, { sourceNumber: e.currentTarget.value })}
                          error={message(at(`${p}.condition.sourceNumber`)) ?? message(details.filter((d) => d.path === `${p}.condition`))}
                          data-testid="kpi-source-number"
                        />
                        <MultiSelect
                          label={t('assessments.kpi.results')}
                          data={ANSWER_RESULTS.map((r) => ({ value: r, label: t(`assessments.result.${r}`) }))}
                          value={k.results}
                          onChange={(v) => updateKpi(i, { results: v as AnswerResult[] })}
                          error={message(at(`${p}.condition.result`))}
                        />
                        <NumberInput
                          label={t('assessments.kpi.months')}
                          description={t('assessments.kpi.monthsHint')}
                          value={k.months}
                          min={1}
                          max={120}
                          onChange={(v) => updateKpi(i, { months: typeof v === 'number' ? v : '' })}
                          error={message(at(`${p}.condition.evidenceWithinMonths`))}
                        />
                      </>
                    )}
                  </SimpleGrid>
                  <FieldErrors details={details.filter((d) => d.path === p)} />
                </Paper>
              );
            })}
          </Stack>
        </div>

        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('assessments.cancel')}
          </Button>
          <Button type="submit" loading={launch.isPending} data-testid="launch-submit">
            {t('assessments.launch.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
