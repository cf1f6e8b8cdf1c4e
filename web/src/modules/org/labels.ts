import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { usePrefectures, useSectors } from '../../api/queries';
import type { Organisation } from '../../api/types';
import { currentLocale } from '../../i18n';

/** Lookup helpers that turn sector ids and prefecture codes into names in the current language. */
export function useOrgLabels() {
  useTranslation(); // re-render on language change
  const locale = currentLocale();
  const sectors = useSectors();
  const prefectures = usePrefectures();

  const sectorName = useCallback(
    (id: string) => {
      const sector = sectors.data?.find((s) => s.id === id);
      if (!sector) return id;
      return locale === 'en' ? sector.nameEn || sector.nameJa : sector.nameJa;
    },
    [sectors.data, locale],
  );

  const prefectureName = useCallback(
    (code: string | null) => {
      if (!code) return null;
      const prefecture = prefectures.data?.find((p) => p.code === code);
      if (!prefecture) return code;
      return locale === 'en' ? prefecture.nameEn || prefecture.nameJa : prefecture.nameJa;
    },
    [prefectures.data, locale],
  );

  const organisationName = useCallback(
    (org: Pick<Organisation, 'name' | 'nameEn'>) => (locale === 'en' && org.nameEn ? org.nameEn : org.name),
    [locale],
  );

  return { sectors, prefectures, sectorName, prefectureName, organisationName };
}
