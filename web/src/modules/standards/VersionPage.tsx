import { Alert, Anchor, Badge, Button, Group, List, Modal, Stack, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, isApiError } from '../../api/client';
import type { Me } from '../../api/types';
import { DateTime } from '../../components/DateTime';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { ForbiddenPage, NotFoundPage } from '../../components/StatusPages';
import { problemMessage } from '../../components/errors';
import { currentLocale } from '../../i18n';
import { CommentItem } from './Comments';
import { DiffPanel } from './DiffPanel';
import { tierLabel } from './DeviationList';
import { StatusBadge, describeDeviationDetail, deviationKindLabel } from './labels';
import { ProfileEditor } from './ProfileEditor';
import { standardsKeys, standardsPaths, useComments, useNodes, useTiers, useVersion } from './queries';
import { RequirementTree } from './RequirementTree';
import { pick } from './text';
import type { RequirementNode, StandardVersion, VersionStatus } from './types';

const TABS = ['requirements', 'diff', 'profile', 'comments'] as const;
type Tab = (typeof TABS)[number];
const COMMENT_ROLES = ['admin', 'ciso', 'assessor', 'reviewer'];

export function VersionPage({ me }: { me: Me }) {
  const { versionId } = useParams();
  const version = useVersion(versionId);
  if (version.isPending) return <PageLoader />;
  if (isApiError(version.error, 403)) return <ForbiddenPage />;
  if (isApiError(version.error, 404)) return <NotFoundPage />;
  if (version.isError) return <ErrorAlert error={version.error} onRetry={() => void version.refetch()} />;
  return <VersionView me={me} version={version.data} />;
}

function VersionView({ me, version }: { me: Me; version: StandardVersion }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const navigate = useNavigate();
  const { tab: rawTab } = useParams();
  const tab: Tab = TABS.includes(rawTab as Tab) ? (rawTab as Tab) : 'requirements';
  const isOwner = me.activeOrganisationId === version.document.ownerOrganisationId && me.role === 'admin';
  const isDraft = version.status === 'draft';
  const tiers = useTiers();
  const base = `/standards/versions/${encodeURIComponent(version.id)}`;
  const rights = { canComment: isDraft && version.consultationOpen && COMMENT_ROLES.includes(me.role), canAnswer: isOwner };

  return (
    <Stack gap="lg" data-testid="version-page" data-version-id={version.id} data-status={version.status}>
      <div>
        <Anchor component={Link} to="/standards" size="sm">
          {t('standards.back')}
        </Anchor>
        <Group gap="xs" mt="xs">
          <Badge variant="outline" color="gray" tt="none">
            {t(`standards.kind.${version.document.kind}`)}
          </Badge>
          {version.isProfile && (
            <Badge variant="dot" color="indigo" tt="none">
              {t('standards.profileBadge')}
            </Badge>
          )}
        </Group>
        <Title order={1} size="h2" mt={4} data-testid="version-title">
          {pick(version.document.title, locale)}
        </Title>
        <Group gap="sm" mt={4}>
          <Text fw={600}>{version.label}</Text>
          <StatusBadge status={version.status} data-testid="version-status" />
          {version.consultationOpen && (
            <Badge variant="light" color="teal" tt="none">
              {t('standards.consultationBadge')}
            </Badge>
          )}
          {version.effectiveFrom && (
            <Text size="sm" c="dimmed">
              {t('standards.version.effectiveFromLabel', { date: version.effectiveFrom })}
            </Text>
          )}
          {version.publishedAt && (
            <Text size="sm" c="dimmed">
              {t('standards.version.publishedAtLabel')}
              <DateTime iso={version.publishedAt} />
            </Text>
          )}
        </Group>
      </div>

      {pick(version.notice, locale) && (
        <Alert color="gray" variant="light" data-testid="version-notice">
          {pick(version.notice, locale)}
        </Alert>
      )}

      <VersionActions me={me} version={version} isOwner={isOwner} />

      <Tabs value={tab} onChange={(value) => navigate(value && value !== 'requirements' ? `${base}/${value}` : base)} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="requirements" data-testid="tab-requirements">
            {t('standards.tabs.requirements')}
          </Tabs.Tab>
          <Tabs.Tab value="diff" data-testid="tab-diff">
            {t('standards.tabs.diff')}
          </Tabs.Tab>
          {version.isProfile && (
            <Tabs.Tab value="profile" data-testid="tab-profile">
              {isOwner && isDraft ? t('standards.tabs.profileEdit') : t('standards.tabs.profile')}
            </Tabs.Tab>
          )}
          <Tabs.Tab value="comments" data-testid="tab-comments">
            {t('standards.tabs.comments')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="requirements" pt="md">
          <RequirementTree versionId={version.id} rights={rights} />
        </Tabs.Panel>
        <Tabs.Panel value="diff" pt="md">
          <DiffPanel version={version} />
        </Tabs.Panel>
        {version.isProfile && (
          <Tabs.Panel value="profile" pt="md">
            <ProfileEditor version={version} editable={isOwner && isDraft} context={{ tiers: tiers.data ?? [] }} />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="comments" pt="md">
          <CommentsPanel version={version} canAnswer={isOwner} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

const NEXT_STATUS: Partial<Record<VersionStatus, VersionStatus>> = { draft: 'published', published: 'in_force' };

function VersionActions({ me, version, isOwner }: { me: Me; version: StandardVersion; isOwner: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [successorOpen, setSuccessorOpen] = useState(false);
  // The target status outlives the modal's closing animation, so its wording does not flip while it fades.
  const [confirm, setConfirm] = useState<VersionStatus>('published');
  const [confirmOpen, setConfirmOpen] = useState(false);
  const [label, setLabel] = useState('');
  const isDraft = version.status === 'draft';

  const refresh = () => {
    void client.invalidateQueries({ queryKey: standardsKeys.version(version.id) });
    void client.invalidateQueries({ queryKey: standardsKeys.documents });
  };
  const move = useMutation({
    mutationFn: (to: VersionStatus) => api.post<StandardVersion>(`${standardsPaths.version(version.id)}/status`, { to }),
    onSuccess: (updated) => {
      client.setQueryData(standardsKeys.version(version.id), updated);
      refresh();
    },
    onSettled: () => setConfirmOpen(false),
  });
  const consultation = useMutation({
    mutationFn: (open: boolean) => api.post<StandardVersion>(`${standardsPaths.version(version.id)}/consultation`, { open }),
    onSuccess: (updated) => {
      client.setQueryData(standardsKeys.version(version.id), updated);
      refresh();
    },
  });
  const successor = useMutation({
    mutationFn: () => api.post<{ id: string }>(`${standardsPaths.version(version.id)}/successor`, { label: label.trim() }),
    onSuccess: (created) => {
      setSuccessorOpen(false);
      void client.invalidateQueries({ queryKey: standardsKeys.documents });
      navigate(`/standards/versions/${encodeURIComponent(created.id)}${version.isProfile ? '/profile' : ''}`);
    },
  });
  const next = NEXT_STATUS[version.status];

  return (
    <Stack gap="sm">
      <Group gap="sm">
        <Button component="a" href={standardsPaths.exportOscal(version.id)} download variant="default" size="sm" data-testid="export-oscal">
          {t('standards.export.oscal')}
        </Button>
        <Button component="a" href={standardsPaths.exportXlsx(version.id)} download variant="default" size="sm" data-testid="export-xlsx">
          {t('standards.export.xlsx')}
        </Button>
        {isOwner && !isDraft && version.status !== 'superseded' && (
          <Button
            variant="light"
            size="sm"
            onClick={() => {
              setLabel(t('standards.newDraft.defaultLabel', { label: version.label }));
              setSuccessorOpen(true);
            }}
            data-testid="new-draft-button"
          >
            {t('standards.actions.newDraft')}
          </Button>
        )}
        {isOwner && isDraft && (
          <Button variant="light" color="teal" size="sm" onClick={() => consultation.mutate(!version.consultationOpen)} loading={consultation.isPending} data-testid="consultation-toggle">
            {version.consultationOpen ? t('standards.actions.closeConsultation') : t('standards.actions.openConsultation')}
          </Button>
        )}
        {isOwner && next && (
          <Button
            size="sm"
            color={next === 'published' ? 'blue' : 'green'}
            onClick={() => {
              move.reset();
              setConfirm(next);
              setConfirmOpen(true);
            }}
            data-testid={next === 'published' ? 'publish-button' : 'in-force-button'}
          >
            {next === 'published' ? t('standards.actions.publish') : t('standards.actions.bringIntoForce')}
          </Button>
        )}
      </Group>
      {consultation.isError && <ErrorAlert error={consultation.error} title={t('standards.actions.failed')} />}
      {move.isError && <MoveError error={move.error} version={version} />}
      {me.role !== 'admin' && me.activeOrganisationId === version.document.ownerOrganisationId && (
        <Text size="xs" c="dimmed">
          {t('standards.actions.adminOnly')}
        </Text>
      )}

      <Modal opened={successorOpen} onClose={() => setSuccessorOpen(false)} title={t('standards.newDraft.title')}>
        <Stack>
          <Text size="sm">{t('standards.newDraft.description')}</Text>
          <TextInput label={t('standards.newDraft.label')} value={label} onChange={(e) => setLabel(e.currentTarget.value)} required data-testid="new-draft-label" />
          {successor.isError && <ErrorAlert error={successor.error} title={t('standards.actions.failed')} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setSuccessorOpen(false)}>
              {t('standards.actions.cancel')}
            </Button>
            <Button onClick={() => successor.mutate()} loading={successor.isPending} disabled={!label.trim()} data-testid="new-draft-create">
              {t('standards.newDraft.create')}
            </Button>
          </Group>
        </Stack>
      </Modal>

      <Modal opened={confirmOpen} onClose={() => setConfirmOpen(false)} title={confirm === 'published' ? t('standards.actions.publish') : t('standards.actions.bringIntoForce')}>
        <Stack>
          <Text size="sm">{confirm === 'published' ? t('standards.actions.publishConfirm') : t('standards.actions.inForceConfirm')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmOpen(false)}>
              {t('standards.actions.cancel')}
            </Button>
            <Button onClick={() => move.mutate(confirm)} loading={move.isPending} data-testid="publish-confirm">
              {confirm === 'published' ? t('standards.actions.publish') : t('standards.actions.bringIntoForce')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

const DEVIATION_MESSAGE = /^(.+?) (dropped|weakened_strength|weakened_parameter)(?: \(tier ([^)]+)\))?: (.*)$/;

/**
 * Why the server refused the transition. For `standards.unexcused_deviation` the problem's errors[] name each
 * deviation as `NUMBER KIND (tier TIER): DETAIL`; they are shown in words with the requirement's title.
 */
function MoveError({ error, version }: { error: unknown; version: StandardVersion }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const tiers = useTiers();
  const baseId = version.profile?.imports[0]?.versionId;
  const baseNodes = useNodes(isApiError(error) && error.code === 'standards.unexcused_deviation' ? baseId : undefined);
  if (!isApiError(error) || error.code !== 'standards.unexcused_deviation') {
    return (
      <Alert color="red" variant="light" title={t('standards.publishError.title')} role="alert" data-testid="publish-error">
        {problemMessage(t, error)}
      </Alert>
    );
  }
  const byNumber = new Map<string, RequirementNode>((baseNodes.data ?? []).map((n) => [n.number, n]));
  return (
    <Alert color="red" variant="filled" title={t('standards.publishError.title')} role="alert" data-testid="publish-error" data-code={error.code}>
      <Text size="sm">{t('standards.publishError.unexcused', { n: error.errors.length })}</Text>
      <List size="sm" mt="xs" data-testid="publish-error-items">
        {error.errors.map((e) => {
          const m = DEVIATION_MESSAGE.exec(e.message);
          if (!m) return <List.Item key={e.path}>{e.message}</List.Item>;
          const [, number, kind, tierId, detail] = m;
          const node = byNumber.get(number!);
          const paramLabel = (id: string) => {
            const p = node?.parameters.find((x) => x.id === id);
            return p ? pick(p.label, locale) : id;
          };
          return (
            <List.Item key={e.path} data-testid="publish-error-item" data-number={number}>
              {t('standards.publishError.item', {
                number,
                title: node ? pick(node.title, locale) : '',
                kind: deviationKindLabel(t, kind!),
                detail: describeDeviationDetail(t, detail!, paramLabel),
              })}
              {tierId && ` ${t('standards.publishError.tier', { tier: tierLabel(tierId, tiers.data ?? [], locale, tierId) })}`}
            </List.Item>
          );
        })}
      </List>
      <Text size="sm" mt="xs">
        {t('standards.publishError.hint')}
      </Text>
    </Alert>
  );
}

function CommentsPanel({ version, canAnswer }: { version: StandardVersion; canAnswer: boolean }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const comments = useComments(version.id, true);
  const nodes = useNodes(version.id);
  const byId = new Map((nodes.data ?? []).map((n) => [n.id, n]));
  if (comments.isPending) return <PageLoader />;
  if (comments.isError) return <ErrorAlert error={comments.error} onRetry={() => void comments.refetch()} />;
  return (
    <Stack gap="sm" data-testid="comments-panel">
      <Text size="sm" c="dimmed">
        {version.consultationOpen ? t('standards.comments.openHint') : t('standards.comments.closedHint')}
      </Text>
      {comments.data.length === 0 ? (
        <Text c="dimmed">{t('standards.comments.none')}</Text>
      ) : (
        comments.data.map((c) => {
          const node = byId.get(c.nodeId);
          return (
            <CommentItem
              key={c.id}
              comment={c}
              versionId={version.id}
              canAnswer={canAnswer}
              heading={
                <Text size="sm" fw={600} mb={4}>
                  {node ? `${node.number} ${pick(node.title, locale)}` : c.nodeId}
                </Text>
              }
            />
          );
        })
      )}
    </Stack>
  );
}
