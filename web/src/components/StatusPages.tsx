import { Button, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

function StatusPage({ testId, code, title, description }: { testId: string; code: string; title: string; description: string }) {
  const { t } = useTranslation();
  return (
    <Stack data-testid={testId} align="center" ta="center" py={64} gap="md" maw={560} mx="auto">
      <ThemeIcon size={56} radius="xl" variant="light" color="gray" aria-hidden>
        <Text fw={700}>{code}</Text>
      </ThemeIcon>
      <Title order={1} size="h2">
        {title}
      </Title>
      <Text c="dimmed">{description}</Text>
      <Button component={Link} to="/" variant="light">
        {t('forbidden.back')}
      </Button>
    </Stack>
  );
}

export function ForbiddenPage() {
  const { t } = useTranslation();
  return <StatusPage testId="forbidden" code="403" title={t('forbidden.title')} description={t('forbidden.description')} />;
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return <StatusPage testId="not-found" code="404" title={t('notFound.title')} description={t('notFound.description')} />;
}
