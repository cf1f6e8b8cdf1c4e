import { Alert, Button, Group, List, MultiSelect, Select, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n';
import { useServices } from '../services/api';
import { firstError } from '../services/FieldErrors';
import { pickText } from '../services/format';
import { isModuleProblem, type ProblemDetail } from '../services/http';
import { detailText, errorsAt, problemText, unplacedErrors } from '../services/problems';
import { useTranslator } from '../services/useTranslator';
import { devicesApi } from './api';
import { useAssetLabels } from './labels';
import type { Device, DeviceInput, DeviceRole, Reachability } from './types';

interface Draft {
  assetId: string;
  vendor: string;
  product: string;
  version: string;
  cpe: string;
  role: DeviceRole;
  zone: string;
  internetReachable: Reachability;
  closedNetwork: boolean;
  installDate: string;
  lastPatched: string;
  endOfSupport: string;
  owner: string;
  serviceIds: string[];
}

export function draftOf(device: Device | null): Draft {
  return {
    assetId: device?.assetId ?? '',
    vendor: device?.vendor ?? '',
    product: device?.product ?? '',
    version: device?.version ?? '',
    cpe: device?.cpe ?? '',
    role: device?.role ?? 'other',
    zone: device?.zone ?? '',
    internetReachable: device?.internetReachable ?? 'unknown',
    closedNetwork: device?.closedNetwork ?? false,
    installDate: device?.installDate ?? '',
    lastPatched: device?.lastPatched ?? '',
    endOfSupport: device?.endOfSupport ?? '',
    owner: device?.owner ?? '',
    serviceIds: device?.serviceIds ?? [],
  };
}

const blankToNull = (v: string) => (v.trim() === '' ? null : v.trim());

/** The body sent: blank optional texts as null (the CPE is then derived by the server); required ones as typed, so the server names them. */
export function toInput(d: Draft): DeviceInput {
  return {
    assetId: d.assetId.trim(),
    vendor: d.vendor.trim(),
    product: d.product.trim(),
    version: d.version.trim(),
    cpe: blankToNull(d.cpe),
    role: d.role,
    zone: blankToNull(d.zone),
    internetReachable: d.internetReachable,
    closedNetwork: d.closedNetwork,
    installDate: blankToNull(d.installDate),
    lastPatched: blankToNull(d.lastPatched),
    endOfSupport: blankToNull(d.endOfSupport),
    owner: blankToNull(d.owner),
    serviceIds: d.serviceIds,
  };
}

const PLACED = ['assetId', 'vendor', 'product', 'version', 'cpe', 'role', 'zone', 'internetReachable', 'closedNetwork', 'installDate', 'lastPatched', 'endOfSupport', 'owner', 'serviceIds'];

/** Record or change one device; the server's field errors appear at their fields. */
export function DeviceForm({ device, onDone, onCancel }: { device: Device | null; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const locale = currentLocale();
  const { roleOptions, reachOptions } = useAssetLabels();
  const services = useServices();
  const [draft, setDraft] = useState<Draft>(() => draftOf(device));
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const save = useMutation({
    mutationFn: () => (device ? devicesApi.update(device.id, toInput(draft)) : devicesApi.create(toInput(draft))),
    onSuccess: () => onDone(),
  });
  const details: ProblemDetail[] = isModuleProblem(save.error) ? save.error.details : [];
  const err = (path: string) => firstError(errorsAt(details, path), tr);
  const unplaced = unplacedErrors(details, PLACED);
  const text = (key: 'assetId' | 'vendor' | 'product' | 'version' | 'cpe' | 'zone' | 'owner', required = false) => (
    <TextInput
      label={t(`assets.field.${key}`)}
      withAsterisk={required}
      value={draft[key]}
      onChange={(e) => set(key, e.currentTarget.value)}
      error={err(key)}
      data-testid={`device-${key}`}
    />
  );
  const date = (key: 'installDate' | 'lastPatched' | 'endOfSupport') => (
    <TextInput
      type="date"
      label={t(`assets.field.${key}`)}
      value={draft[key]}
      onChange={(e) => set(key, e.currentTarget.value)}
      error={err(key)}
      data-testid={`device-${key}`}
    />
  );

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
      data-testid="device-form"
    >
      <Stack>
        {save.isError && (
          <Alert color="red" variant="light" role="alert" title={t('assets.form.saveFailed')} data-testid="device-form-error">
            {problemText(tr, save.error, details.length, t('errors.generic'))}
            {unplaced.length > 0 && (
              <List size="sm" mt="xs">
                {unplaced.map((d, i) => (
                  <List.Item key={`${d.path}-${i}`}>{detailText(tr, d)}</List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {text('assetId', true)}
          {text('vendor', true)}
          {text('product', true)}
          {text('version', true)}
          <Select label={t('assets.field.role')} data={roleOptions} value={draft.role} onChange={(v) => v && set('role', v as DeviceRole)} error={err('role')} allowDeselect={false} data-testid="device-role" />
          {text('zone')}
          <Select
            label={t('assets.field.internetReachable')}
            data={reachOptions}
            value={draft.internetReachable}
            onChange={(v) => v && set('internetReachable', v as Reachability)}
            error={err('internetReachable')}
            allowDeselect={false}
            data-testid="device-internetReachable"
          />
          <Switch
            mt="xl"
            label={t('assets.field.closedNetwork')}
            checked={draft.closedNetwork}
            onChange={(e) => set('closedNetwork', e.currentTarget.checked)}
            error={err('closedNetwork')}
            data-testid="device-closedNetwork"
          />
          {date('installDate')}
          {date('lastPatched')}
          {date('endOfSupport')}
          {text('owner')}
        </SimpleGrid>
        <TextInput
          label={t('assets.field.cpe')}
          description={t('assets.form.cpeHelp')}
          value={draft.cpe}
          onChange={(e) => set('cpe', e.currentTarget.value)}
          error={err('cpe')}
          data-testid="device-cpe"
        />
        <MultiSelect
          label={t('assets.field.serviceIds')}
          data={(services.data ?? []).map((s) => ({ value: s.id, label: pickText(s.name, locale) }))}
          value={draft.serviceIds}
          onChange={(v) => set('serviceIds', v)}
          error={err('serviceIds')}
          searchable
          clearable
          data-testid="device-serviceIds"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('ciCommon.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="device-save">
            {t('ciCommon.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
