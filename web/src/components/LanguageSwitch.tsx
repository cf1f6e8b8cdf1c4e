import { Group, SegmentedControl, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { queryKeys, useMe } from '../api/queries';
import type { Locale, Me } from '../api/types';
import { currentLocale, isLocale, storeLocale } from '../i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const me = useMe().data;
  const save = useMutation({
    mutationFn: (locale: Locale) => api.patch<Me>('/api/v1/auth/me', { locale }),
    onSuccess: (updated) => queryClient.setQueryData(queryKeys.me, updated),
  });

  const onChange = (value: string) => {
    if (!isLocale(value)) return;
    void i18n.changeLanguage(value);
    storeLocale(value);
    if (me) save.mutate(value);
  };

  return (
    <Group gap="xs" wrap="nowrap">
      <SegmentedControl
        data-testid="lang-switch"
        aria-label={t('language.label')}
        size="xs"
        value={currentLocale()}
        onChange={onChange}
        data={[
          { value: 'ja', label: <span data-testid="lang-switch-ja">{t('language.ja')}</span> },
          { value: 'en', label: <span data-testid="lang-switch-en">{t('language.en')}</span> },
        ]}
      />
      {save.isError && (
        <Text size="xs" c="red" role="alert" maw={220}>
          {t('language.saveFailed')}
        </Text>
      )}
    </Group>
  );
}
