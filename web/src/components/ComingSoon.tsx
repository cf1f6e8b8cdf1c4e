import { Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export type PlannedModule =
  | 'standards'
  | 'obligations'
  | 'services'
  | 'dependencies'
  | 'assessments'
  | 'assets'
  | 'risk'
  | 'sharing'
  | 'incidents'
  | 'reports';

export function ComingSoonPage({ module }: { module: PlannedModule }) {
  const { t } = useTranslation();
  return (
    <Stack gap="lg" data-testid="coming-soon">
      <Title order={1} size="h2">
        {t(`nav.${module}`)}
      </Title>
      <Paper withBorder p="xl" radius="md">
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('comingSoon.title')}
          </Title>
          <Text c="dimmed">{t('comingSoon.description')}</Text>
          <Text size="sm" fw={600} mt="sm">
            {t('comingSoon.plannedScope')}
          </Text>
          <Text size="sm">{t(`modules.${module}`)}</Text>
        </Stack>
      </Paper>
    </Stack>
  );
}
