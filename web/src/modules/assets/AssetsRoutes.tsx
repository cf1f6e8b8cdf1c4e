import { Route, Routes } from 'react-router';
import type { Me } from '../../api/types';
import { NotFoundPage } from '../../components/StatusPages';
import { DevicesPage } from './DevicesPage';

/** `/assets/*`, loaded on first visit: the device inventory. */
export default function AssetsRoutes({ me }: { me: Me }) {
  return (
    <Routes>
      <Route index element={<DevicesPage me={me} />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
