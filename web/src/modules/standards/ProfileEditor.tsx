import { Alert, Badge, Button, Group, NumberInput, Paper, Select, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TableSkeleton } from '../../components/PageLoader';
import { currentLocale } from '../../i18n';
import { DeviationList, type DeviationContext } from './DeviationList';
import { StrengthBadge } from './labels';
import { standardsKeys, standardsPaths, useCheck, useNodes } from './queries';
import { formatParamValue, pick } from './text';
import { STRENGTHS, type Alteration, type Parameter, type ParamValue, type ProfileImport, type ProfileSpec, type RequirementNode, type Strength, type StandardVersion, type TierCheck } from './types';

interface EditorState {
  excluded: Set<string>;
  /** Ids added to an import that lists its ids (include: {ids}) when switched on. */
  added: Set<string>;
  params: Record<string, string>;
  strengths: Record<string, Strength | ''>;
}

function initialState(profile: ProfileSpec): EditorState {
  return {
    excluded: new Set(profile.imports.flatMap((i) => i.exclude)),
    added: new Set(),
    params: Object.fromEntries(profile.setParameters.map((s) => [s.paramId, formatParamValue(s.value)])),
    strengths: Object.fromEntries(profile.alters.filter((a) => a.strength).map((a) => [a.nodeId, a.strength!])),
  };
}

function parseParam(param: Parameter | undefined, raw: string): ParamValue {
  if (param?.type === 'integer' || param?.type === 'number') {
    const n = Number(raw);
    return Number.isFinite(n) ? n : raw;
  }
  if (param?.type === 'boolean') return raw === 'true';
  return raw;
}

function isIncluded(imp: ProfileImport, node: RequirementNode, byId: ReadonlyMap<string, RequirementNode>, state: EditorState): boolean {
  if (state.excluded.has(node.id)) return false;
  if (imp.include === 'all' || state.added.has(node.id)) return true;
  const ids = new Set(imp.include.ids);
  if (ids.has(node.id)) return true;
  if (!imp.include.withChildren) return false;
  for (let p = node.parentId; p; p = byId.get(p)?.parentId ?? null) if (ids.has(p)) return true;
  return false;
}

/** The profile as the server wants it: untouched alterations are kept, strength overrides replaced. */
export function buildProfile(profile: ProfileSpec, state: EditorState, paramsById: ReadonlyMap<string, Parameter>, nodeIdsByImport: readonly ReadonlySet<string>[]): ProfileSpec {
  const imports = profile.imports.map((imp, i) => {
    const own = nodeIdsByImport[i] ?? new Set<string>();
    const exclude = [...new Set([...imp.exclude.filter((id) => !own.has(id)), ...[...state.excluded].filter((id) => own.has(id))])].sort();
    const include = imp.include === 'all' ? ('all' as const) : { ...imp.include, ids: [...new Set([...imp.include.ids, ...[...state.added].filter((id) => own.has(id))])] };
    return { ...imp, include, exclude };
  });
  const setParameters = Object.entries(state.params)
    .filter(([, raw]) => raw.trim() !== '')
    .map(([paramId, raw]) => ({ paramId, value: parseParam(paramsById.get(paramId), raw.trim()) }));
  const touched = new Set(Object.keys(state.strengths));
  const alters: Alteration[] = [];
  for (const a of profile.alters) {
    const { strength: _old, ...rest } = a;
    const strength = touched.has(a.nodeId) ? state.strengths[a.nodeId] || undefined : a.strength;
    const next: Alteration = strength ? { ...rest, strength } : rest;
    if (Object.keys(next).length > 1) alters.push(next);
  }
  for (const [nodeId, strength] of Object.entries(state.strengths)) {
    if (strength && !profile.alters.some((a) => a.nodeId === nodeId)) alters.push({ nodeId, strength });
  }
  return { imports, setParameters, alters };
}

export function ProfileEditor({ version, context, editable }: { version: StandardVersion; context: Omit<DeviationContext, 'baseNodes'>; editable: boolean }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const client = useQueryClient();
  const profile = version.profile!;
  // Profiles of the Unified Standard import one version; further imports are edited the same way, below.
  const importIds = profile.imports.map((i) => i.versionId);
  const first = useNodes(importIds[0]);
  const second = useNodes(importIds[1]);
  const importNodes = [first.data, second.data].slice(0, importIds.length);
  const loading = first.isPending || (importIds.length > 1 && second.isPending);
  const loadError = first.error ?? second.error;

  const [state, setState] = useState<EditorState>(() => initialState(profile));
  const [dirty, setDirty] = useState(false);
  const [filter, setFilter] = useState('');
  const check = useCheck(version.id, true);

  const baseNodes = useMemo(
    () => new Map([first.data, second.data].slice(0, importIds.length).flatMap((ns) => ns ?? []).map((n) => [n.id, n])),
    [first.data, second.data, importIds.length],
  );
  const paramsById = useMemo(() => new Map([...baseNodes.values()].flatMap((n) => n.parameters.map((p) => [p.id, p] as const))), [baseNodes]);

  const save = useMutation({
    mutationFn: () => {
      const body = buildProfile(profile, state, paramsById, importNodes.map((ns) => new Set((ns ?? []).map((n) => n.id))));
      return apiRequest<TierCheck[]>(`${standardsPaths.version(version.id)}/profile`, { method: 'PUT', body });
    },
    onSuccess: (result) => {
      client.setQueryData(standardsKeys.check(version.id), result);
      setDirty(false);
      void client.invalidateQueries({ queryKey: standardsKeys.version(version.id) });
    },
  });

  const update = (fn: (s: EditorState) => EditorState) => {
    setState(fn);
    setDirty(true);
  };

  const q = filter.trim().toLowerCase();
  const matches = (n: RequirementNode) => !q || [n.number, n.title.ja, n.title.en, n.text.ja, n.text.en].some((s) => s.toLowerCase().includes(q));

  return (
    <Stack gap="md" data-testid="profile-editor">
      {check.data ? (
        <DeviationList versionId={version.id} checks={check.data} context={{ ...context, baseNodes }} canRequest={editable} />
      ) : check.isError ? (
        <ErrorAlert error={check.error} onRetry={() => void check.refetch()} />
      ) : (
        <TableSkeleton rows={2} />
      )}

      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="profile-title">
        <Group justify="space-between" align="flex-end" mb="sm">
          <div>
            <Title order={2} size="h4" id="profile-title">
              {t('standards.profile.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {editable ? t('standards.profile.description') : t('standards.profile.readOnly')}
            </Text>
          </div>
          <Group gap="sm" align="flex-end">
            <TextInput label={t('standards.profile.filter')} value={filter} onChange={(e) => setFilter(e.currentTarget.value)} w={240} type="search" />
            {editable && (
              <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!dirty} data-testid="profile-save">
                {t('standards.profile.save')}
              </Button>
            )}
          </Group>
        </Group>
        {dirty && (
          <Alert color="yellow" variant="light" mb="sm" data-testid="profile-unsaved">
            {t('standards.profile.unsaved')}
          </Alert>
        )}
        {save.isSuccess && !dirty && (
          <Alert color="green" variant="light" mb="sm" data-testid="profile-saved">
            {t('standards.profile.saved')}
          </Alert>
        )}
        {save.isError && <ErrorAlert error={save.error} title={t('standards.profile.saveFailed')} />}
        {loading ? (
          <TableSkeleton />
        ) : loadError ? (
          <ErrorAlert error={loadError} />
        ) : (
          profile.imports.map((imp, i) => {
            const nodes = importNodes[i] ?? [];
            const byId = new Map(nodes.map((n) => [n.id, n]));
            const requirements = nodes.filter((n) => n.kind === 'requirement' && !n.withdrawn);
            const includedCount = requirements.filter((n) => isIncluded(imp, n, byId, state)).length;
            return (
              <Stack key={imp.versionId} gap="xs">
                <Group gap="xs">
                  <Badge variant="light" tt="none">
                    {t('standards.profile.base')}
                  </Badge>
                  <Text size="sm" data-testid="profile-included-count">
                    {t('standards.profile.included', { n: includedCount, total: requirements.length })}
                  </Text>
                </Group>
                <Table.ScrollContainer minWidth={900}>
                  <Table verticalSpacing={6} striped data-testid="profile-table">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th w={70}>{t('standards.profile.colInclude')}</Table.Th>
                        <Table.Th w={90}>{t('standards.profile.colNumber')}</Table.Th>
                        <Table.Th>{t('standards.profile.colTitle')}</Table.Th>
                        <Table.Th w={100}>{t('standards.profile.colStrength')}</Table.Th>
                        <Table.Th w={150}>{t('standards.profile.colOverride')}</Table.Th>
                        <Table.Th w={230}>{t('standards.profile.colParams')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {requirements.filter(matches).map((n) => {
                        const included = isIncluded(imp, n, byId, state);
                        return (
                          <Table.Tr key={n.id} data-testid="profile-row" data-node-id={n.id} data-strength={n.strength ?? ''} data-included={included} style={included ? undefined : { opacity: 0.55 }}>
                            <Table.Td>
                              {!editable ? (
                                <Badge size="sm" variant="light" color={included ? 'green' : 'gray'} tt="none">
                                  {included ? t('standards.profile.includedYes') : t('standards.profile.includedNo')}
                                </Badge>
                              ) : (
                                <Switch
                                  checked={included}
                                  aria-label={t('standards.profile.includeLabel', { number: n.number })}
                                  data-testid="profile-include"
                                  onChange={(e) => {
                                    const on = e.currentTarget.checked;
                                    update((s) => {
                                      const excluded = new Set(s.excluded);
                                      const added = new Set(s.added);
                                      if (on) {
                                        excluded.delete(n.id);
                                        if (imp.include !== 'all') added.add(n.id);
                                      } else {
                                        excluded.add(n.id);
                                        added.delete(n.id);
                                      }
                                      return { ...s, excluded, added };
                                    });
                                  }}
                                />
                              )}
                            </Table.Td>
                            <Table.Td>
                              <Text ff="monospace" size="sm">
                                {n.number}
                              </Text>
                            </Table.Td>
                            <Table.Td>
                              <Text size="sm">{pick(n.title, locale)}</Text>
                            </Table.Td>
                            <Table.Td>
                              <StrengthBadge strength={n.strength} size="sm" />
                            </Table.Td>
                            <Table.Td>
                              <Select
                                size="xs"
                                data={[{ value: '', label: t('standards.profile.noOverride') }, ...STRENGTHS.map((s) => ({ value: s, label: t(`standards.strength.${s}`) }))]}
                                value={state.strengths[n.id] ?? profile.alters.find((a) => a.nodeId === n.id)?.strength ?? ''}
                                onChange={(v) => update((s) => ({ ...s, strengths: { ...s.strengths, [n.id]: (v ?? '') as Strength | '' } }))}
                                disabled={!editable || !included}
                                allowDeselect={false}
                                aria-label={t('standards.profile.overrideLabel', { number: n.number })}
                                data-testid="profile-strength"
                              />
                            </Table.Td>
                            <Table.Td>
                              <Stack gap={4}>
                                {n.parameters.map((p) => (
                                  <ParamInput
                                    key={p.id}
                                    param={p}
                                    value={state.params[p.id] ?? ''}
                                    disabled={!editable || !included}
                                    onChange={(raw) => update((s) => ({ ...s, params: { ...s.params, [p.id]: raw } }))}
                                  />
                                ))}
                              </Stack>
                            </Table.Td>
                          </Table.Tr>
                        );
                      })}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </Stack>
            );
          })
        )}
      </Paper>
    </Stack>
  );
}

function ParamInput({ param, value, disabled, onChange }: { param: Parameter; value: string; disabled: boolean; onChange: (raw: string) => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const label = `${pick(param.label, locale)}${param.unit ? ` (${param.unit})` : ''}`;
  const placeholder = t('standards.profile.paramDefault', { value: formatParamValue(param.value) || t('common.none') });
  if (param.type === 'integer' || param.type === 'number') {
    return (
      <NumberInput
        size="xs"
        label={label}
        placeholder={placeholder}
        value={value === '' ? '' : Number(value)}
        onChange={(v) => onChange(v === '' ? '' : String(v))}
        allowDecimal={param.type === 'number'}
        disabled={disabled}
        data-testid="profile-param"
        data-param-id={param.id}
      />
    );
  }
  if (param.type === 'boolean' || param.type === 'choice') {
    const choices = param.type === 'boolean' ? ['true', 'false'] : param.choices ?? [];
    return (
      <Select
        size="xs"
        label={label}
        placeholder={placeholder}
        data={choices}
        value={value || null}
        onChange={(v) => onChange(v ?? '')}
        clearable
        disabled={disabled}
        data-testid="profile-param"
        data-param-id={param.id}
      />
    );
  }
  return <TextInput size="xs" label={label} placeholder={placeholder} value={value} onChange={(e) => onChange(e.currentTarget.value)} disabled={disabled} data-testid="profile-param" data-param-id={param.id} />;
}
