import { Route, Routes } from 'react-router';
import type { Me } from '../../api/types';
import { NotFoundPage } from '../../components/StatusPages';
import { isGovernment } from '../services/scope';
import { AssetsLayout } from './AssetsLayout';
import { DevicesPage } from './DevicesPage';
import { ExceptionsPage } from './ExceptionsPage';
import { OverviewPage } from './OverviewPage';
import { PlansPage } from './PlansPage';

/** `/assets/*`, loaded on first visit: the device inventory, closed-network exceptions, replacement plans and the sector overview. */
export default function AssetsRoutes({ me }: { me: Me }) {
  return (
    <Routes>
      <Route element={<AssetsLayout me={me} />}>
        <Route index element={<DevicesPage me={me} />} />
        <Route path="exceptions" element={<ExceptionsPage me={me} />} />
        <Route path="plans" element={<PlansPage me={me} />} />
        {isGovernment(me) && <Route path="overview" element={<OverviewPage />} />}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
