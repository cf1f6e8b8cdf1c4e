import { Avatar, Button, Menu, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../api/client';
import { resetSessionCache } from '../api/queries';
import type { Me } from '../api/types';

function initials(name: string): string {
  return Array.from(name.trim()).slice(0, 2).join('').toUpperCase();
}

export function UserMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signOut = useMutation({
    mutationFn: () => api.post<void>('/api/v1/auth/logout'),
    onSuccess: () => {
      resetSessionCache(queryClient, null);
      void navigate('/login', { replace: true });
    },
  });

  return (
    <Menu position="bottom-end" withArrow shadow="md" width={260}>
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          px="xs"
          aria-label={t('header.userMenu')}
          data-testid="user-menu"
          leftSection={<Avatar size="sm" radius="xl" color="indigo">{initials(me.user.displayName || me.user.email)}</Avatar>}
        >
          <Text size="sm" visibleFrom="md" truncate maw={160}>
            {me.user.displayName}
          </Text>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('header.signedInAs')}</Menu.Label>
        <Menu.Item disabled>
          <Text size="sm" fw={600}>
            {me.user.displayName}
          </Text>
          <Text size="xs" c="dimmed">
            {me.user.email}
          </Text>
          <Text size="xs" c="dimmed">
            {t(`roles.${me.role}`)}
          </Text>
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item color="red" data-testid="sign-out" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
          {t('header.signOut')}
        </Menu.Item>
        {signOut.isError && (
          <Text size="xs" c="red" role="alert" px="sm" pb="xs">
            {t('header.signOutFailed')}
          </Text>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
