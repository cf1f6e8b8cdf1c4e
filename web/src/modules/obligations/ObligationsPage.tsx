import { Alert, Anchor, Badge, Button, Group, Paper, Select, SimpleGrid, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, isApiError } from '../../api/client';
import { queryKeys, useOrganisation } from '../../api/queries';
import type { Me, Organisation } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader, TableSkeleton } from '../../components/PageLoader';
import { ForbiddenPage, NotFoundPage } from '../../components/StatusPages';
import { currentLocale } from '../../i18n';
import { DesignationBadges } from '../org/DesignationBadges';
import { useOrgLabels } from '../org/labels';
import { StrengthBadge } from '../standards/labels';
import { ParamText } from '../standards/ParamText';
import { standardsPaths, useObligations, useTiers } from '../standards/queries';
import { pick } from '../standards/text';
import { STRENGTHS, type Obligation, type ObligationReport, type Strength } from '../standards/types';
import { ObligationChanges } from './ObligationChanges';
import { describeBecause, describeFact, describeWhy, type ReasonLookups } from './reasons';

/** `/obligations`: the acting operator's own obligations; for a ministry or the NCO, a choice of operator. */
export function MyObligationsPage({ me }: { me: Me }) {
  const kind = me.memberships.find((m) => m.organisationId === me.activeOrganisationId)?.organisationKind;
  if (kind === 'operator') return <ObligationsReportView orgId={me.activeOrganisationId} showBack={false} />;
  return <OperatorPicker />;
}

export function OperatorObligationsPage() {
  const { orgId } = useParams();
  return <ObligationsReportView orgId={orgId ?? ''} showBack />;
}

function OperatorPicker() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { sectorName, organisationName } = useOrgLabels();
  const [filter, setFilter] = useState('');
  const operators = useQuery({
    queryKey: queryKeys.organisations({ kind: 'operator' }),
    queryFn: ({ signal }) => api.get<Organisation[]>('/api/v1/org/organisations', { kind: 'operator' }, signal),
  });
  if (isApiError(operators.error, 403)) return <ForbiddenPage />;
  const q = filter.trim().toLowerCase();
  const rows = (operators.data ?? []).filter((o) => !q || o.name.toLowerCase().includes(q) || o.nameEn.toLowerCase().includes(q));
  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          {t('obligations.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('obligations.pickDescription')}
        </Text>
      </div>
      <Group align="flex-end">
        <Select
          label={t('obligations.pickLabel')}
          placeholder={t('obligations.pickPlaceholder')}
          data={(operators.data ?? []).map((o) => ({ value: o.id, label: organisationName(o) }))}
          searchable
          onChange={(id) => id && navigate(`/obligations/${encodeURIComponent(id)}`)}
          w={360}
          data-testid="operator-picker"
        />
        <TextInput label={t('obligations.pickFilter')} value={filter} onChange={(e) => setFilter(e.currentTarget.value)} w={260} type="search" />
      </Group>
      {operators.isPending ? (
        <TableSkeleton />
      ) : operators.isError ? (
        <ErrorAlert error={operators.error} onRetry={() => void operators.refetch()} />
      ) : rows.length === 0 ? (
        <Text c="dimmed">{t('obligations.noOperators')}</Text>
      ) : (
        <Table striped verticalSpacing="sm" data-testid="operator-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('org.colName')}</Table.Th>
              <Table.Th>{t('org.colSectors')}</Table.Th>
              <Table.Th>{t('org.colFlags')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((o) => (
              <Table.Tr key={o.id} data-testid="operator-row" data-org-id={o.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/obligations/${encodeURIComponent(o.id)}`}>
                    {organisationName(o)}
                  </Anchor>
                </Table.Td>
                <Table.Td>{o.sectors.map(sectorName).join(', ')}</Table.Td>
                <Table.Td>
                  <DesignationBadges org={o} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function useReasonLookups(): ReasonLookups {
  const tiers = useTiers();
  const { sectorName } = useOrgLabels();
  const locale = currentLocale();
  return useMemo(
    () => ({
      sectorName,
      tierName: (id: string) => {
        const tier = tiers.data?.find((x) => x.id === id);
        return tier ? pick(tier.name, locale) : id;
      },
    }),
    [sectorName, tiers.data, locale],
  );
}

function ObligationsReportView({ orgId, showBack }: { orgId: string; showBack: boolean }) {
  const report = useObligations(orgId);
  const organisation = useOrganisation(orgId);
  if (report.isPending) return <PageLoader />;
  if (isApiError(report.error, 403)) return <ForbiddenPage />;
  if (isApiError(report.error, 404)) return <NotFoundPage />;
  if (report.isError) return <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />;
  return <Report report={report.data} organisation={organisation.data} showBack={showBack} />;
}

interface Filters {
  strength: Strength | '';
  document: string;
  text: string;
}

function matches(o: Obligation, f: Filters): boolean {
  if (f.strength && o.strength !== f.strength) return false;
  if (f.document && !o.sources.some((s) => s.documentId === f.document)) return false;
  const q = f.text.trim().toLowerCase();
  if (!q) return true;
  return [o.title.ja, o.title.en, o.text.ja, o.text.en, o.plain?.ja ?? '', o.plain?.en ?? '', ...o.sources.map((s) => s.number)].some((s) => s.toLowerCase().includes(q));
}

function Report({ report, organisation, showBack }: { report: ObligationReport; organisation: Organisation | undefined; showBack: boolean }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const lookups = useReasonLookups();
  const { sectorName, organisationName } = useOrgLabels();
  const [filters, setFilters] = useState<Filters>({ strength: '', document: '', text: '' });
  const shown = useMemo(() => report.obligations.filter((o) => matches(o, filters)), [report.obligations, filters]);
  const op = report.operator;
  // The view is in the URL (?view=changes) so that a link can point straight at the changes.
  const [searchParams, setSearchParams] = useSearchParams();
  const view = searchParams.get('view') === 'changes' ? 'changes' : 'list';
  const setView = (value: string | null) => {
    const next = new URLSearchParams(searchParams);
    if (value === 'changes') next.set('view', 'changes');
    else next.delete('view');
    setSearchParams(next, { replace: true });
  };

  return (
    <Stack gap="lg" data-testid="obligations-page" data-org-id={report.organisationId}>
      <div>
        {showBack && (
          <Anchor component={Link} to="/obligations" size="sm">
            {t('obligations.back')}
          </Anchor>
        )}
        <Title order={1} size="h2" mt={showBack ? 'xs' : 0}>
          {t('obligations.title')}
          {organisation ? ` — ${organisationName(organisation)}` : ''}
        </Title>
        <Text c="dimmed" size="sm">
          {t('obligations.description')}
        </Text>
      </div>

      <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="obligations-operator" data-testid="obligations-header">
        <Title order={2} size="h4" mb="md" id="obligations-operator">
          {t('obligations.header.title')}
        </Title>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <div>
            <Text size="xs" c="dimmed" fw={600}>
              {t('obligations.header.tiers')}
            </Text>
            {op.tiers.length === 0 ? (
              <Text data-testid="obligations-tier">{t('obligations.header.noTier')}</Text>
            ) : (
              op.tiers.map((tier) => (
                <div key={tier.sectorId} data-testid="obligations-tier" data-tier-id={tier.tierId}>
                  <Group gap={6}>
                    <Badge variant="light" color="indigo" tt="none">
                      {sectorName(tier.sectorId)}
                    </Badge>
                    <Text fw={600}>{lookups.tierName(tier.tierId)}</Text>
                    <Badge variant="outline" color="gray" tt="none" size="sm">
                      {t(`standards.tierLevel.${tier.level}`)}
                    </Badge>
                  </Group>
                  <Text size="sm" c="dimmed">
                    {t('obligations.header.tierReason', { reason: tier.reason })}
                  </Text>
                </div>
              ))
            )}
          </div>
          <div>
            <Text size="xs" c="dimmed" fw={600}>
              {t('obligations.header.facts')}
            </Text>
            {op.facts.length === 0 ? (
              <Text c="dimmed">{t('common.none')}</Text>
            ) : (
              <Group gap={4} data-testid="obligations-facts">
                {op.facts.map((f) => (
                  <Badge key={f} variant="light" color="gray" tt="none">
                    {describeFact(f, t)}
                  </Badge>
                ))}
              </Group>
            )}
            <Text size="xs" c="dimmed" fw={600} mt="sm">
              {t('obligations.header.flags')}
            </Text>
            {organisation ? <DesignationBadges org={organisation} showNone /> : <Text c="dimmed">{op.flags.esDesignated || op.flags.acdDesignated ? '' : t('common.none')}</Text>}
          </div>
        </SimpleGrid>

        <Text size="xs" c="dimmed" fw={600} mt="md" mb={4}>
          {t('obligations.header.documents')}
        </Text>
        <Table verticalSpacing={6} data-testid="binding-documents">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('obligations.header.colDocument')}</Table.Th>
              <Table.Th w={160}>{t('obligations.header.colVersion')}</Table.Th>
              <Table.Th>{t('obligations.header.colWhy')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.documents.map((d) => (
              <Table.Tr key={d.versionId} data-testid="binding-document" data-document-id={d.documentId}>
                <Table.Td>
                  <Anchor component={Link} to={`/standards/versions/${encodeURIComponent(d.versionId)}`} size="sm">
                    {pick(d.title, locale)}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {t(`standards.kind.${d.kind}`)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{d.versionLabel}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" data-testid="binding-why">
                    {describeWhy(d.why, t, lookups)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>

      <Tabs value={view} onChange={setView} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="list" data-testid="obligations-tab-list">
            {t('obligations.tabs.list')}
          </Tabs.Tab>
          <Tabs.Tab value="changes" data-testid="obligations-tab-changes">
            {t('obligations.tabs.changes')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="changes" pt="lg">
          <ObligationChanges orgId={report.organisationId} lookups={lookups} />
        </Tabs.Panel>
        <Tabs.Panel value="list" pt="lg">
          <Stack gap="lg">
            <Group justify="space-between" align="flex-end">
              <Group gap="md" align="flex-end">
                <Select
                  label={t('obligations.filters.strength')}
                  placeholder={t('obligations.filters.allStrengths')}
                  data={STRENGTHS.map((s) => ({ value: s, label: t(`standards.strength.${s}`) }))}
                  value={filters.strength || null}
                  onChange={(v) => setFilters((f) => ({ ...f, strength: (v ?? '') as Strength | '' }))}
                  clearable
                  w={180}
                  data-testid="filter-strength"
                />
                <Select
                  label={t('obligations.filters.document')}
                  placeholder={t('obligations.filters.allDocuments')}
                  data={report.documents.map((d) => ({ value: d.documentId, label: pick(d.title, locale) }))}
                  value={filters.document || null}
                  onChange={(v) => setFilters((f) => ({ ...f, document: v ?? '' }))}
                  clearable
                  w={320}
                  data-testid="filter-document"
                />
                <TextInput
                  label={t('obligations.filters.text')}
                  placeholder={t('obligations.filters.textPlaceholder')}
                  value={filters.text}
                  onChange={(e) => {
                    const text = e.currentTarget.value;
                    setFilters((f) => ({ ...f, text }));
                  }}
                  w={240}
                  type="search"
                  data-testid="filter-text"
                />
                <Text size="sm" pb={8} fw={600} data-testid="obligations-count" data-count={shown.length} data-total={report.obligations.length}>
                  {t('obligations.count', { shown: shown.length, total: report.obligations.length })}
                </Text>
              </Group>
              <Group gap="xs">
                <Button component="a" href={standardsPaths.obligationsXlsx(report.organisationId)} download variant="default" size="sm" data-testid="obligations-export-xlsx">
                  {t('obligations.export.xlsx')}
                </Button>
                <Button component="a" href={standardsPaths.obligations(report.organisationId)} download={`obligations-${report.organisationId}.json`} variant="default" size="sm" data-testid="obligations-export-json">
                  {t('obligations.export.json')}
                </Button>
              </Group>
            </Group>

            {report.obligations.some((o) => o.plain) && (
              <Alert color="teal" variant="light" data-testid="obligations-plain-notice">
                {t('obligations.yesNo')}
              </Alert>
            )}

            {shown.length === 0 ? (
              <Text c="dimmed" data-testid="obligations-empty">
                {t('obligations.empty')}
              </Text>
            ) : (
              <Table.ScrollContainer minWidth={1000}>
                <Table data-testid="obligations-table" verticalSpacing="sm" striped>
                  <Table.Caption>{t('obligations.tableCaption')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={90}>{t('obligations.colNumber')}</Table.Th>
                      <Table.Th>{t('obligations.colTitle')}</Table.Th>
                      <Table.Th w={100}>{t('obligations.colStrength')}</Table.Th>
                      <Table.Th w={340}>{t('obligations.colSourcesReasons')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {shown.map((o) => (
                      <ObligationRow key={o.key} obligation={o} lookups={lookups} />
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Stack>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function ObligationRow({ obligation: o, lookups }: { obligation: Obligation; lookups: ReasonLookups }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const plain = o.plain ? pick(o.plain, locale) : '';
  const reasons = useMemo(() => {
    const seen = new Map<string, { why: string; because: string[] }>();
    for (const r of o.reasons) {
      const id = `${r.why}\u0000${r.because.join('\u0001')}`;
      if (!seen.has(id)) seen.set(id, { why: describeWhy(r.why, t, lookups), because: r.because.map((b) => describeBecause(b, t, lookups)) });
    }
    return [...seen.values()];
  }, [o.reasons, t, lookups]);
  const primary = o.sources[0];

  return (
    <Table.Tr data-testid="obligation-row" data-key={o.key} data-strength={o.strength}>
      <Table.Td>
        <Text ff="monospace" size="sm" fw={700}>
          {primary?.number}
        </Text>
      </Table.Td>
      <Table.Td>
        {plain ? (
          <>
            <ParamText text={plain} parameters={o.parameters} fw={700} size="md" data-testid="obligation-plain" />
            <Text size="xs" c="dimmed" mt={2} data-testid="obligation-title">
              {t('obligations.formalLabel', { title: pick(o.title, locale) })}
            </Text>
          </>
        ) : (
          <>
            <Text fw={600} size="sm" data-testid="obligation-title">
              {pick(o.title, locale)}
            </Text>
            <ParamText text={pick(o.text, locale)} parameters={o.parameters} size="xs" c="dimmed" lineClamp={3} />
          </>
        )}
      </Table.Td>
      <Table.Td>
        <StrengthBadge strength={o.strength} />
      </Table.Td>
      <Table.Td>
        <Stack gap={4}>
          {o.sources.map((s) => (
            <Text key={`${s.versionId}#${s.nodeId}`} size="xs" data-testid="obligation-source" data-document-id={s.documentId}>
              <Badge size="xs" variant="light" color="gray" tt="none" mr={4}>
                {t('obligations.source')}
              </Badge>
              <Text span fw={700} ff="monospace" size="xs">
                {s.number}
              </Text>{' '}
              {pick(s.documentTitle, locale)}
            </Text>
          ))}
          {reasons.map((r, i) => (
            <Text key={i} size="xs" data-testid="obligation-reason">
              <Badge size="xs" variant="light" color="indigo" tt="none" mr={4}>
                {t('obligations.reason')}
              </Badge>
              {r.why}
              {r.because.length > 0 && (
                <Text span size="xs" c="dimmed">
                  {' '}
                  {t('obligations.because.label', { conditions: r.because.join(t('obligations.because.joiner')) })}
                </Text>
              )}
            </Text>
          ))}
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}
