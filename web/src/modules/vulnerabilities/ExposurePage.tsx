import { Badge, Button, Group, Modal, Pagination, Select, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { queryKeys } from '../../api/queries';
import type { Me, Organisation } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TableSkeleton } from '../../components/PageLoader';
import { currentLocale } from '../../i18n';
import { useDevices } from '../assets/api';
import { ExceptionForm } from '../assets/ExceptionForm';
import { exceptionKeys } from '../assets/exceptionsApi';
import { canGovernAssets } from '../assets/scope';
import { formatCount } from '../services/format';
import { isGovernment } from '../services/scope';
import { Advisories } from './Advisories';
import { ruleFormula } from './explain';
import { EXPOSURE_PAGE_SIZE, useExposures, type Exposure } from './exposureApi';

/** `/vulnerabilities/exposure`: device ↔ CVE matches in the caller's scope, KEV first then by score, each explained. */
export function ExposurePage({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const locale = currentLocale();
  const queryClient = useQueryClient();
  const government = isGovernment(me);
  const govern = canGovernAssets(me);
  const [operator, setOperator] = useState<string | null>(null);
  const [kev, setKev] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const exposures = useExposures(
    {
      ...(government && operator ? { operatorId: operator } : {}),
      ...(kev ? { kev: kev as 'true' | 'false' } : {}),
      ...(status ? { status: status as 'affected' | 'unknown' } : {}),
    },
    (page - 1) * EXPOSURE_PAGE_SIZE,
  );
  const operators = useQuery({
    queryKey: queryKeys.organisations({ kind: 'operator' }),
    queryFn: ({ signal }) => api.get<Organisation[]>('/api/v1/org/organisations', { kind: 'operator' }, signal),
    enabled: government,
  });
  const devices = useDevices({}, 0);
  const [excepting, setExcepting] = useState<Exposure | null>(null);
  const operatorName = (id: string) => {
    const org = operators.data?.find((o) => o.id === id);
    return org ? (locale === 'en' && org.nameEn ? org.nameEn : org.name) : id;
  };
  const reasonText = (e: Exposure) => {
    const key = `vulns.reason.${e.explanation.reason}`;
    return i18n.exists(key) ? t(key as never) : e.reason;
  };
  const total = exposures.data?.total ?? 0;
  const reset = <T,>(setter: (v: T) => void) => (v: T) => {
    setter(v);
    setPage(1);
  };

  return (
    <Stack gap="lg" data-testid="exposure-page">
      <div>
        <Title order={1} size="h2">
          {t('vulns.exposure.title')}
        </Title>
        <Text c="dimmed" size="sm" maw={860}>
          {t('vulns.exposure.description')}
        </Text>
      </div>
      {!government && <Advisories />}
      <Group gap="sm" align="flex-end">
        {government && (
          <Select
            label={t('assets.filter.operator')}
            placeholder={t('ciCommon.all')}
            data={(operators.data ?? []).map((o) => ({ value: o.id, label: locale === 'en' && o.nameEn ? o.nameEn : o.name }))}
            value={operator}
            onChange={reset(setOperator)}
            clearable
            searchable
            w={240}
          />
        )}
        <Select
          label={t('vulns.kevFilter')}
          placeholder={t('ciCommon.all')}
          data={[
            { value: 'true', label: t('vulns.kevOnly') },
            { value: 'false', label: t('vulns.kevNot') },
          ]}
          value={kev}
          onChange={reset(setKev)}
          clearable
          w={170}
          data-testid="exposure-filter-kev"
        />
        <Select
          label={t('vulns.exposure.status')}
          placeholder={t('ciCommon.all')}
          data={[
            { value: 'affected', label: t('vulns.exposure.statusName.affected') },
            { value: 'unknown', label: t('vulns.exposure.statusName.unknown') },
          ]}
          value={status}
          onChange={reset(setStatus)}
          clearable
          w={170}
        />
      </Group>
      {exposures.isPending ? (
        <TableSkeleton />
      ) : exposures.isError ? (
        <ErrorAlert error={exposures.error} onRetry={() => void exposures.refetch()} />
      ) : exposures.data.items.length === 0 ? (
        <Text c="dimmed" data-testid="exposure-empty">
          {t('vulns.exposure.empty')}
        </Text>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {t('vulns.total', { n: formatCount(total, locale) })}
          </Text>
          <Table.ScrollContainer minWidth={1100}>
            <Table striped verticalSpacing="xs" data-testid="exposure-table">
              <Table.Thead style={{ whiteSpace: 'nowrap' }}>
                <Table.Tr>
                  <Table.Th ta="right">{t('vulns.exposure.score')}</Table.Th>
                  <Table.Th>{t('vulns.col.cve')}</Table.Th>
                  <Table.Th>{t('assets.field.assetId')}</Table.Th>
                  {government && <Table.Th>{t('assets.col.operator')}</Table.Th>}
                  <Table.Th>{t('assets.col.product')}</Table.Th>
                  <Table.Th>{t('vulns.exposure.why')}</Table.Th>
                  <Table.Th>{t('assets.tab.exceptions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {exposures.data.items.map((e) => {
                  const formula = ruleFormula(e.explanation);
                  return (
                    <Table.Tr key={`${e.deviceId}-${e.cveId}`} data-testid="exposure-row" data-asset-id={e.assetId} data-cve={e.cveId} data-kev={e.kev ? 'true' : 'false'}>
                      <Table.Td ta="right" fw={600}>
                        {e.score.toFixed(1)}
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <Text size="sm" ff="monospace">
                            {e.cveId}
                          </Text>
                          {e.kev && (
                            <Badge color="red" size="sm" data-testid="exposure-kev">
                              {t('vulns.kevBadge')}
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td>{e.assetId}</Table.Td>
                      {government && <Table.Td>{operatorName(e.operatorId)}</Table.Td>}
                      <Table.Td>
                        <Text size="sm">
                          {e.vendor} {e.product}
                        </Text>
                        <Text size="xs" ff="monospace" c="dimmed">
                          {e.version}
                        </Text>
                      </Table.Td>
                      <Table.Td data-testid="exposure-why">
                        <Group gap={4}>
                          {e.status === 'unknown' && (
                            <Badge color="gray" size="xs">
                              {t('vulns.exposure.statusName.unknown')}
                            </Badge>
                          )}
                          <Text size="sm">{reasonText(e)}</Text>
                        </Group>
                        <Tooltip label={`${e.explanation.source}/${e.explanation.provider} ${e.explanation.path}`} multiline w={360}>
                          <Text size="xs" c="dimmed" ff="monospace">
                            {[formula, t('vulns.exposure.scheme', { scheme: e.explanation.scheme })].filter(Boolean).join(' · ')}
                          </Text>
                        </Tooltip>
                      </Table.Td>
                      <Table.Td>
                        {e.exception ? (
                          <Badge color="green" variant="light" size="sm" data-testid="exposure-excepted">
                            {t('vulns.exposure.excepted', { date: e.exception.expiresOn })}
                          </Badge>
                        ) : govern ? (
                          <Button size="compact-xs" variant="light" onClick={() => setExcepting(e)} data-testid="exposure-request-exception">
                            {t('assets.exceptions.new')}
                          </Button>
                        ) : null}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {total > EXPOSURE_PAGE_SIZE && <Pagination total={Math.ceil(total / EXPOSURE_PAGE_SIZE)} value={page} onChange={setPage} />}
        </>
      )}
      <Modal opened={excepting !== null} onClose={() => setExcepting(null)} title={t('assets.exceptions.new')} size="xl">
        {excepting && (
          <ExceptionForm
            devices={devices.data?.items ?? []}
            deviceId={excepting.deviceId}
            cveId={excepting.cveId}
            onCancel={() => setExcepting(null)}
            onDone={() => {
              setExcepting(null);
              void queryClient.invalidateQueries({ queryKey: exceptionKeys.all });
              void queryClient.invalidateQueries({ queryKey: ['vulnerabilities', 'exposure'] });
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}
