import { Badge, Group, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TableSkeleton } from '../../components/PageLoader';
import { currentLocale } from '../../i18n';
import { StrengthBadge } from './labels';
import { useDiff, useDocuments } from './queries';
import { formatParamValue, pick, renderParamsText } from './text';
import type { NodeChange, RequirementNode, StandardVersion } from './types';

const KNOWN_FIELDS = ['number', 'parent', 'kind', 'title', 'text', 'strength', 'addressee', 'parameters', 'applicability', 'guidance', 'evidence', 'plain', 'withdrawn'] as const;
type KnownField = (typeof KNOWN_FIELDS)[number];
const isKnownField = (f: string): f is KnownField => (KNOWN_FIELDS as readonly string[]).includes(f);

/** What changed between another version of the same document (?against=) and this one. */
export function DiffPanel({ version }: { version: StandardVersion }) {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const documents = useDocuments();
  const others = (documents.data?.find((d) => d.id === version.document.id)?.versions ?? []).filter((v) => v.id !== version.id);
  const against = searchParams.get('against') ?? others.find((v) => v.status === 'in_force')?.id ?? others[0]?.id ?? null;
  const diff = useDiff(version.id, against);

  return (
    <Stack gap="md" data-testid="version-diff">
      {documents.isError && <ErrorAlert error={documents.error} />}
      {documents.data && others.length === 0 ? (
        <Text c="dimmed">{t('standards.diff.noOther')}</Text>
      ) : (
        <Group align="flex-end">
          <Select
            label={t('standards.diff.against')}
            data={others.map((v) => ({ value: v.id, label: `${v.label} (${t(`standards.status.${v.status}`)})` }))}
            value={against}
            onChange={(value) => {
              const next = new URLSearchParams(searchParams);
              if (value) next.set('against', value);
              setSearchParams(next, { replace: true });
            }}
            allowDeselect={false}
            w={360}
            data-testid="diff-against"
          />
          {against && (
            <Text size="sm" c="dimmed" pb={8}>
              {t('standards.diff.direction', { from: others.find((v) => v.id === against)?.label ?? against, to: version.label })}
            </Text>
          )}
        </Group>
      )}
      {against &&
        (diff.isPending ? (
          <TableSkeleton />
        ) : diff.isError ? (
          <ErrorAlert error={diff.error} onRetry={() => void diff.refetch()} />
        ) : diff.data.added.length + diff.data.removed.length + diff.data.changed.length === 0 ? (
          <Text c="dimmed" data-testid="diff-none">
            {t('standards.diff.none')}
          </Text>
        ) : (
          <>
            <Group gap="xs">
              <Badge color="green" variant="light" tt="none" data-testid="diff-added-count">
                {t('standards.diff.added', { n: diff.data.added.length })}
              </Badge>
              <Badge color="red" variant="light" tt="none" data-testid="diff-removed-count">
                {t('standards.diff.removed', { n: diff.data.removed.length })}
              </Badge>
              <Badge color="blue" variant="light" tt="none" data-testid="diff-changed-count">
                {t('standards.diff.changed', { n: diff.data.changed.length })}
              </Badge>
            </Group>
            <DiffSection title={t('standards.diff.added', { n: diff.data.added.length })} nodes={diff.data.added} kind="added" />
            <DiffSection title={t('standards.diff.removed', { n: diff.data.removed.length })} nodes={diff.data.removed} kind="removed" />
            {diff.data.changed.length > 0 && (
              <Stack gap="xs">
                <Title order={3} size="h5">
                  {t('standards.diff.changed', { n: diff.data.changed.length })}
                </Title>
                {diff.data.changed.map((c) => (
                  <ChangedNode key={c.id} change={c} />
                ))}
              </Stack>
            )}
          </>
        ))}
    </Stack>
  );
}

function DiffSection({ title, nodes, kind }: { title: string; nodes: RequirementNode[]; kind: 'added' | 'removed' }) {
  const locale = currentLocale();
  if (nodes.length === 0) return null;
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {title}
      </Title>
      {nodes.map((n) => (
        <Paper key={n.id} withBorder p="xs" radius="sm" data-testid={`diff-${kind}`} data-node-id={n.id} style={{ borderLeft: `4px solid var(--mantine-color-${kind === 'added' ? 'green' : 'red'}-6)` }}>
          <Group gap="xs">
            <Text ff="monospace" size="sm" fw={700}>
              {n.number}
            </Text>
            <Text size="sm" fw={600} td={kind === 'removed' ? 'line-through' : undefined}>
              {pick(n.title, locale)}
            </Text>
            <StrengthBadge strength={n.strength} size="sm" />
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}

function fieldValue(node: RequirementNode, field: string, locale: 'ja' | 'en', t: TFunction): string {
  switch (field) {
    case 'title':
      return pick(node.title, locale);
    case 'text':
      return renderParamsText(pick(node.text, locale), node.parameters, locale);
    case 'guidance':
      return pick(node.guidance, locale);
    case 'plain':
      return node.plain ? renderParamsText(pick(node.plain, locale), node.parameters, locale) : '';
    case 'strength':
      return node.strength ? t(`standards.strength.${node.strength}`) : '';
    case 'parameters':
      return node.parameters.map((p) => t('standards.diff.paramValue', { label: pick(p.label, locale), value: formatParamValue(p.value) })).join(' / ');
    case 'number':
      return node.number;
    case 'parent':
      return node.parentId ?? '';
    case 'evidence':
      return node.evidence.map((e) => pick(e, locale)).join(' / ');
    case 'addressee':
      return node.addressee ? t(`standards.addressee.${node.addressee}`) : '';
    case 'withdrawn':
      return node.withdrawn ? t('common.yes') : t('common.no');
    case 'kind':
      return t(`standards.nodeKind.${node.kind}`);
    default:
      return JSON.stringify((node as unknown as Record<string, unknown>)[field] ?? null);
  }
}

function ChangedNode({ change }: { change: NodeChange }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <Paper withBorder p="xs" radius="sm" data-testid="diff-changed" data-node-id={change.id} style={{ borderLeft: '4px solid var(--mantine-color-blue-6)' }}>
      <Group gap="xs" mb={4}>
        <Text ff="monospace" size="sm" fw={700}>
          {change.number}
        </Text>
        <Text size="sm" fw={600}>
          {pick(change.after.title, locale)}
        </Text>
        {change.fields.map((f) => (
          <Badge key={f} size="sm" variant="outline" tt="none" data-testid="diff-field">
            {isKnownField(f) ? t(`standards.diffField.${f}`) : f}
          </Badge>
        ))}
      </Group>
      <Stack gap={4}>
        {change.fields.map((f) => (
          <SimpleGrid key={f} cols={{ base: 1, md: 2 }} spacing="xs">
            <Text size="xs" c="red.8" style={{ whiteSpace: 'pre-wrap' }}>
              <strong>{t('standards.diff.before')}</strong> {fieldValue(change.before, f, locale, t) || t('common.none')}
            </Text>
            <Text size="xs" c="green.9" style={{ whiteSpace: 'pre-wrap' }}>
              <strong>{t('standards.diff.after')}</strong> {fieldValue(change.after, f, locale, t) || t('common.none')}
            </Text>
          </SimpleGrid>
        ))}
      </Stack>
    </Paper>
  );
}
