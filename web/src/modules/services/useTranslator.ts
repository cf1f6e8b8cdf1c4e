import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n';
import type { Translator } from './problems';

/** The translation function, key lookup and locale the problem helpers need. */
export function useTranslator(): Translator {
  const { t, i18n } = useTranslation();
  const locale = currentLocale();
  return useMemo(() => ({ t, exists: (key: string) => i18n.exists(key), locale }), [t, i18n, locale]);
}
