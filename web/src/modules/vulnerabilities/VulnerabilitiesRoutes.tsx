import { Route, Routes } from 'react-router';
import type { Me } from '../../api/types';
import { NotFoundPage } from '../../components/StatusPages';
import { VulnerabilitiesPage } from './VulnerabilitiesPage';

/** `/vulnerabilities/*`, loaded on first visit: the CVE and KEV reference data. */
export default function VulnerabilitiesRoutes(_props: { me: Me }) {
  return (
    <Routes>
      <Route index element={<VulnerabilitiesPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
