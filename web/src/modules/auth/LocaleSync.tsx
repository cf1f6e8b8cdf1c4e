import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/queries';
import { isLocale, storeLocale } from '../../i18n';

/**
 * Applies the signed-in user's saved locale once per sign-in: the server-side preference wins over
 * the one kept in this browser. Later switches are sent to the server by the language switch itself.
 */
export function LocaleSync() {
  const { i18n } = useTranslation();
  const me = useMe().data;
  const appliedFor = useRef<string | null>(null);

  useEffect(() => {
    if (!me) {
      appliedFor.current = null;
      return;
    }
    if (appliedFor.current === me.user.id) return;
    appliedFor.current = me.user.id;
    const saved = me.user.locale;
    if (isLocale(saved)) {
      storeLocale(saved);
      if (i18n.language !== saved) void i18n.changeLanguage(saved);
    }
  }, [me, i18n]);

  return null;
}
