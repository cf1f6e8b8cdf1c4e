import { lazy, Suspense } from 'react';
import { PageLoader } from '../../components/PageLoader';

// The charts (ECharts) load with the dashboard, not with the rest of the app.
const DashboardView = lazy(() => import('./DashboardView').then((m) => ({ default: m.DashboardView })));

/** The campaign dashboard for /assessments/:campaignId/dashboard (reads `campaignId` from the route). */
export function DashboardPage() {
  return (
    <Suspense fallback={<PageLoader />}>
      <DashboardView />
    </Suspense>
  );
}
