import { ActionIcon, Alert, Button, Group, List, NumberInput, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrganisation } from '../../api/queries';
import { currentLocale } from '../../i18n';
import { useOrgLabels } from '../org/labels';
import { servicesApi } from './api';
import { FieldErrors, firstError } from './FieldErrors';
import { pickText } from './format';
import { isModuleProblem, type ProblemDetail } from './http';
import { detailText, errorsAt, problemText, unplacedErrors } from './problems';
import type { CiService, ServiceInput } from './types';
import { useTranslator } from './useTranslator';

type Num = number | '';

interface Draft {
  nameJa: string;
  nameEn: string;
  sector: string | null;
  type: string;
  peopleServed: Num;
  businessesServed: Num;
  prefectures: { prefectureCode: string | null; people: Num }[];
  substitutes: { serviceId: string | null; takeoverHours: Num }[];
  mtpdHours: Num;
  rtoHours: Num;
  rpoHours: Num;
  /** Percent in the form; the API takes a fraction. */
  rloPercent: Num;
  afterHour: Num;
  afterDay: Num;
  afterWeek: Num;
}

function draftOf(service: CiService | null): Draft {
  if (!service) {
    return {
      nameJa: '', nameEn: '', sector: null, type: '', peopleServed: '', businessesServed: 0,
      prefectures: [{ prefectureCode: null, people: '' }], substitutes: [],
      mtpdHours: '', rtoHours: '', rpoHours: '', rloPercent: 100, afterHour: '', afterDay: '', afterWeek: '',
    };
  }
  return {
    nameJa: service.name.ja, nameEn: service.name.en, sector: service.sector, type: service.type,
    peopleServed: service.peopleServed, businessesServed: service.businessesServed,
    prefectures: service.prefectures.map((p) => ({ prefectureCode: p.prefectureCode, people: p.people })),
    substitutes: service.substitutes.map((s) => ({ serviceId: s.serviceId, takeoverHours: s.takeoverHours })),
    mtpdHours: service.mtpdHours, rtoHours: service.rtoHours, rpoHours: service.rpoHours,
    rloPercent: Math.round(service.rlo * 1000) / 10,
    afterHour: service.impact.afterHour, afterDay: service.impact.afterDay, afterWeek: service.impact.afterWeek,
  };
}

/** Blank numbers go as null so the server names the field; nothing is guessed for the person. */
const num = (v: Num): number => (v === '' ? (null as unknown as number) : v);

function toInput(d: Draft): ServiceInput {
  return {
    name: { ja: d.nameJa.trim(), en: d.nameEn.trim() },
    sector: d.sector ?? '',
    type: d.type.trim(),
    peopleServed: num(d.peopleServed),
    businessesServed: num(d.businessesServed),
    prefectures: d.prefectures.map((p) => ({ prefectureCode: p.prefectureCode ?? '', people: num(p.people) })),
    substitutes: d.substitutes.map((s) => ({ serviceId: s.serviceId ?? '', takeoverHours: num(s.takeoverHours) })),
    mtpdHours: num(d.mtpdHours),
    rtoHours: num(d.rtoHours),
    rpoHours: num(d.rpoHours),
    rlo: d.rloPercent === '' ? (null as unknown as number) : d.rloPercent / 100,
    impact: { afterHour: num(d.afterHour), afterDay: num(d.afterDay), afterWeek: num(d.afterWeek) },
  };
}

/** Every field the form shows errors for; the rest are listed above the form. */
const PLACED = ['name.ja', 'name.en', 'name', 'sector', 'type', 'peopleServed', 'businessesServed', 'prefectures', 'substitutes', 'mtpdHours', 'rtoHours', 'rpoHours', 'rlo', 'impact'];

interface ServiceFormProps {
  operatorId: string;
  service: CiService | null;
  /** Other services of the operator's scope that could substitute this one. */
  others: readonly CiService[];
  onDone: (saved: CiService) => void;
  onCancel: () => void;
}

/** Create or edit one service; the server's field errors appear next to their fields. */
export function ServiceForm({ operatorId, service, others, onDone, onCancel }: ServiceFormProps) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const locale = currentLocale();
  const { sectors, prefectures, sectorName } = useOrgLabels();
  const operator = useOrganisation(operatorId);
  const [draft, setDraft] = useState<Draft>(() => draftOf(service));
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  // A new service of an operator in one sector belongs to that sector.
  const onlySector = operator.data?.sectors.length === 1 ? operator.data.sectors[0]! : null;
  useEffect(() => {
    if (onlySector) setDraft((d) => (d.sector === null ? { ...d, sector: onlySector } : d));
  }, [onlySector]);

  const save = useMutation({
    mutationFn: () => {
      const input = toInput(draft);
      return service ? servicesApi.update(service.id, input) : servicesApi.create(input);
    },
    onSuccess: (saved) => onDone(saved),
  });
  const details: ProblemDetail[] = isModuleProblem(save.error) ? save.error.details : [];
  const at = (path: string) => errorsAt(details, path);
  const err = (path: string) => firstError(at(path), tr);
  const unplaced = unplacedErrors(details, PLACED);

  // An operator's own sectors first: a service belongs to a sector the operator is in.
  const ownSectors = operator.data?.sectors ?? [];
  const sectorOptions = (sectors.data ?? [])
    .filter((s) => ownSectors.length === 0 || ownSectors.includes(s.id) || s.id === draft.sector)
    .map((s) => ({ value: s.id, label: sectorName(s.id) }));
  const prefectureOptions = (prefectures.data ?? []).map((p) => ({ value: p.code, label: `${p.code} ${locale === 'en' ? p.nameEn : p.nameJa}` }));
  const substituteOptions = others.filter((o) => o.id !== service?.id).map((o) => ({ value: o.id, label: pickText(o.name, locale) }));
  const numberProps = { min: 0, allowNegative: true, thousandSeparator: ',' } as const;

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
      data-testid="service-form"
      noValidate
    >
      <Stack gap="md">
        {save.isError && (
          <Alert color="red" variant="light" role="alert" title={t('services.form.refused')} data-testid="service-form-error">
            <Text size="sm">{problemText(tr, save.error, details.length, t('errors.generic'))}</Text>
            {details.length > 0 && <Text size="sm">{t('services.form.problems')}</Text>}
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
          <TextInput label={t('services.field.nameJa')} value={draft.nameJa} onChange={(e) => set('nameJa', e.currentTarget.value)} error={err('name.ja')} required data-testid="service-name-ja" />
          <TextInput label={t('services.field.nameEn')} value={draft.nameEn} onChange={(e) => set('nameEn', e.currentTarget.value)} error={err('name.en')} required data-testid="service-name-en" />
          <Select label={t('services.field.sector')} data={sectorOptions} value={draft.sector} onChange={(v) => set('sector', v)} error={err('sector')} searchable required data-testid="service-sector" />
          <TextInput label={t('services.field.type')} description={t('services.field.typeHint')} value={draft.type} onChange={(e) => set('type', e.currentTarget.value)} error={err('type')} required data-testid="service-type" />
          <NumberInput {...numberProps} label={t('services.field.peopleServed')} value={draft.peopleServed} onChange={(v) => set('peopleServed', v === '' ? '' : Number(v))} error={err('peopleServed')} required data-testid="service-people" />
          <NumberInput {...numberProps} label={t('services.field.businessesServed')} value={draft.businessesServed} onChange={(v) => set('businessesServed', v === '' ? '' : Number(v))} error={err('businessesServed')} data-testid="service-businesses" />
        </SimpleGrid>

        <Paper withBorder p="sm" radius="sm">
          <Title order={3} size="h6" mb="xs">{t('services.field.prefectures')}</Title>
          <FieldErrors details={details.filter((d) => /^(body\.)?prefectures$/.test(d.path))} testId="service-prefectures-error" />
          <Stack gap="xs">
            {draft.prefectures.map((p, i) => (
              <Group key={i} align="flex-start" wrap="nowrap" data-testid="service-prefecture-row">
                <Select
                  aria-label={t('services.field.prefecture')}
                  placeholder={t('services.field.prefecture')}
                  data={prefectureOptions}
                  value={p.prefectureCode}
                  onChange={(v) => set('prefectures', draft.prefectures.map((x, j) => (j === i ? { ...x, prefectureCode: v } : x)))}
                  error={err(`prefectures.${i}.prefectureCode`)}
                  searchable
                  style={{ flex: 1 }}
                  data-testid="service-prefecture-code"
                />
                <NumberInput
                  {...numberProps}
                  aria-label={t('services.field.prefecturePeople')}
                  placeholder={t('services.field.prefecturePeople')}
                  value={p.people}
                  onChange={(v) => set('prefectures', draft.prefectures.map((x, j) => (j === i ? { ...x, people: v === '' ? '' : Number(v) } : x)))}
                  error={err(`prefectures.${i}.people`)}
                  style={{ flex: 1 }}
                  data-testid="service-prefecture-people"
                />
                <ActionIcon variant="subtle" color="gray" mt={4} aria-label={t('ciCommon.remove')} onClick={() => set('prefectures', draft.prefectures.filter((_, j) => j !== i))}>
                  ×
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button size="xs" variant="light" onClick={() => set('prefectures', [...draft.prefectures, { prefectureCode: null, people: '' }])} data-testid="service-add-prefecture">
                {t('services.form.addPrefecture')}
              </Button>
            </Group>
          </Stack>
        </Paper>

        <Paper withBorder p="sm" radius="sm">
          <Title order={3} size="h6" mb={2}>{t('services.field.substitutes')}</Title>
          <Text size="xs" c="dimmed" mb="xs">{t('services.field.substitutesHint')}</Text>
          <Stack gap="xs">
            {draft.substitutes.map((s, i) => (
              <Group key={i} align="flex-start" wrap="nowrap">
                <Select
                  aria-label={t('services.field.substitute')}
                  placeholder={t('services.field.substitute')}
                  data={substituteOptions}
                  value={s.serviceId}
                  onChange={(v) => set('substitutes', draft.substitutes.map((x, j) => (j === i ? { ...x, serviceId: v } : x)))}
                  error={err(`substitutes.${i}.serviceId`)}
                  searchable
                  style={{ flex: 2 }}
                />
                <NumberInput
                  {...numberProps}
                  aria-label={t('services.field.takeoverHours')}
                  placeholder={t('services.field.takeoverHours')}
                  value={s.takeoverHours}
                  onChange={(v) => set('substitutes', draft.substitutes.map((x, j) => (j === i ? { ...x, takeoverHours: v === '' ? '' : Number(v) } : x)))}
                  error={err(`substitutes.${i}.takeoverHours`)}
                  style={{ flex: 1 }}
                />
                <ActionIcon variant="subtle" color="gray" mt={4} aria-label={t('ciCommon.remove')} onClick={() => set('substitutes', draft.substitutes.filter((_, j) => j !== i))}>
                  ×
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button size="xs" variant="light" onClick={() => set('substitutes', [...draft.substitutes, { serviceId: null, takeoverHours: '' }])} disabled={substituteOptions.length === 0}>
                {t('services.form.addSubstitute')}
              </Button>
            </Group>
          </Stack>
        </Paper>

        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          <NumberInput {...numberProps} decimalScale={2} label={t('services.field.mtpdHours')} value={draft.mtpdHours} onChange={(v) => set('mtpdHours', v === '' ? '' : Number(v))} error={err('mtpdHours')} required data-testid="service-mtpd" />
          <NumberInput {...numberProps} decimalScale={2} label={t('services.field.rtoHours')} value={draft.rtoHours} onChange={(v) => set('rtoHours', v === '' ? '' : Number(v))} error={err('rtoHours')} required data-testid="service-rto" />
          <NumberInput {...numberProps} decimalScale={2} label={t('services.field.rpoHours')} value={draft.rpoHours} onChange={(v) => set('rpoHours', v === '' ? '' : Number(v))} error={err('rpoHours')} required data-testid="service-rpo" />
          <NumberInput {...numberProps} decimalScale={1} suffix=" %" label={t('services.field.rlo')} value={draft.rloPercent} onChange={(v) => set('rloPercent', v === '' ? '' : Number(v))} error={err('rlo')} required data-testid="service-rlo" />
        </SimpleGrid>

        <div>
          <Text size="sm" fw={500}>{t('services.field.impact')}</Text>
          <Text size="xs" c="dimmed" mb="xs">{t('services.field.impactHint')}</Text>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NumberInput {...numberProps} label={t('services.field.afterHour')} value={draft.afterHour} onChange={(v) => set('afterHour', v === '' ? '' : Number(v))} error={err('impact.afterHour')} data-testid="service-impact-hour" />
            <NumberInput {...numberProps} label={t('services.field.afterDay')} value={draft.afterDay} onChange={(v) => set('afterDay', v === '' ? '' : Number(v))} error={err('impact.afterDay')} data-testid="service-impact-day" />
            <NumberInput {...numberProps} label={t('services.field.afterWeek')} value={draft.afterWeek} onChange={(v) => set('afterWeek', v === '' ? '' : Number(v))} error={err('impact.afterWeek')} data-testid="service-impact-week" />
          </SimpleGrid>
          <FieldErrors details={details.filter((d) => /^(body\.)?impact$/.test(d.path))} />
        </div>

        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>{t('ciCommon.cancel')}</Button>
          <Button type="submit" loading={save.isPending} data-testid="service-submit">
            {service ? t('ciCommon.save') : t('services.form.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
