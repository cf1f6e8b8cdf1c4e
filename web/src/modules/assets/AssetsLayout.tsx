import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import type { Me } from '../../api/types';
import { isGovernment } from '../services/scope';

export type AssetTab = 'devices' | 'exceptions' | 'plans' | 'overview';

const TAB_PATHS: Readonly<Record<AssetTab, string>> = {
  devices: '/assets',
  exceptions: '/assets/exceptions',
  plans: '/assets/plans',
  overview: '/assets/overview',
};

/** The per-sector overview is the ministries' and the NCO's. */
export function assetTabs(me: Me): AssetTab[] {
  return isGovernment(me) ? ['devices', 'exceptions', 'plans', 'overview'] : ['devices', 'exceptions', 'plans'];
}

function tabOf(pathname: string): AssetTab {
  const rest = pathname.replace(/^\/assets\/?/, '').split('/')[0] ?? '';
  return rest === 'exceptions' || rest === 'plans' || rest === 'overview' ? rest : 'devices';
}

/** `/assets/*`: one tab per view of the inventory, then the view. */
export function AssetsLayout({ me }: { me: Me }) {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <>
      <Tabs value={tabOf(location.pathname)} onChange={(v) => v && navigate(TAB_PATHS[v as AssetTab])} keepMounted={false} mb="md">
        <Tabs.List>
          {assetTabs(me).map((tab) => (
            <Tabs.Tab key={tab} value={tab} data-testid={`assets-tab-${tab}`}>
              {t(`assets.tab.${tab}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Outlet />
    </>
  );
}
