import { Select, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { queryKeys } from '../api/queries';
import type { Me } from '../api/types';

export function OrgSwitcher({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const switchOrg = useMutation({
    mutationFn: (organisationId: string) => api.post<Me>('/api/v1/auth/active-organisation', { organisationId }),
    onSuccess: async (updated) => {
      queryClient.setQueryData(queryKeys.me, updated);
      // Everything cached was computed for the previous acting organisation.
      await queryClient.invalidateQueries();
    },
  });

  const data = me.memberships.map((m) => ({
    value: m.organisationId,
    label: `${i18n.language === 'en' && m.organisationNameEn ? m.organisationNameEn : m.organisationName} (${t(`kinds.${m.organisationKind}`)})`,
  }));

  return (
    <div>
      <Select
        data-testid="org-switcher"
        aria-label={t('header.orgSwitcher')}
        placeholder={t('header.orgSwitcher')}
        data={data}
        value={me.activeOrganisationId}
        onChange={(value) => {
          if (value && value !== me.activeOrganisationId) switchOrg.mutate(value);
        }}
        allowDeselect={false}
        disabled={switchOrg.isPending}
        size="xs"
        w={{ base: 180, md: 300 }}
        comboboxProps={{ withinPortal: true }}
      />
      {switchOrg.isError && (
        <Text size="xs" c="red" role="alert">
          {t('header.orgSwitchFailed')}
        </Text>
      )}
    </div>
  );
}
