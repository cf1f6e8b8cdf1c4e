import { Alert, Button, Group, List, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n';
import { useOrgLabels } from '../org/labels';
import { firstError } from '../services/FieldErrors';
import { isModuleProblem, type ProblemDetail } from '../services/http';
import { detailText, errorsAt, problemText, unplacedErrors } from '../services/problems';
import { useTranslator } from '../services/useTranslator';
import { dependenciesApi } from './api';
import { providerDraft, providerDraftProblems, providerInput, type ProviderDraft } from './records';
import { PROVIDER_TYPES, type Provider, type ProviderType } from './types';

/** Fields the form shows errors at; anything else is listed above it. */
const PLACED = ['name.ja', 'name.en', 'name', 'providerType', 'prefectures', 'annualFailureProbability'];

interface ProviderFormProps {
  provider: Provider | null;
  onDone: (saved: Provider) => void;
  onCancel: () => void;
}

/** Register or change one provider of the registry; the server's field errors appear next to their fields. */
export function ProviderForm({ provider, onDone, onCancel }: ProviderFormProps) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const locale = currentLocale();
  const { prefectures } = useOrgLabels();
  const [draft, setDraft] = useState<ProviderDraft>(() => providerDraft(provider));
  const [missing, setMissing] = useState<ProblemDetail[]>([]);
  const set = <K extends keyof ProviderDraft>(key: K, value: ProviderDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const save = useMutation({
    mutationFn: () => {
      const input = providerInput(draft);
      return provider ? dependenciesApi.updateProvider(provider.id, input) : dependenciesApi.createProvider(input);
    },
    onSuccess: (saved) => onDone(saved),
  });
  const details: ProblemDetail[] = missing.length > 0 ? missing : isModuleProblem(save.error) ? save.error.details : [];
  const err = (path: string) => firstError(errorsAt(details, path), tr);
  const unplaced = unplacedErrors(details, PLACED);

  const typeOptions = PROVIDER_TYPES.map((type) => ({ value: type, label: t(`dependencies.providerType.${type}`) }));
  const prefectureOptions = (prefectures.data ?? []).map((p) => ({ value: p.code, label: `${p.code} ${locale === 'en' ? p.nameEn : p.nameJa}` }));
  // Every prefecture index error (prefectures.2) belongs to the one picker.
  const prefectureError = errorsAt(details, 'prefectures').map((d) => detailText(tr, d)).join(' ');

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const problems = providerDraftProblems(draft);
        setMissing(problems);
        if (problems.length === 0) save.mutate();
      }}
      data-testid="provider-form"
      noValidate
    >
      <Stack gap="md">
        {missing.length === 0 && save.isError && (
          <Alert color="red" variant="light" role="alert" title={t('dependencies.recordForm.refused')} data-testid="provider-form-error">
            <Text size="sm">{problemText(tr, save.error, details.length, t('errors.generic'))}</Text>
            {details.length > 0 && <Text size="sm">{t('dependencies.recordForm.problems')}</Text>}
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
          <TextInput label={t('dependencies.recordForm.nameJa')} value={draft.nameJa} onChange={(e) => set('nameJa', e.currentTarget.value)} error={err('name.ja')} required data-testid="provider-name-ja" />
          <TextInput label={t('dependencies.recordForm.nameEn')} value={draft.nameEn} onChange={(e) => set('nameEn', e.currentTarget.value)} error={err('name.en')} data-testid="provider-name-en" />
          <Select
            label={t('dependencies.recordForm.providerType')}
            data={typeOptions}
            value={draft.providerType}
            onChange={(v) => set('providerType', v as ProviderType | null)}
            error={err('providerType')}
            required
            data-testid="provider-type"
          />
          <NumberInput
            label={t('dependencies.recordForm.annualFailure')}
            description={t('dependencies.recordForm.annualFailureHint')}
            value={draft.annualFailureProbability}
            onChange={(v) => set('annualFailureProbability', v === '' ? '' : Number(v))}
            min={0}
            max={1}
            step={0.01}
            decimalScale={4}
            error={err('annualFailureProbability')}
            data-testid="provider-probability"
          />
        </SimpleGrid>
        <MultiSelect
          label={t('dependencies.recordForm.prefectures')}
          description={t('dependencies.recordForm.prefecturesHint')}
          data={prefectureOptions}
          value={draft.prefectures}
          onChange={(v) => set('prefectures', v)}
          error={prefectureError || undefined}
          searchable
          clearable
          data-testid="provider-prefectures"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>{t('ciCommon.cancel')}</Button>
          <Button type="submit" loading={save.isPending} data-testid="provider-submit">
            {provider ? t('ciCommon.save') : t('dependencies.recordForm.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
