import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n';
import { formatDateTimeJst } from '../i18n/format';

export function DateTime({ iso }: { iso: string | null | undefined }) {
  const { t } = useTranslation();
  if (!iso) return null;
  return (
    <time dateTime={iso}>
      {formatDateTimeJst(iso, currentLocale())} {t('common.timezone')}
    </time>
  );
}
