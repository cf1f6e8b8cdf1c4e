import { Alert, Button, Group, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { problemMessage } from './errors';

interface ErrorAlertProps {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}

export function ErrorAlert({ error, title, onRetry }: ErrorAlertProps) {
  const { t } = useTranslation();
  const fieldErrors = isApiError(error) ? error.errors : [];
  return (
    <Alert color="red" variant="light" title={title ?? t('errors.loadFailed')} role="alert">
      <Text size="sm">{problemMessage(t, error)}</Text>
      {fieldErrors.length > 0 && (
        <List size="sm" mt="xs">
          {fieldErrors.map((e) => (
            <List.Item key={`${e.path}:${e.message}`}>
              {e.path ? `${e.path}: ${e.message}` : e.message}
            </List.Item>
          ))}
        </List>
      )}
      {onRetry && (
        <Group mt="sm">
          <Button size="xs" variant="outline" color="red" onClick={onRetry}>
            {t('errors.retry')}
          </Button>
        </Group>
      )}
    </Alert>
  );
}
