import { useParams } from 'react-router';

/** Campaign dashboard at /assessments/:campaignId/dashboard (being built out). */
export function DashboardPage() {
  const { campaignId } = useParams<{ campaignId: string }>();
  return <div data-testid="assessments-dashboard" data-campaign-id={campaignId} />;
}
