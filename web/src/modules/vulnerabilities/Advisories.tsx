import { Alert, Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../components/DateTime';
import { markAdvisoryRead, useUnreadAdvisories } from './exposureApi';

/** Unread advisories of the operator: a newly imported CVE or KEV entry affects some of its devices (S13). */
export function Advisories() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const advisories = useUnreadAdvisories(true);
  const read = useMutation({
    mutationFn: markAdvisoryRead,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['vulnerabilities', 'advisories'] }),
  });
  const items = advisories.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Alert color="orange" variant="light" title={t('vulns.advisories.title', { n: advisories.data?.total ?? items.length })} data-testid="advisories">
      <Stack gap={4}>
        {items.map((a) => (
          <Group key={a.id} gap="xs" data-testid="advisory" data-cve={a.cveId}>
            <Text size="sm" ff="monospace">
              {a.cveId}
            </Text>
            {a.kev && (
              <Badge color="red" size="xs">
                {t('vulns.kevBadge')}
              </Badge>
            )}
            <Text size="sm">{t('vulns.advisories.devices', { n: a.devices })}</Text>
            <Text size="xs" c="dimmed">
              <DateTime iso={a.createdAt} />
            </Text>
            <Anchor component="button" size="xs" onClick={() => read.mutate(a.id)} data-testid="advisory-read">
              {t('vulns.advisories.markRead')}
            </Anchor>
          </Group>
        ))}
      </Stack>
    </Alert>
  );
}
