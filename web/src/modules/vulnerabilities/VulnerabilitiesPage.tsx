import { Anchor, Badge, Code, Drawer, Group, Pagination, ScrollArea, SegmentedControl, Select, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TableSkeleton } from '../../components/PageLoader';
import { currentLocale } from '../../i18n';
import { formatCount } from '../services/format';
import { useCveRecord, useCveRecords, useKev, VULN_PAGE_SIZE } from './api';

function KevBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="red" size="sm" data-testid="kev-badge">
      {t('vulns.kevBadge')}
    </Badge>
  );
}

function RecordsTab({ onOpen }: { onOpen: (cveId: string) => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [kev, setKev] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const records = useCveRecords({ ...(q ? { q } : {}), ...(kev ? { kev: kev as 'true' | 'false' } : {}) }, (page - 1) * VULN_PAGE_SIZE);
  const total = records.data?.total ?? 0;
  return (
    <Stack>
      <Group align="flex-end">
        <TextInput
          label={t('vulns.search')}
          placeholder={t('vulns.searchPlaceholder')}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setPage(1);
          }}
          w={320}
          data-testid="vulns-search"
        />
        <Select
          label={t('vulns.kevFilter')}
          placeholder={t('ciCommon.all')}
          data={[
            { value: 'true', label: t('vulns.kevOnly') },
            { value: 'false', label: t('vulns.kevNot') },
          ]}
          value={kev}
          onChange={(v) => {
            setKev(v);
            setPage(1);
          }}
          clearable
          w={180}
          data-testid="vulns-kev-filter"
        />
      </Group>
      {records.isPending ? (
        <TableSkeleton />
      ) : records.isError ? (
        <ErrorAlert error={records.error} onRetry={() => void records.refetch()} />
      ) : records.data.items.length === 0 ? (
        <Text c="dimmed" data-testid="vulns-empty">
          {t('vulns.empty')}
        </Text>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {t('vulns.total', { n: formatCount(total, locale) })}
          </Text>
          <Table.ScrollContainer minWidth={800}>
            <Table striped highlightOnHover verticalSpacing="xs" data-testid="vulns-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('vulns.col.cve')}</Table.Th>
                  <Table.Th>{t('vulns.col.title')}</Table.Th>
                  <Table.Th ta="right">{t('vulns.col.cvss')}</Table.Th>
                  <Table.Th>{t('vulns.col.kev')}</Table.Th>
                  <Table.Th>{t('vulns.col.published')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {records.data.items.map((r) => (
                  <Table.Tr key={r.cveId} data-testid="vuln-row" data-cve={r.cveId}>
                    <Table.Td>
                      <Anchor component="button" size="sm" ff="monospace" onClick={() => onOpen(r.cveId)}>
                        {r.cveId}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" lineClamp={2}>
                        {r.title ?? r.description}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">{r.cvss ? r.cvss.score.toFixed(1) : ''}</Table.Td>
                    <Table.Td>{r.kev && <KevBadge />}</Table.Td>
                    <Table.Td>{r.datePublished?.slice(0, 10) ?? ''}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {total > VULN_PAGE_SIZE && <Pagination total={Math.ceil(total / VULN_PAGE_SIZE)} value={page} onChange={setPage} />}
        </>
      )}
    </Stack>
  );
}

function KevTab({ onOpen }: { onOpen: (cveId: string) => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(1);
  const kev = useKev(q, (page - 1) * VULN_PAGE_SIZE);
  const total = kev.data?.total ?? 0;
  return (
    <Stack>
      <TextInput
        label={t('vulns.search')}
        placeholder={t('vulns.kevSearchPlaceholder')}
        value={search}
        onChange={(e) => {
          setSearch(e.currentTarget.value);
          setPage(1);
        }}
        w={320}
        data-testid="kev-search"
      />
      {kev.isPending ? (
        <TableSkeleton />
      ) : kev.isError ? (
        <ErrorAlert error={kev.error} onRetry={() => void kev.refetch()} />
      ) : kev.data.items.length === 0 ? (
        <Text c="dimmed">{t('vulns.kevEmpty')}</Text>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {t('vulns.total', { n: formatCount(total, locale) })}
          </Text>
          <Table.ScrollContainer minWidth={800}>
            <Table striped verticalSpacing="xs" data-testid="kev-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('vulns.col.cve')}</Table.Th>
                  <Table.Th>{t('vulns.col.product')}</Table.Th>
                  <Table.Th>{t('vulns.col.name')}</Table.Th>
                  <Table.Th>{t('vulns.col.dateAdded')}</Table.Th>
                  <Table.Th>{t('vulns.col.dueDate')}</Table.Th>
                  <Table.Th>{t('vulns.col.ransomware')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {kev.data.items.map((k) => (
                  <Table.Tr key={k.cveId} data-testid="kev-row">
                    <Table.Td ff="monospace">
                      {k.hasRecord ? (
                        <Anchor component="button" size="sm" ff="monospace" onClick={() => onOpen(k.cveId)}>
                          {k.cveId}
                        </Anchor>
                      ) : (
                        k.cveId
                      )}
                    </Table.Td>
                    <Table.Td>
                      {k.vendorProject} {k.product}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" lineClamp={2}>
                        {k.vulnerabilityName}
                      </Text>
                    </Table.Td>
                    <Table.Td>{k.dateAdded}</Table.Td>
                    <Table.Td>{k.dueDate}</Table.Td>
                    <Table.Td>{k.knownRansomwareCampaignUse === 'Known' ? <Badge color="orange" size="sm">{t('vulns.ransomwareKnown')}</Badge> : ''}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {total > VULN_PAGE_SIZE && <Pagination total={Math.ceil(total / VULN_PAGE_SIZE)} value={page} onChange={setPage} />}
        </>
      )}
    </Stack>
  );
}

function RecordDrawer({ cveId, onClose }: { cveId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const record = useCveRecord(cveId);
  const [view, setView] = useState<'affected' | 'rules'>('affected');
  const r = record.data;
  return (
    <Drawer opened={cveId !== null} onClose={onClose} position="right" size="xl" title={cveId ?? ''}>
      {record.isPending ? (
        <TableSkeleton />
      ) : record.isError ? (
        <ErrorAlert error={record.error} />
      ) : r ? (
        <Stack data-testid="vuln-detail">
          <Group gap="xs">
            {r.kev && <KevBadge />}
            {r.cvss && <Badge variant="light">{t('vulns.cvssScore', { score: r.cvss.score.toFixed(1) })}</Badge>}
          </Group>
          {r.title && <Title order={3} size="h5">{r.title}</Title>}
          <Text size="sm">{r.description}</Text>
          {r.kev && (
            <Text size="sm">{t('vulns.kevDates', { added: r.kev.dateAdded, due: r.kev.dueDate })}</Text>
          )}
          <SegmentedControl
            value={view}
            onChange={(v) => setView(v as 'affected' | 'rules')}
            data={[
              { value: 'affected', label: t('vulns.affected') },
              { value: 'rules', label: t('vulns.rules') },
            ]}
          />
          <ScrollArea.Autosize mah={500}>
            {view === 'affected'
              ? r.affected.map((a, i) => (
                  <Stack key={i} gap={2} mb="sm">
                    <Text size="sm" fw={500}>
                      {a.vendor} {a.product} <Text span size="xs" c="dimmed">({a.provider})</Text>
                    </Text>
                    <Code block>{JSON.stringify(a.entry, null, 2)}</Code>
                  </Stack>
                ))
              : <Code block>{JSON.stringify(r.rules, null, 2)}</Code>}
          </ScrollArea.Autosize>
        </Stack>
      ) : null}
    </Drawer>
  );
}

/** `/vulnerabilities`: the CVE records and the KEV catalog, read-only reference data. */
export function VulnerabilitiesPage() {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <Stack gap="lg" data-testid="vulns-page">
      <div>
        <Title order={1} size="h2">
          {t('vulns.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('vulns.description')}
        </Text>
      </div>
      <Tabs defaultValue="records" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="records" data-testid="vulns-subtab-records">
            {t('vulns.tabRecords')}
          </Tabs.Tab>
          <Tabs.Tab value="kev" data-testid="vulns-subtab-kev">
            {t('vulns.tabKev')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="records" pt="md">
          <RecordsTab onOpen={setOpen} />
        </Tabs.Panel>
        <Tabs.Panel value="kev" pt="md">
          <KevTab onOpen={setOpen} />
        </Tabs.Panel>
      </Tabs>
      <RecordDrawer cveId={open} onClose={() => setOpen(null)} />
    </Stack>
  );
}
