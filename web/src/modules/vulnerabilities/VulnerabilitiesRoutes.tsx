import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Outlet, Route, Routes, useLocation, useNavigate } from 'react-router';
import type { Me } from '../../api/types';
import { NotFoundPage } from '../../components/StatusPages';
import { isGovernment } from '../services/scope';
import { BacklogPage } from './BacklogPage';
import { ExposurePage } from './ExposurePage';
import { SectorsPage } from './SectorsPage';
import { VulnerabilitiesPage } from './VulnerabilitiesPage';

type VulnTab = 'reference' | 'exposure' | 'backlog' | 'sectors';
const TAB_PATHS: Readonly<Record<VulnTab, string>> = { reference: '/vulnerabilities', exposure: '/vulnerabilities/exposure', backlog: '/vulnerabilities/backlog', sectors: '/vulnerabilities/sectors' };

function tabOf(pathname: string): VulnTab {
  const rest = pathname.replace(/^\/vulnerabilities\/?/, '').split('/')[0] ?? '';
  return rest === 'exposure' || rest === 'backlog' || rest === 'sectors' ? rest : 'reference';
}

/** Sharing bodies and providers have no devices: they read the reference data only. */
function tabsFor(me: Me): VulnTab[] {
  const kind = me.memberships.find((m) => m.organisationId === me.activeOrganisationId)?.organisationKind;
  if (isGovernment(me)) return ['reference', 'exposure', 'backlog', 'sectors'];
  return kind === 'operator' ? ['reference', 'exposure', 'backlog'] : ['reference'];
}

function Layout({ me }: { me: Me }) {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <>
      <Tabs value={tabOf(location.pathname)} onChange={(v) => v && navigate(TAB_PATHS[v as VulnTab])} keepMounted={false} mb="md">
        <Tabs.List>
          {tabsFor(me).map((tab) => (
            <Tabs.Tab key={tab} value={tab} data-testid={`vulns-tab-${tab}`}>
              {t(`vulns.tab.${tab}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Outlet />
    </>
  );
}

/** `/vulnerabilities/*`, loaded on first visit: CVE and KEV reference data, exposure of devices, per-sector counts. */
export default function VulnerabilitiesRoutes({ me }: { me: Me }) {
  const tabs = tabsFor(me);
  return (
    <Routes>
      <Route element={<Layout me={me} />}>
        <Route index element={<VulnerabilitiesPage />} />
        {tabs.includes('exposure') && <Route path="exposure" element={<ExposurePage me={me} />} />}
        {tabs.includes('backlog') && <Route path="backlog" element={<BacklogPage me={me} />} />}
        {tabs.includes('sectors') && <Route path="sectors" element={<SectorsPage />} />}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
