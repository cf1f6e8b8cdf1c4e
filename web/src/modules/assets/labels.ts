import { useTranslation } from 'react-i18next';
import { DEVICE_ROLES, REACHABILITY, type DeviceRole, type Reachability } from './types';

/** Role and reachability names and the import's column headings in the reader's language. */
export function useAssetLabels() {
  const { t, i18n } = useTranslation();
  const roleName = (role: DeviceRole) => t(`assets.role.${role}`);
  const reachName = (r: Reachability) => t(`assets.reach.${r}`);
  return {
    roleName,
    reachName,
    roleOptions: DEVICE_ROLES.map((r) => ({ value: r, label: roleName(r) })),
    reachOptions: REACHABILITY.map((r) => ({ value: r, label: reachName(r) })),
    /** `rows[4].last_patched` names the file column `last_patched`; API paths name `lastPatched`. */
    columnLabel: (column: string) => {
      const key = `assets.column.${column.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`).replace(/\.\d+$/, '')}`;
      return i18n.exists(key) ? t(key as never) : column;
    },
  };
}
