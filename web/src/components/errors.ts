import type { TFunction } from 'i18next';
import { isApiError } from '../api/client';

/** The message to show for a failed request: our own wording for known codes, the server's detail otherwise. */
export function problemMessage(t: TFunction, error: unknown): string {
  if (!isApiError(error)) return t('errors.generic');
  switch (error.code) {
    case 'auth.invalid_credentials':
      return t('errors.invalidCredentials');
    case 'auth.locked':
      return t('errors.locked');
    case 'forbidden':
      return t('errors.forbidden');
    case 'network_error':
      return t('errors.network');
  }
  if (error.status === 403) return t('errors.forbidden');
  if (error.status === 404) return t('errors.notFound');
  return error.detail || error.title || t('errors.generic');
}
