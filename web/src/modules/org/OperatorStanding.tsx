import { Alert, Badge, Button, Checkbox, Group, Paper, Select, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, apiRequest, isApiError } from '../../api/client';
import { useSectors } from '../../api/queries';
import type { Me, Organisation } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TableSkeleton } from '../../components/PageLoader';
import { problemMessage } from '../../components/errors';
import { currentLocale } from '../../i18n';
import { describeFact } from '../obligations/reasons';
import { standardsKeys, useObligations } from '../standards/queries';
import { pick } from '../standards/text';
import type { ObligationReport, Tier } from '../standards/types';
import { useOrgLabels } from './labels';

/** The facts an operator may declare (OPERATOR_FACTS in src/standards/domain/governance.ts). */
export const OPERATOR_FACTS = ['operates_ot', 'uses_cloud', 'handles_personal_data', 'internet_facing_systems'] as const;
type Fact = (typeof OPERATOR_FACTS)[number];

function useSectorTiers(sectorId: string) {
  return useQuery({
    queryKey: [...standardsKeys.tiers, sectorId] as const,
    queryFn: ({ signal }) => api.get<Tier[]>('/api/v1/standards/tiers', { sector: sectorId }, signal),
    staleTime: 5 * 60_000,
  });
}

/** Our own sentence for the problems a tier decision can meet; the server's text for anything else. */
function tierProblem(t: TFunction, error: unknown): string {
  if (isApiError(error)) {
    if (error.status === 403) return t('orgDetail.tier.errors.forbidden');
    if (error.code === 'standards.unknown_tier') return t('orgDetail.tier.errors.unknownTier');
    if (error.code === 'standards.sector_mismatch') return t('orgDetail.tier.errors.sectorMismatch');
    if (error.code === 'request.invalid') return t('orgDetail.tier.errors.invalid');
  }
  return problemMessage(t, error);
}

function ProblemAlert({ title, message, error }: { title: string; message: string; error: unknown }) {
  const fieldErrors = isApiError(error) ? error.errors : [];
  return (
    <Alert color="red" variant="light" title={title} role="alert" data-testid="problem">
      <Text size="sm">{message}</Text>
      {fieldErrors.length > 0 && (
        <Text size="xs" c="dimmed" mt={4}>
          {fieldErrors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join(' / ')}
        </Text>
      )}
    </Alert>
  );
}

/**
 * The tier section: the operator's tier in each of its sectors with the ministry's reason, and for a ministry or NCO
 * admin the form to record a new decision. Who may decide is the server's business (jurisdiction); the form
 * only hides itself where the answer is certainly no, and shows the server's refusal otherwise.
 */
export function TierSection({ org, me }: { org: Organisation; me: Me }) {
  const { t } = useTranslation();
  const report = useObligations(org.id);
  const sectors = useSectors();
  const { sectorName } = useOrgLabels();
  const actingKind = me.memberships.find((m) => m.organisationId === me.activeOrganisationId)?.organisationKind;
  const governmentAdmin = me.role === 'admin' && (actingKind === 'ministry' || actingKind === 'national_office');
  const mayAssign = (sectorId: string) => {
    if (!governmentAdmin) return false;
    if (actingKind === 'national_office') return true;
    const sector = sectors.data?.find((s) => s.id === sectorId);
    // Until the sector list arrives (or for a sector it does not know) the form is shown; the server decides.
    return !sector || sector.ministryIds.includes(me.activeOrganisationId);
  };

  // Not being allowed to read the operator's obligations is normal for most viewers: without the decision
  // there is nothing to show unless the caller may record one.
  if (isApiError(report.error, 403) && !governmentAdmin) return null;

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="org-tier" data-testid="tier-section">
      <Title order={2} size="h4" mb="xs" id="org-tier">
        {t('orgDetail.tier.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('orgDetail.tier.description')}
      </Text>
      {report.isPending ? (
        <TableSkeleton rows={2} />
      ) : report.isError && !isApiError(report.error, 403) ? (
        <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />
      ) : org.sectors.length === 0 ? (
        <Text c="dimmed">{t('orgDetail.tier.noSectors')}</Text>
      ) : (
        <Stack gap="lg">
          {org.sectors.map((sectorId) => (
            <SectorTier
              key={sectorId}
              org={org}
              sectorId={sectorId}
              sectorLabel={sectorName(sectorId)}
              current={report.data?.operator.tiers.find((x) => x.sectorId === sectorId)}
              readable={!report.isError}
              canAssign={mayAssign(sectorId)}
            />
          ))}
        </Stack>
      )}
    </Paper>
  );
}

function SectorTier({
  org, sectorId, sectorLabel, current, readable, canAssign,
}: {
  org: Organisation;
  sectorId: string;
  sectorLabel: string;
  current: ObligationReport['operator']['tiers'][number] | undefined;
  readable: boolean;
  canAssign: boolean;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const client = useQueryClient();
  const tiers = useSectorTiers(sectorId);
  const [tierId, setTierId] = useState<string | null>(current?.tierId ?? null);
  const [reason, setReason] = useState('');
  useEffect(() => setTierId(current?.tierId ?? null), [current?.tierId]);
  const tierName = (id: string) => {
    const tier = tiers.data?.find((x) => x.id === id);
    return tier ? pick(tier.name, locale) : id;
  };
  const save = useMutation({
    mutationFn: () =>
      apiRequest(`/api/v1/standards/operators/${encodeURIComponent(org.id)}/tiers/${encodeURIComponent(sectorId)}`, {
        method: 'PUT',
        body: { tierId, reason: reason.trim() },
      }),
    onSuccess: () => {
      setReason('');
      // The tier decides the binding documents: the obligations and their changes are now different.
      void client.invalidateQueries({ queryKey: standardsKeys.obligations(org.id) });
    },
  });
  const selected = tiers.data?.find((x) => x.id === tierId);

  return (
    <div data-testid="tier-sector" data-sector-id={sectorId} data-tier-id={current?.tierId ?? ''}>
      <Group gap={6} mb={4}>
        <Badge variant="light" color="indigo" tt="none">
          {sectorLabel}
        </Badge>
        {current ? (
          <>
            <Text fw={600} data-testid="tier-current">
              {tierName(current.tierId)}
            </Text>
            <Badge variant="outline" color="gray" tt="none" size="sm">
              {t(`standards.tierLevel.${current.level}`)}
            </Badge>
          </>
        ) : (
          <Text c="dimmed" data-testid="tier-current">
            {readable ? t('obligations.header.noTier') : t('orgDetail.tier.unreadable')}
          </Text>
        )}
      </Group>
      {current && (
        <Text size="sm" c="dimmed" data-testid="tier-current-reason">
          {t('obligations.header.tierReason', { reason: current.reason })}
        </Text>
      )}

      {canAssign && (
        <Stack gap="xs" mt="md" maw={640} component="form" onSubmit={(e) => { e.preventDefault(); save.mutate(); }} data-testid="tier-form">
          <Text size="sm" fw={600}>
            {t('orgDetail.tier.formTitle', { sector: sectorLabel })}
          </Text>
          {tiers.isError && <ErrorAlert error={tiers.error} onRetry={() => void tiers.refetch()} />}
          <Select
            label={t('orgDetail.tier.select')}
            placeholder={t('orgDetail.tier.selectPlaceholder')}
            data={(tiers.data ?? []).map((x) => ({ value: x.id, label: t('orgDetail.tier.option', { name: pick(x.name, locale), level: t(`standards.tierLevel.${x.level}`) }) }))}
            value={tierId}
            onChange={(value) => {
              setTierId(value);
              save.reset();
            }}
            allowDeselect={false}
            required
            w={420}
            data-testid="tier-select"
          />
          {selected && (
            <Text size="xs" c="dimmed" data-testid="tier-criteria">
              {t('orgDetail.tier.criteria', { criteria: pick(selected.criteria, locale) })}
            </Text>
          )}
          <Textarea
            label={t('orgDetail.tier.reason')}
            description={t('orgDetail.tier.reasonHint')}
            value={reason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              save.reset();
            }}
            required
            autosize
            minRows={2}
            maxLength={2000}
            data-testid="tier-reason"
          />
          {save.isError && <ProblemAlert title={t('orgDetail.tier.failed')} message={tierProblem(t, save.error)} error={save.error} />}
          {save.isSuccess && (
            <Alert color="teal" variant="light" data-testid="tier-saved">
              {t('orgDetail.tier.saved')}
            </Alert>
          )}
          <Group>
            <Button type="submit" size="sm" loading={save.isPending} disabled={!tierId || !reason.trim()} data-testid="tier-save">
              {t('orgDetail.tier.save')}
            </Button>
          </Group>
        </Stack>
      )}
    </div>
  );
}

/**
 * The characteristics section: the facts that decide which conditional requirements apply. Only the operator itself
 * (admin or CISO, acting for it) declares them; others who may read the obligations see them read-only.
 */
export function FactsSection({ org, me }: { org: Organisation; me: Me }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const report = useObligations(org.id);
  const editable = me.activeOrganisationId === org.id && (me.role === 'admin' || me.role === 'ciso');
  const [facts, setFacts] = useState<Fact[] | null>(null);
  const declared = (report.data?.operator.facts ?? []).filter((f): f is Fact => (OPERATOR_FACTS as readonly string[]).includes(f));
  const shown = facts ?? declared;
  const dirty = facts !== null && [...facts].sort().join() !== [...declared].sort().join();
  const save = useMutation({
    mutationFn: () => apiRequest<{ facts: Fact[] }>(`/api/v1/org/organisations/${encodeURIComponent(org.id)}/facts`, { method: 'PUT', body: { facts: shown } }),
    onSuccess: () => {
      setFacts(null);
      void client.invalidateQueries({ queryKey: standardsKeys.obligations(org.id) });
    },
  });

  if (isApiError(report.error, 403)) return null;

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="org-facts" data-testid="facts-section">
      <Title order={2} size="h4" mb="xs" id="org-facts">
        {t('orgDetail.facts.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {editable ? t('orgDetail.facts.description') : t('orgDetail.facts.readOnly')}
      </Text>
      {report.isPending ? (
        <TableSkeleton rows={2} />
      ) : report.isError ? (
        <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            {OPERATOR_FACTS.map((fact) => (
              <Checkbox
                key={fact}
                label={describeFact(fact, t)}
                checked={shown.includes(fact)}
                disabled={!editable}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  setFacts((prev) => {
                    const base = prev ?? declared;
                    return on ? [...new Set([...base, fact])] : base.filter((f) => f !== fact);
                  });
                  save.reset();
                }}
                data-testid={`fact-${fact}`}
              />
            ))}
          </SimpleGrid>
          {editable && (
            <>
              {save.isError && <ProblemAlert title={t('orgDetail.facts.failed')} message={problemMessage(t, save.error)} error={save.error} />}
              {save.isSuccess && !dirty && (
                <Alert color="teal" variant="light" data-testid="facts-saved">
                  {t('orgDetail.facts.saved')}
                </Alert>
              )}
              <Group>
                <Button size="sm" onClick={() => save.mutate()} loading={save.isPending} disabled={!dirty} data-testid="facts-save">
                  {t('orgDetail.facts.save')}
                </Button>
              </Group>
            </>
          )}
        </Stack>
      )}
    </Paper>
  );
}
