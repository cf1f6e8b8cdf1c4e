import { Badge, Box, Button, Collapse, Group, List, Paper, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TableSkeleton } from '../../components/PageLoader';
import { currentLocale } from '../../i18n';
import { CommentList, type ConsultationRights } from './Comments';
import { StrengthBadge } from './labels';
import { ParamText } from './ParamText';
import { useComments, useNodes } from './queries';
import { formatParamValue, pick, renderParamsText } from './text';
import type { RequirementComment, RequirementNode } from './types';

interface TreeProps {
  versionId: string;
  rights: ConsultationRights;
}

/** The version's requirement tree, or, while a search is active, the flat list of matches (q is sent to the server). */
export function RequirementTree({ versionId, rights }: TreeProps) {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const q = searchParams.get('q') ?? '';
  const [input, setInput] = useState(q);
  const [debounced] = useDebouncedValue(input, 300);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => {
    if (debounced.trim() === q) return;
    const next = new URLSearchParams(searchParams);
    if (debounced.trim()) next.set('q', debounced.trim());
    else next.delete('q');
    setSearchParams(next, { replace: true });
  }, [debounced, q, searchParams, setSearchParams]);

  const nodes = useNodes(versionId, q);
  const comments = useComments(versionId, true);
  const byNode = useMemo(() => {
    const map = new Map<string, RequirementComment[]>();
    for (const c of comments.data ?? []) map.set(c.nodeId, [...(map.get(c.nodeId) ?? []), c]);
    return map;
  }, [comments.data]);

  const children = useMemo(() => {
    const map = new Map<string | null, RequirementNode[]>();
    const ids = new Set((nodes.data ?? []).map((n) => n.id));
    for (const n of nodes.data ?? []) {
      // A node whose parent is not in the list is shown at the top level rather than lost.
      const parent = n.parentId && ids.has(n.parentId) ? n.parentId : null;
      map.set(parent, [...(map.get(parent) ?? []), n]);
    }
    return map;
  }, [nodes.data]);
  const groupIds = useMemo(() => (nodes.data ?? []).filter((n) => n.kind === 'group').map((n) => n.id), [nodes.data]);
  const toggle = (id: string) =>
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const render = (node: RequirementNode, depth: number): React.ReactNode =>
    node.kind === 'group' ? (
      <GroupNode key={node.id} node={node} depth={depth} open={!collapsed.has(node.id)} onToggle={() => toggle(node.id)}>
        {(children.get(node.id) ?? []).map((c) => render(c, depth + 1))}
      </GroupNode>
    ) : (
      <RequirementCard key={node.id} node={node} versionId={versionId} comments={byNode.get(node.id) ?? []} rights={rights} />
    );

  return (
    <Stack gap="md">
      <Group align="flex-end" justify="space-between">
        <TextInput
          label={t('standards.tree.search')}
          placeholder={t('standards.tree.searchPlaceholder')}
          value={input}
          onChange={(e) => setInput(e.currentTarget.value)}
          w={420}
          data-testid="requirement-search"
          type="search"
        />
        {!q && (
          <Group gap="xs">
            <Button size="xs" variant="subtle" onClick={() => setCollapsed(new Set())}>
              {t('standards.tree.expandAll')}
            </Button>
            <Button size="xs" variant="subtle" onClick={() => setCollapsed(new Set(groupIds))}>
              {t('standards.tree.collapseAll')}
            </Button>
          </Group>
        )}
      </Group>
      {nodes.isPending ? (
        <TableSkeleton />
      ) : nodes.isError ? (
        <ErrorAlert error={nodes.error} onRetry={() => void nodes.refetch()} />
      ) : q ? (
        <Stack gap="xs" data-testid="search-results">
          <Text size="sm" c="dimmed" data-testid="search-count">
            {t('standards.tree.results', { n: nodes.data.length })}
          </Text>
          {nodes.data.map((n) =>
            n.kind === 'group' ? (
              <Text key={n.id} fw={600} data-testid="requirement-node" data-node-id={n.id}>
                {n.number} {pick(n.title, currentLocale())}
              </Text>
            ) : (
              <RequirementCard key={n.id} node={n} versionId={versionId} comments={byNode.get(n.id) ?? []} rights={rights} />
            ),
          )}
        </Stack>
      ) : nodes.data.length === 0 ? (
        <Text c="dimmed">{t('standards.tree.empty')}</Text>
      ) : (
        <Stack gap={4} data-testid="requirement-tree">
          {(children.get(null) ?? []).map((n) => render(n, 0))}
        </Stack>
      )}
    </Stack>
  );
}

function GroupNode({ node, depth, open, onToggle, children }: { node: RequirementNode; depth: number; open: boolean; onToggle: () => void; children: React.ReactNode }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const text = pick(node.text, locale);
  return (
    <Box data-testid="requirement-group" data-node-id={node.id} pl={depth > 0 ? 'md' : 0} style={depth > 0 ? { borderLeft: '2px solid var(--mantine-color-gray-2)' } : undefined}>
      <UnstyledButton onClick={onToggle} aria-expanded={open} py={4} w="100%" aria-label={t(open ? 'standards.tree.collapse' : 'standards.tree.expand', { number: node.number })}>
        <Group gap="xs" wrap="nowrap">
          <Text c="dimmed" w={16} ta="center" aria-hidden>
            {open ? '\u25be' : '\u25b8'}
          </Text>
          <Text fw={700} size={depth === 0 ? 'lg' : 'md'}>
            {node.number} {pick(node.title, locale)}
          </Text>
        </Group>
      </UnstyledButton>
      <Collapse expanded={open}>
        {text && (
          <Text size="sm" c="dimmed" pl={24} mb={4}>
            {text}
          </Text>
        )}
        <Stack gap={6} pl={depth === 0 ? 0 : 4} pb={4}>
          {children}
        </Stack>
      </Collapse>
    </Box>
  );
}

export function RequirementCard({ node, versionId, comments, rights }: { node: RequirementNode; versionId: string; comments: RequirementComment[]; rights: ConsultationRights }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [open, setOpen] = useState(false);
  const guidance = pick(node.guidance, locale);
  const plain = node.plain ? renderParamsText(pick(node.plain, locale), node.parameters, locale) : '';
  return (
    <Paper withBorder p="sm" radius="sm" data-testid="requirement-node" data-node-id={node.id} data-strength={node.strength ?? ''}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Group gap="xs" wrap="nowrap" align="baseline">
          <Text fw={700} ff="monospace" size="sm" style={{ whiteSpace: 'nowrap' }}>
            {node.number}
          </Text>
          <Text fw={600}>{pick(node.title, locale)}</Text>
          {node.withdrawn && (
            <Badge color="gray" size="sm" tt="none">
              {t('standards.tree.withdrawn')}
            </Badge>
          )}
        </Group>
        <Group gap={6} wrap="nowrap">
          {comments.length > 0 && (
            <Badge size="sm" variant="light" color="teal" tt="none">
              {t('standards.comments.count', { n: comments.length })}
            </Badge>
          )}
          <StrengthBadge strength={node.strength} />
        </Group>
      </Group>
      <ParamText text={pick(node.text, locale)} parameters={node.parameters} size="sm" mt={6} />
      {plain && (
        <Text size="sm" mt={6} c="indigo.8">
          {t('standards.tree.plainLabel', { text: plain })}
        </Text>
      )}
      <Group mt={6}>
        <Button size="compact-xs" variant="subtle" onClick={() => setOpen((o) => !o)} aria-expanded={open} data-testid="requirement-details-toggle">
          {open ? t('standards.tree.hideDetails') : t('standards.tree.details')}
        </Button>
      </Group>
      <Collapse expanded={open}>
        <Stack gap="xs" mt="xs">
          <div>
            <Text size="xs" fw={600} c="dimmed">
              {t('standards.tree.guidance')}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {guidance || t('common.none')}
            </Text>
          </div>
          {node.parameters.length > 0 && (
            <div>
              <Text size="xs" fw={600} c="dimmed">
                {t('standards.tree.parameters')}
              </Text>
              <List size="sm">
                {node.parameters.map((p) => (
                  <List.Item key={p.id}>
                    {t('standards.diff.paramValue', { label: pick(p.label, locale), value: formatParamValue(p.value) || t('common.none') })}
                    {p.unit ? ` (${p.unit})` : ''}
                  </List.Item>
                ))}
              </List>
            </div>
          )}
          {node.evidence.length > 0 && (
            <div>
              <Text size="xs" fw={600} c="dimmed">
                {t('standards.tree.evidence')}
              </Text>
              <List size="sm">
                {node.evidence.map((e, i) => (
                  <List.Item key={i}>{pick(e, locale)}</List.Item>
                ))}
              </List>
            </div>
          )}
          {node.addressee && (
            <Text size="xs" c="dimmed">
              {t('standards.tree.addresseeLabel', { addressee: t(`standards.addressee.${node.addressee}`) })}
            </Text>
          )}
          {(rights.canComment || comments.length > 0) && <CommentList versionId={versionId} nodeId={node.id} comments={comments} rights={rights} />}
        </Stack>
      </Collapse>
    </Paper>
  );
}
