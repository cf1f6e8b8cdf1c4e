import { Route, Routes } from 'react-router';
import { ComingSoonPage, type PlannedModule } from './components/ComingSoon';
import { NotFoundPage } from './components/StatusPages';
import { AuditPage } from './modules/audit/AuditPage';
import { LocaleSync } from './modules/auth/LocaleSync';
import { LoginPage } from './modules/auth/LoginPage';
import { RequireAuth } from './modules/auth/RequireAuth';
import { DashboardPage } from './modules/dashboard/DashboardPage';
import { OrganisationDetailPage } from './modules/org/OrganisationDetailPage';
import { OrganisationsPage } from './modules/org/OrganisationsPage';
import { AppLayout } from './shell/AppLayout';

const PLANNED_MODULES: readonly PlannedModule[] = [
  'standards',
  'obligations',
  'services',
  'dependencies',
  'assessments',
  'assets',
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
