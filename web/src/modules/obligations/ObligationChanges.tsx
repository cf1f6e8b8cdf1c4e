import { Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../api/client';
import type { Locale } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TableSkeleton } from '../../components/PageLoader';
import { currentLocale } from '../../i18n';
import { StrengthBadge } from '../standards/labels';
import { standardsKeys, standardsPaths } from '../standards/queries';
import { formatParamValue, pick, renderParamsText } from '../standards/text';
import type { Localized, Obligation } from '../standards/types';
import { describeWhy, type ReasonLookups } from './reasons';
import { diffText, type DiffSegment } from './textDiff';

/** GET /api/v1/obligations/:id/changes (ObligationChanges in src/obligations/api/obligations-routes.ts). */
export interface ObligationChangesReport {
  organisationId: string;
  documents: { documentId: string; title: Localized; fromVersionId: string; fromLabel: string; toVersionId: string; toLabel: string }[];
  added: Obligation[];
  removed: Obligation[];
  changed: { identity: string; fields: string[]; before: Obligation; after: Obligation }[];
}

const FIELDS = ['title', 'text', 'plain', 'strength', 'parameters', 'sources', 'reasons'] as const;
type Field = (typeof FIELDS)[number];
const isField = (f: string): f is Field => (FIELDS as readonly string[]).includes(f);

export function useObligationChanges(orgId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...standardsKeys.obligations(orgId), 'changes'] as const,
    queryFn: ({ signal }) => api.get<ObligationChangesReport>(`${standardsPaths.obligations(orgId)}/changes`, undefined, signal),
    enabled: enabled && Boolean(orgId),
  });
}

/** "Changes since the previous version" tab: what each binding document's newest version changed in this operator's obligations. */
export function ObligationChanges({ orgId, lookups }: { orgId: string; lookups: ReasonLookups }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const changes = useObligationChanges(orgId, true);

  if (changes.isPending) return <TableSkeleton />;
  if (changes.isError) {
    return <ErrorAlert error={changes.error} onRetry={isApiError(changes.error, 403) ? undefined : () => void changes.refetch()} />;
  }
  const { documents, added, removed, changed } = changes.data;
  const nothing = added.length + removed.length + changed.length === 0;

  return (
    <Stack gap="lg" data-testid="obligation-changes" data-added={added.length} data-removed={removed.length} data-changed={changed.length}>
      <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="changes-documents">
        <Title order={2} size="h4" mb="xs" id="changes-documents">
          {t('obligations.changes.documentsTitle')}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('obligations.changes.description')}
        </Text>
        <Table verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('obligations.header.colDocument')}</Table.Th>
              <Table.Th w={360}>{t('obligations.changes.colVersions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {documents.map((d) => (
              <Table.Tr key={d.documentId} data-testid="change-document" data-document-id={d.documentId} data-from={d.fromVersionId} data-to={d.toVersionId}>
                <Table.Td>
                  <Text size="sm">{pick(d.title, locale)}</Text>
                </Table.Td>
                <Table.Td>
                  {d.fromVersionId === d.toVersionId ? (
                    <Text size="sm" c="dimmed">
                      {t('obligations.changes.noPrevious', { label: d.toLabel })}
                    </Text>
                  ) : (
                    <Group gap={6} wrap="nowrap">
                      <Badge variant="outline" color="gray" tt="none">
                        {d.fromLabel}
                      </Badge>
                      <Text size="sm" aria-label={t('obligations.changes.to')}>
                        →
                      </Text>
                      <Badge variant="light" color="indigo" tt="none">
                        {d.toLabel}
                      </Badge>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>

      {nothing ? (
        <Text c="dimmed" data-testid="obligation-changes-none">
          {t('obligations.changes.none')}
        </Text>
      ) : (
        <>
          <Group gap="xs">
            <Badge color="green" variant="light" tt="none">
              {t('obligations.changes.addedCount', { n: added.length })}
            </Badge>
            <Badge color="red" variant="light" tt="none">
              {t('obligations.changes.removedCount', { n: removed.length })}
            </Badge>
            <Badge color="blue" variant="light" tt="none">
              {t('obligations.changes.changedCount', { n: changed.length })}
            </Badge>
          </Group>
          <ObligationList title={t('obligations.changes.added')} items={added} kind="added" />
          <ObligationList title={t('obligations.changes.removed')} items={removed} kind="removed" />
          {changed.length > 0 && (
            <Stack gap="xs" component="section">
              <Title order={2} size="h5">
                {t('obligations.changes.changed')}
              </Title>
              {changed.map((c) => (
                <ChangedObligation key={c.identity} change={c} lookups={lookups} />
              ))}
            </Stack>
          )}
        </>
      )}
    </Stack>
  );
}

function headline(o: Obligation, locale: Locale): string {
  return o.plain ? renderParamsText(pick(o.plain, locale), o.parameters, locale) : pick(o.title, locale);
}

function ObligationList({ title, items, kind }: { title: string; items: Obligation[]; kind: 'added' | 'removed' }) {
  const locale = currentLocale();
  if (items.length === 0) return null;
  const color = kind === 'added' ? 'green' : 'red';
  return (
    <Stack gap="xs" component="section">
      <Title order={2} size="h5">
        {title}
      </Title>
      {items.map((o) => {
        const source = o.sources[0];
        return (
          <Paper key={o.key} withBorder p="xs" radius="sm" data-testid={`change-${kind}`} data-key={o.key} style={{ borderLeft: `4px solid var(--mantine-color-${color}-6)` }}>
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <Text ff="monospace" size="sm" fw={700}>
                {source?.number}
              </Text>
              <div style={{ flex: 1 }}>
                <Text size="sm" fw={600} td={kind === 'removed' ? 'line-through' : undefined}>
                  {headline(o, locale)}
                </Text>
                {source && (
                  <Text size="xs" c="dimmed">
                    {pick(source.documentTitle, locale)} {source.versionLabel}
                  </Text>
                )}
              </div>
              <StrengthBadge strength={o.strength} size="sm" />
            </Group>
          </Paper>
        );
      })}
    </Stack>
  );
}

/**
 * Before and after inline: deletions struck through, insertions underlined. When most of the text was
 * rewritten, the two versions are shown one above the other instead: interleaved they would be unreadable.
 */
function TextDiff({ before, after }: { before: string; after: string }) {
  const { t } = useTranslation();
  const segments = diffText(before, after);
  const changedChars = segments.filter((s) => s.op !== 'same').reduce((n, s) => n + s.text.length, 0);
  const mostlyRewritten = changedChars > Math.max(before.length, after.length);
  const render = (list: DiffSegment[]) =>
    list.map((s, i) =>
      s.op === 'same' ? (
        <span key={i}>{s.text}</span>
      ) : s.op === 'del' ? (
        <del key={i} style={{ background: 'var(--mantine-color-red-1)', color: 'var(--mantine-color-red-9)' }}>
          {s.text}
        </del>
      ) : (
        <ins key={i} style={{ background: 'var(--mantine-color-green-1)', color: 'var(--mantine-color-green-9)' }}>
          {s.text}
        </ins>
      ),
    );
  if (!mostlyRewritten) {
    return (
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="change-text-diff">
        {render(segments)}
      </Text>
    );
  }
  return (
    <Stack gap={2} data-testid="change-text-diff">
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        <Text span size="xs" c="dimmed" mr={4}>
          {t('standards.diff.before')}
        </Text>
        {render(before ? [{ op: 'del', text: before }] : [])}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        <Text span size="xs" c="dimmed" mr={4}>
          {t('standards.diff.after')}
        </Text>
        {render(after ? [{ op: 'ins', text: after }] : [])}
      </Text>
    </Stack>
  );
}

function BeforeAfter({ before, after }: { before: React.ReactNode; after: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="wrap">
      <Text span size="sm" c="red.8">
        {before}
      </Text>
      <Text span size="sm" aria-label={t('obligations.changes.to')}>
        →
      </Text>
      <Text span size="sm" c="green.9">
        {after}
      </Text>
    </Group>
  );
}

function parameterChanges(before: Obligation, after: Obligation, locale: Locale) {
  const ids = [...new Set([...before.parameters.map((p) => p.id), ...after.parameters.map((p) => p.id)])];
  return ids.flatMap((id) => {
    const b = before.parameters.find((p) => p.id === id);
    const a = after.parameters.find((p) => p.id === id);
    if (b && a && formatParamValue(b.value) === formatParamValue(a.value) && b.unit === a.unit) return [];
    const label = pick((a ?? b)!.label, locale) || id;
    const show = (p: typeof a) => (p ? `${formatParamValue(p.value)}${p.unit ? ` ${p.unit}` : ''}` : '');
    return [{ id, label, before: show(b), after: show(a) }];
  });
}

function FieldChange({ field, change, lookups }: { field: string; change: { before: Obligation; after: Obligation }; lookups: ReasonLookups }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { before, after } = change;
  const none = t('common.none');
  switch (field as Field) {
    case 'title':
      return <TextDiff before={pick(before.title, locale)} after={pick(after.title, locale)} />;
    case 'text':
      return <TextDiff before={renderParamsText(pick(before.text, locale), before.parameters, locale)} after={renderParamsText(pick(after.text, locale), after.parameters, locale)} />;
    case 'plain':
      return (
        <TextDiff
          before={before.plain ? renderParamsText(pick(before.plain, locale), before.parameters, locale) : ''}
          after={after.plain ? renderParamsText(pick(after.plain, locale), after.parameters, locale) : ''}
        />
      );
    case 'strength':
      return <BeforeAfter before={<StrengthBadge strength={before.strength} size="sm" />} after={<StrengthBadge strength={after.strength} size="sm" />} />;
    case 'parameters': {
      const rows = parameterChanges(before, after, locale);
      return (
        <Stack gap={2}>
          {rows.map((p) => (
            <Group key={p.id} gap={6}>
              <Text size="sm" fw={600}>
                {p.label}
              </Text>
              <BeforeAfter before={p.before || none} after={p.after || none} />
            </Group>
          ))}
        </Stack>
      );
    }
    case 'sources': {
      const list = (o: Obligation) => o.sources.map((s) => `${s.number} ${pick(s.documentTitle, locale)}`).join(t('obligations.because.joiner')) || none;
      return <BeforeAfter before={list(before)} after={list(after)} />;
    }
    case 'reasons': {
      const list = (o: Obligation) => [...new Set(o.reasons.map((r) => describeWhy(r.why, t, lookups)))].join(t('obligations.because.joiner')) || none;
      return <BeforeAfter before={list(before)} after={list(after)} />;
    }
  }
  return null;
}

function fieldLabel(t: TFunction, field: string): string {
  return isField(field) ? t(`obligations.changes.field.${field}`) : field;
}

function ChangedObligation({ change, lookups }: { change: ObligationChangesReport['changed'][number]; lookups: ReasonLookups }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const source = change.after.sources[0];
  return (
    <Paper withBorder p="xs" radius="sm" data-testid="change-changed" data-identity={change.identity} data-fields={change.fields.join(' ')} style={{ borderLeft: '4px solid var(--mantine-color-blue-6)' }}>
      <Group gap="xs" mb={6} wrap="nowrap" align="flex-start">
        <Text ff="monospace" size="sm" fw={700}>
          {source?.number}
        </Text>
        <div style={{ flex: 1 }}>
          <Text size="sm" fw={600}>
            {pick(change.after.title, locale)}
          </Text>
          {source && (
            <Text size="xs" c="dimmed">
              {pick(source.documentTitle, locale)} {source.versionLabel}
            </Text>
          )}
        </div>
        <StrengthBadge strength={change.after.strength} size="sm" />
      </Group>
      <Stack gap={6}>
        {change.fields.map((f) => (
          <Group key={f} gap="xs" wrap="nowrap" align="flex-start" data-testid="change-field" data-field={f}>
            <Badge size="sm" variant="outline" tt="none" w={110} style={{ flexShrink: 0 }}>
              {fieldLabel(t, f)}
            </Badge>
            <div style={{ flex: 1, minWidth: 0 }}>
              {isField(f) ? <FieldChange field={f} change={change} lookups={lookups} /> : null}
            </div>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
