import { AppShell, Burger, Group, NavLink, ScrollArea, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import type { Me } from '../api/types';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { isActivePath, navItemsFor } from './nav';
import { OrgSwitcher } from './OrgSwitcher';
import { UserMenu } from './UserMenu';

export function AppLayout({ me }: { me: Me }) {
  const { t } = useTranslation();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure();

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <a href="#main" className="kaname-skip-link">
        {t('app.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} />
            <Link to="/" style={{ textDecoration: 'none', color: 'inherit' }}>
              <Title order={1} size="h3" style={{ whiteSpace: 'nowrap' }}>
                {t('app.name')}
              </Title>
            </Link>
            <Text size="xs" c="dimmed" visibleFrom="lg">
              {t('app.tagline')}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <OrgSwitcher me={me} />
            <LanguageSwitch />
            <UserMenu me={me} />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" component="nav" aria-label={t('nav.label')}>
        <AppShell.Section grow component={ScrollArea}>
          {navItemsFor(me.memberships.find((m) => m.organisationId === me.activeOrganisationId)?.organisationKind).map((item) => {
            const active = isActivePath(item.path, location.pathname);
            return (
              <NavLink
                key={item.key}
                component={Link}
                to={item.path}
                label={t(`nav.${item.key}`)}
                active={active}
                aria-current={active ? 'page' : undefined}
                data-testid={`nav-${item.key}`}
                onClick={close}
              />
            );
          })}
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main id="main" tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
