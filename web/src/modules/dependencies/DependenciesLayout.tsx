import { Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import type { Me } from '../../api/types';
import { isGovernment } from '../services/scope';

export type DependencyTab = 'graph' | 'scenario' | 'spof' | 'risk' | 'records';

const TAB_PATHS: Readonly<Record<DependencyTab, string>> = {
  graph: '/dependencies',
  scenario: '/dependencies/scenario',
  spof: '/dependencies/spof',
  risk: '/dependencies/risk',
  records: '/dependencies/records',
};

/** The tabs an organisation sees: the sector risk view is the ministries' and the NCO's (S8). */
export function dependencyTabs(me: Me): DependencyTab[] {
  return isGovernment(me) ? ['graph', 'scenario', 'spof', 'risk', 'records'] : ['graph', 'scenario', 'spof', 'records'];
}

function tabOf(pathname: string): DependencyTab {
  const rest = pathname.replace(/^\/dependencies\/?/, '').split('/')[0] ?? '';
  return rest === 'scenario' || rest === 'spof' || rest === 'risk' || rest === 'records' ? rest : 'graph';
}

/** `/dependencies/*`: the title, one tab per view of the visible dependency graph, and the view. */
export function DependenciesLayout({ me }: { me: Me }) {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const active = tabOf(location.pathname);
  const government = isGovernment(me);

  return (
    <Stack gap="md" data-testid="dependencies-page">
      <div>
        <Title order={1} size="h2">
          {t('dependencies.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t(government ? 'dependencies.descriptionGovernment' : 'dependencies.descriptionOperator')}
        </Text>
      </div>
      <Tabs value={active} onChange={(v) => v && navigate(TAB_PATHS[v as DependencyTab])} keepMounted={false}>
        <Tabs.List>
          {dependencyTabs(me).map((tab) => (
            <Tabs.Tab key={tab} value={tab} data-testid={`dependencies-tab-${tab}`}>
              {t(`dependencies.tab.${tab}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Outlet />
    </Stack>
  );
}
