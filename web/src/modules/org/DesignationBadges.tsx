import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Organisation } from '../../api/types';

export function DesignationBadges({ org, showNone = false }: { org: Organisation; showNone?: boolean }) {
  const { t } = useTranslation();
  if (!org.esDesignated && !org.acdDesignated) {
    return showNone ? <Text size="sm" c="dimmed">{t('common.none')}</Text> : null;
  }
  return (
    <Group gap={4}>
      {org.esDesignated && (
        <Badge variant="light" color="indigo" size="sm" tt="none" data-testid="flag-es">
          {t('org.esDesignated')}
        </Badge>
      )}
      {org.acdDesignated && (
        <Badge variant="light" color="grape" size="sm" tt="none" data-testid="flag-acd">
          {t('org.acdDesignated')}
        </Badge>
      )}
    </Group>
  );
}
