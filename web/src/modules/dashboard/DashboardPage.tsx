import { Badge, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { useOrganisation } from '../../api/queries';
import type { Me } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DesignationBadges } from '../org/DesignationBadges';
import { useOrgLabels } from '../org/labels';

export function DashboardPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const membership = me.memberships.find((m) => m.organisationId === me.activeOrganisationId);
  const organisation = useOrganisation(me.activeOrganisationId);
  const { sectorName, organisationName } = useOrgLabels();

  const name = organisation.data ? organisationName(organisation.data) : membership?.organisationName;
  const kind = organisation.data?.kind ?? membership?.organisationKind;

  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          {t('dashboard.title')}
        </Title>
        <Text c="dimmed">{t('dashboard.welcome', { name: me.user.displayName || me.user.email })}</Text>
      </div>

      <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="acting-org" data-testid="acting-organisation">
        <Title order={2} size="h4" mb="md" id="acting-org">
          {t('dashboard.actingOrganisation')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <div>
            <Text size="xs" c="dimmed" fw={600}>
              {t('dashboard.name')}
            </Text>
            <Text size="lg" fw={600} data-testid="acting-organisation-name">
              {name}
            </Text>
            {organisation.data && <DesignationBadges org={organisation.data} />}
          </div>
          <div>
            <Text size="xs" c="dimmed" fw={600}>
              {t('dashboard.kind')}
            </Text>
            <Text data-testid="acting-organisation-kind">{kind ? t(`kinds.${kind}`) : null}</Text>
          </div>
          <div>
            <Text size="xs" c="dimmed" fw={600}>
              {t('dashboard.sectors')}
            </Text>
            {organisation.isPending ? (
              <Skeleton height={24} width={200} />
            ) : organisation.data ? (
              organisation.data.sectors.length === 0 ? (
                <Text c="dimmed">{t('dashboard.noSectors')}</Text>
              ) : (
                <Group gap={4} data-testid="acting-organisation-sectors">
                  {organisation.data.sectors.map((s) => (
                    <Badge key={s} variant="outline" color="gray" tt="none">
                      {sectorName(s)}
                    </Badge>
                  ))}
                </Group>
              )
            ) : null}
          </div>
          <div>
            <Text size="xs" c="dimmed" fw={600}>
              {t('dashboard.yourRole')}
            </Text>
            <Text data-testid="user-role">{t(`roles.${me.role}`)}</Text>
          </div>
        </SimpleGrid>
        {organisation.isError && !isApiError(organisation.error, 403) && (
          <ErrorAlert error={organisation.error} onRetry={() => void organisation.refetch()} />
        )}
      </Paper>
    </Stack>
  );
}
