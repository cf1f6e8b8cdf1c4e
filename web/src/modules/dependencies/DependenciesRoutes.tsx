import { Route, Routes } from 'react-router';
import type { Me } from '../../api/types';
import { NotFoundPage } from '../../components/StatusPages';
import { isGovernment } from '../services/scope';
import { DependenciesLayout } from './DependenciesLayout';
import { GraphPage } from './GraphPage';
import { RecordsPage } from './RecordsPage';
import { RiskPage } from './RiskPage';
import { ScenarioPage } from './ScenarioPage';
import { SpofPage } from './SpofPage';

/**
 * `/dependencies/*`, loaded on first visit: the graph view brings Cytoscape.js and the scenario view extra
 * chart types, which no other page needs.
 */
export default function DependenciesRoutes({ me }: { me: Me }) {
  return (
    <Routes>
      <Route element={<DependenciesLayout me={me} />}>
        <Route index element={<GraphPage />} />
        <Route path="scenario" element={<ScenarioPage />} />
        <Route path="spof" element={<SpofPage />} />
        {isGovernment(me) && <Route path="risk" element={<RiskPage />} />}
        <Route path="records" element={<RecordsPage me={me} />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
