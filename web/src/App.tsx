import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { ComingSoonPage, type PlannedModule } from './components/ComingSoon';
import { PageLoader } from './components/PageLoader';
import { NotFoundPage } from './components/StatusPages';
import { CampaignPage } from './modules/assessments/CampaignPage';
import { CampaignsPage } from './modules/assessments/CampaignsPage';
import { QuestionnairePage } from './modules/assessments/QuestionnairePage';
import { AuditPage } from './modules/audit/AuditPage';
import { LocaleSync } from './modules/auth/LocaleSync';
import { LoginPage } from './modules/auth/LoginPage';
import { RequireAuth } from './modules/auth/RequireAuth';
import { DashboardPage } from './modules/dashboard/DashboardPage';
import { MyObligationsPage, OperatorObligationsPage } from './modules/obligations/ObligationsPage';
import { OrganisationDetailPage } from './modules/org/OrganisationDetailPage';
import { OrganisationsPage } from './modules/org/OrganisationsPage';
import { ExceptionsPage } from './modules/standards/ExceptionsPage';
import { StandardsPage } from './modules/standards/StandardsPage';
import { VersionPage } from './modules/standards/VersionPage';
import { AppLayout } from './shell/AppLayout';

// Loaded on first visit, not with the app: the dependency views bring Cytoscape.js and more chart types.
const DependenciesRoutes = lazy(() => import('./modules/dependencies/DependenciesRoutes'));
const ServicesPage = lazy(() => import('./modules/services/ServicesPage').then((m) => ({ default: m.ServicesPage })));
const DesignationPage = lazy(() => import('./modules/services/DesignationPage').then((m) => ({ default: m.DesignationPage })));
const AssetsRoutes = lazy(() => import('./modules/assets/AssetsRoutes'));
const VulnerabilitiesRoutes = lazy(() => import('./modules/vulnerabilities/VulnerabilitiesRoutes'));

const PLANNED_MODULES: readonly PlannedModule[] = [
  'risk',
  'sharing',
  'incidents',
  'reports',
];

export function App() {
  return (
    <>
      <LocaleSync />
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route
          path="*"
          element={
            <RequireAuth>
              {(me) => (
                <Routes>
                  <Route element={<AppLayout me={me} />}>
                    <Route index element={<DashboardPage me={me} />} />
                    <Route path="org" element={<OrganisationsPage />} />
                    <Route path="org/:id" element={<OrganisationDetailPage />} />
                    <Route path="audit" element={<AuditPage />} />
                    <Route path="standards" element={<StandardsPage me={me} />} />
                    <Route path="standards/exceptions" element={<ExceptionsPage me={me} />} />
                    <Route path="standards/versions/:versionId/:tab?" element={<VersionPage me={me} />} />
                    <Route path="obligations" element={<MyObligationsPage me={me} />} />
                    <Route path="obligations/:orgId" element={<OperatorObligationsPage />} />
                    <Route path="assessments" element={<CampaignsPage me={me} />} />
                    <Route path="assessments/:campaignId" element={<CampaignPage me={me} tab="operators" />} />
                    <Route path="assessments/:campaignId/dashboard" element={<CampaignPage me={me} tab="dashboard" />} />
                    <Route path="assessments/:campaignId/operators/:operatorId" element={<QuestionnairePage me={me} />} />
                    <Route
                      path="services"
                      element={
                        <Suspense fallback={<PageLoader />}>
                          <ServicesPage me={me} />
                        </Suspense>
                      }
                    />
                    <Route
                      path="services/designation"
                      element={
                        <Suspense fallback={<PageLoader />}>
                          <DesignationPage me={me} />
                        </Suspense>
                      }
                    />
                    <Route
                      path="dependencies/*"
                      element={
                        <Suspense fallback={<PageLoader />}>
                          <DependenciesRoutes me={me} />
                        </Suspense>
                      }
                    />
                    <Route
                      path="assets/*"
                      element={
                        <Suspense fallback={<PageLoader />}>
                          <AssetsRoutes me={me} />
                        </Suspense>
                      }
                    />
                    <Route
                      path="vulnerabilities/*"
                      element={
                        <Suspense fallback={<PageLoader />}>
                          <VulnerabilitiesRoutes me={me} />
                        </Suspense>
                      }
                    />
                    {PLANNED_MODULES.map((m) => (
                      <Route key={m} path={`${m}/*`} element={<ComingSoonPage module={m} />} />
                    ))}
                    <Route path="*" element={<NotFoundPage />} />
                  </Route>
                </Routes>
              )}
            </RequireAuth>
          }
        />
      </Routes>
    </>
  );
}
