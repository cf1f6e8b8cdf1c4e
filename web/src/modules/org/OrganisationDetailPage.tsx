import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, isApiError } from '../../api/client';
import { queryKeys, useMe, useOrganisation } from '../../api/queries';
import type { Member, Organisation } from '../../api/types';
import { DateTime } from '../../components/DateTime';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader, TableSkeleton } from '../../components/PageLoader';
import { ForbiddenPage, NotFoundPage } from '../../components/StatusPages';
import { DesignationBadges } from './DesignationBadges';
import { FactsSection, TierSection } from './OperatorStanding';
import { useOrgLabels } from './labels';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <div>{children}</div>
    </div>
  );
}

export function OrganisationDetailPage() {
  const { id } = useParams();
  const organisation = useOrganisation(id);

  if (organisation.isPending) return <PageLoader />;
  if (isApiError(organisation.error, 403)) return <ForbiddenPage />;
  if (isApiError(organisation.error, 404)) return <NotFoundPage />;
  if (organisation.isError) {
    return <ErrorAlert error={organisation.error} onRetry={() => void organisation.refetch()} />;
  }
  return <OrganisationDetail org={organisation.data} />;
}

function OrganisationDetail({ org }: { org: Organisation }) {
  const { t } = useTranslation();
  const { sectorName, prefectureName } = useOrgLabels();
  const me = useMe().data;

  return (
    <Stack gap="lg" data-testid="org-detail">
      <div>
        <Anchor component={Link} to="/org" size="sm">
          {t('orgDetail.back')}
        </Anchor>
        <Title order={1} size="h2" mt="xs">
          {org.name}
        </Title>
        {org.nameEn && (
          <Text c="dimmed" lang="en">
            {org.nameEn}
          </Text>
        )}
      </div>

      <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="org-overview">
        <Title order={2} size="h4" mb="md" id="org-overview">
          {t('orgDetail.overview')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Field label={t('orgDetail.name')}>
            <Text>{org.name}</Text>
          </Field>
          <Field label={t('orgDetail.nameEn')}>
            <Text>{org.nameEn || t('common.none')}</Text>
          </Field>
          <Field label={t('orgDetail.kind')}>
            <Text>{t(`kinds.${org.kind}`)}</Text>
          </Field>
          <Field label={t('orgDetail.sectors')}>
            {org.sectors.length === 0 ? (
              <Text c="dimmed">{t('common.none')}</Text>
            ) : (
              <Group gap={4}>
                {org.sectors.map((s) => (
                  <Badge key={s} variant="outline" color="gray" tt="none">
                    {sectorName(s)}
                  </Badge>
                ))}
              </Group>
            )}
          </Field>
          <Field label={t('orgDetail.prefecture')}>
            <Text>{prefectureName(org.prefectureCode) ?? t('common.none')}</Text>
          </Field>
          <Field label={t('orgDetail.designations')}>
            <DesignationBadges org={org} showNone />
          </Field>
          <Field label={t('orgDetail.createdAt')}>
            <Text>
              <DateTime iso={org.createdAt} />
            </Text>
          </Field>
        </SimpleGrid>
      </Paper>

      {org.kind === 'operator' && me && (
        <>
          <TierSection org={org} me={me} />
          <FactsSection org={org} me={me} />
        </>
      )}

      <MembersSection organisationId={org.id} />
    </Stack>
  );
}

function MembersSection({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  const members = useQuery({
    queryKey: queryKeys.members(organisationId),
    queryFn: ({ signal }) =>
      api.get<Member[]>(`/api/v1/org/organisations/${encodeURIComponent(organisationId)}/members`, undefined, signal),
  });

  // Not being allowed to see the members is normal for most viewers: omit the section entirely.
  if (isApiError(members.error, 403)) return null;

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="org-members" data-testid="org-members">
      <Title order={2} size="h4" mb="md" id="org-members">
        {t('orgDetail.members')}
      </Title>
      {members.isPending ? (
        <TableSkeleton rows={3} />
      ) : members.isError ? (
        <ErrorAlert error={members.error} onRetry={() => void members.refetch()} />
      ) : members.data.length === 0 ? (
        <Text c="dimmed">{t('orgDetail.membersEmpty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('orgDetail.colDisplayName')}</Table.Th>
                <Table.Th scope="col">{t('orgDetail.colEmail')}</Table.Th>
                <Table.Th scope="col">{t('orgDetail.colRole')}</Table.Th>
                <Table.Th scope="col">{t('orgDetail.colExpiresAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {members.data.map((m) => (
                <Table.Tr key={m.userId} data-testid="member-row">
                  <Table.Td>{m.displayName}</Table.Td>
                  <Table.Td>{m.email}</Table.Td>
                  <Table.Td>{t(`roles.${m.role}`)}</Table.Td>
                  <Table.Td>{m.expiresAt ? <DateTime iso={m.expiresAt} /> : t('orgDetail.noExpiry')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
