import { Container } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { useMe } from '../../api/queries';
import type { Me } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';

export function RequireAuth({ children }: { children: (me: Me) => React.ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMe();

  if (me.isPending) return <PageLoader fullScreen />;
  if (me.isError) {
    return (
      <Container size="sm" py="xl">
        <ErrorAlert error={me.error} title={t('errors.loadFailed')} onRetry={() => void me.refetch()} />
      </Container>
    );
  }
  if (me.data === null) {
    return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  }
  return <>{children(me.data)}</>;
}
