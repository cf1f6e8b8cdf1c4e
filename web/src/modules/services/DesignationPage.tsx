import { ActionIcon, Alert, Badge, Button, Group, Menu, Modal, NumberInput, Paper, SegmentedControl, Select, Stack, Switch, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { queryKeys } from '../../api/queries';
import type { Me, Organisation } from '../../api/types';
import { DateTime } from '../../components/DateTime';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TableSkeleton } from '../../components/PageLoader';
import { currentLocale } from '../../i18n';
import { useOrgLabels } from '../org/labels';
import { useTiers } from '../standards/queries';
import { pick } from '../standards/text';
import { serviceKeys, servicesApi, useCandidates, useCriteriaSets, useDecisions, useServices } from './api';
import { criterionOfDraft, DEFAULT_VALUE, draftOfCriterion, isCoverage, newCriterionId, type CriterionDraft } from './criteria';
import { FieldErrors, firstError } from './FieldErrors';
import { formatHours, formatPercent, pickText } from './format';
import { isModuleProblem, type ProblemDetail } from './http';
import { errorsAt, problemText, unplacedErrors } from './problems';
import { canGovern } from './scope';
import { CRITERION_KINDS, DECISIONS, type CandidateOperator, type CriteriaSet, type CriterionEvaluation, type Decision } from './types';
import { useTranslator } from './useTranslator';

const operatorLabel = (o: CandidateOperator, locale: string) => (locale === 'en' && o.operatorNameEn ? o.operatorNameEn : o.operatorName);

/** `/services/designation`: criteria as data, the operators they make candidates, and the decisions taken. */
export function DesignationPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const govern = canGovern(me);
  const sets = useCriteriaSets();
  const [setId, setSetId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  useEffect(() => {
    if (!setId && !creating && sets.data && sets.data.length > 0) setSetId(sets.data[0]!.id);
  }, [setId, creating, sets.data]);
  const current = sets.data?.find((s) => s.id === setId) ?? null;

  return (
    <Stack gap="lg" data-testid="designation-page">
      <div>
        <Title order={1} size="h2">
          {t('designation.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('designation.description')}
        </Text>
      </div>
      {sets.isPending ? (
        <TableSkeleton />
      ) : sets.isError ? (
        <ErrorAlert error={sets.error} onRetry={() => void sets.refetch()} />
      ) : (
        <>
          <Group align="flex-end">
            <Select
              label={t('designation.criteriaSet')}
              data={(sets.data ?? []).map((s) => ({ value: s.id, label: pickText(s.name, locale) }))}
              value={creating ? null : setId}
              onChange={(v) => {
                setCreating(false);
                setSetId(v);
              }}
              placeholder={t('designation.noCriteriaSet')}
              w={360}
              data-testid="criteria-set-select"
            />
            {govern && (
              <Button variant="light" onClick={() => setCreating(true)} data-testid="criteria-set-new">
                {t('designation.newSet')}
              </Button>
            )}
          </Group>
          {(creating || current) && (
            <CriteriaEditor
              key={creating ? 'new' : current!.id}
              set={creating ? null : current}
              editable={govern}
              onSaved={(saved) => {
                setCreating(false);
                setSetId(saved.id);
              }}
            />
          )}
          {!creating && current && <Candidates me={me} set={current} />}
        </>
      )}
      <DecisionHistory />
    </Stack>
  );
}

function CriteriaEditor({ set, editable, onSaved }: { set: CriteriaSet | null; editable: boolean; onSaved: (saved: CriteriaSet) => void }) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const queryClient = useQueryClient();
  const [nameJa, setNameJa] = useState(set?.name.ja ?? '');
  const [nameEn, setNameEn] = useState(set?.name.en ?? '');
  const [combine, setCombine] = useState<'all' | 'any'>(set?.combine ?? 'any');
  const [criteria, setCriteria] = useState<CriterionDraft[]>(() => (set ? set.criteria.map(draftOfCriterion) : []));
  const save = useMutation({
    mutationFn: () => {
      const body = { name: { ja: nameJa.trim(), en: nameEn.trim() }, combine, criteria: criteria.map(criterionOfDraft) };
      return set ? servicesApi.updateCriteria(set.id, body) : servicesApi.createCriteria(body);
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: serviceKeys.criteria });
      await queryClient.invalidateQueries({ queryKey: ['services', 'designation', 'candidates'] });
      onSaved(saved);
    },
  });
  const details: ProblemDetail[] = isModuleProblem(save.error) ? save.error.details : [];
  const unplaced = unplacedErrors(details, ['name', 'combine', 'criteria']);
  const update = (i: number, value: number | '') => setCriteria((cs) => cs.map((c, j) => (j === i ? { ...c, value } : c)));

  return (
    <Paper withBorder p="md" radius="md" data-testid="criteria-editor">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('designation.criteriaTitle')}
        </Title>
        {save.isError && (
          <Alert color="red" variant="light" role="alert" title={t('designation.saveRefused')} data-testid="criteria-error">
            {problemText(tr, save.error, details.length, t('errors.generic'))}
            <FieldErrors details={unplaced} />
          </Alert>
        )}
        {save.isSuccess && (
          <Text size="sm" c="green" data-testid="criteria-saved">
            {t('designation.saved')}
          </Text>
        )}
        <Group grow align="flex-start">
          <TextInput label={t('designation.nameJa')} value={nameJa} onChange={(e) => setNameJa(e.currentTarget.value)} readOnly={!editable} error={firstError(errorsAt(details, 'name.ja'), tr)} data-testid="criteria-name-ja" />
          <TextInput label={t('designation.nameEn')} value={nameEn} onChange={(e) => setNameEn(e.currentTarget.value)} readOnly={!editable} error={firstError(errorsAt(details, 'name.en'), tr)} data-testid="criteria-name-en" />
        </Group>
        <div>
          <Text size="sm" fw={500} mb={4}>{t('designation.combine')}</Text>
          <SegmentedControl
            value={combine}
            onChange={(v) => setCombine(v === 'all' ? 'all' : 'any')}
            disabled={!editable}
            data={[
              { value: 'any', label: t('designation.combineAny') },
              { value: 'all', label: t('designation.combineAll') },
            ]}
            data-testid="criteria-combine"
          />
        </div>
        <FieldErrors details={details.filter((d) => /^(body\.)?criteria$/.test(d.path))} />
        <Table verticalSpacing="xs" data-testid="criteria-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('designation.criterion')}</Table.Th>
              <Table.Th>{t('designation.threshold')}</Table.Th>
              {editable && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {criteria.map((c, i) => (
              <Table.Tr key={c.id} data-testid="criterion-row" data-kind={c.kind} data-criterion-id={c.id}>
                <Table.Td>
                  <Text size="sm">{t(`designation.kind.${c.kind}`)}</Text>
                  <Text size="xs" c="dimmed">{t(`designation.kindHint.${c.kind}`)}</Text>
                </Table.Td>
                <Table.Td>
                  {c.kind === 'economic_security_designation' ? (
                    <Text size="sm" c="dimmed">{t('designation.noThreshold')}</Text>
                  ) : (
                    <NumberInput
                      aria-label={t(`designation.kind.${c.kind}`)}
                      value={c.value}
                      onChange={(v) => update(i, v === '' ? '' : Number(v))}
                      readOnly={!editable}
                      decimalScale={4}
                      allowNegative
                      leftSection={c.kind === 'low_substitutability' ? '>' : '≥'}
                      rightSection={isCoverage(c.kind) ? '%' : c.kind === 'low_substitutability' ? <Text size="xs">{t('ciCommon.hoursUnit')}</Text> : undefined}
                      rightSectionWidth={48}
                      error={firstError(errorsAt(details, `criteria.${i}`), tr)}
                      w={200}
                      data-testid="criterion-threshold"
                    />
                  )}
                </Table.Td>
                {editable && (
                  <Table.Td>
                    <ActionIcon variant="subtle" color="gray" aria-label={t('ciCommon.remove')} onClick={() => setCriteria((cs) => cs.filter((_, j) => j !== i))}>
                      ×
                    </ActionIcon>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {editable && (
          <Group justify="space-between">
            <Menu position="bottom-start">
              <Menu.Target>
                <Button variant="light" size="xs" data-testid="criterion-add">
                  {t('designation.addCriterion')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {CRITERION_KINDS.map((kind) => (
                  <Menu.Item key={kind} onClick={() => setCriteria((cs) => [...cs, { id: newCriterionId(kind, cs), kind, value: DEFAULT_VALUE[kind] }])}>
                    {t(`designation.kind.${kind}`)}
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
            <Button onClick={() => save.mutate()} loading={save.isPending} data-testid="criteria-save">
              {t('designation.saveCriteria')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

/** The measured value of one criterion for one operator, in words. */
function EvaluationValue({ e, serviceName }: { e: CriterionEvaluation; serviceName: (id: string) => string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { prefectureName } = useOrgLabels();
  let value: string;
  if (e.criterion === 'economic_security_designation') value = e.value === true ? t('designation.value.esYes') : t('designation.value.esNo');
  else if (e.value === null || typeof e.value === 'boolean') value = e.criterion === 'low_substitutability' ? t('designation.value.noSubstitute') : t('designation.value.none');
  else if (e.criterion === 'low_substitutability') value = t('designation.value.takeover', { n: formatHours(e.value, locale) });
  else if (e.criterion === 'systemic_dependency') value = new Intl.NumberFormat(locale, { maximumSignificantDigits: 3 }).format(e.value);
  else value = formatPercent(e.value, locale, 2);
  const where = [e.serviceName ? pickText(e.serviceName, locale) : e.service ? serviceName(e.service) : null, e.prefecture ? prefectureName(e.prefecture) : null].filter(Boolean).join(t('ciCommon.listSeparator'));
  return (
    <Stack gap={0} data-testid="evaluation" data-criterion={e.criterion} data-fired={e.fired ? 'true' : 'false'}>
      <Group gap={4} wrap="nowrap">
        {e.fired ? (
          <Badge size="xs" color="orange" variant="filled">{t('designation.fired')}</Badge>
        ) : (
          <Badge size="xs" color="gray" variant="light">{t('designation.notFired')}</Badge>
        )}
        <Text size="sm" fw={e.fired ? 600 : 400} data-testid="evaluation-value">{value}</Text>
      </Group>
      {where && <Text size="xs" c="dimmed">{where}</Text>}
    </Stack>
  );
}

function Candidates({ me, set }: { me: Me; set: CriteriaSet }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { sectorName } = useOrgLabels();
  const candidates = useCandidates(set.id);
  const decisions = useDecisions();
  const services = useServices();
  const [onlyCandidates, setOnlyCandidates] = useState(true);
  const [deciding, setDeciding] = useState<CandidateOperator | null>(null);
  const serviceName = useMemo(() => {
    const byId = new Map((services.data ?? []).map((s) => [s.id, pickText(s.name, locale)]));
    return (id: string) => byId.get(id) ?? id;
  }, [services.data, locale]);
  const latest = useMemo(() => {
    const map = new Map<string, { decision: Decision; decidedAt: string }>();
    for (const d of decisions.data ?? []) {
      const prev = map.get(d.operatorId);
      if (!prev || prev.decidedAt < d.decidedAt) map.set(d.operatorId, { decision: d.decision, decidedAt: d.decidedAt });
    }
    return map;
  }, [decisions.data]);
  const criteria = candidates.data?.criteriaSet.criteria ?? set.criteria;
  const rows = (candidates.data?.operators ?? []).filter((o) => !onlyCandidates || o.candidate);

  return (
    <Paper withBorder p="md" radius="md" data-testid="candidates">
      <Group justify="space-between" mb="sm">
        <div>
          <Title order={2} size="h4">{t('designation.candidatesTitle')}</Title>
          {candidates.data && (
            <Text size="sm" c="dimmed" data-testid="candidates-count">
              {t('designation.candidatesCount', { n: candidates.data.operators.filter((o) => o.candidate).length, total: candidates.data.operators.length })}
            </Text>
          )}
        </div>
        <Switch label={t('designation.onlyCandidates')} checked={onlyCandidates} onChange={(e) => setOnlyCandidates(e.currentTarget.checked)} data-testid="only-candidates" />
      </Group>
      {candidates.isPending ? (
        <TableSkeleton />
      ) : candidates.isError ? (
        <ErrorAlert error={candidates.error} onRetry={() => void candidates.refetch()} />
      ) : rows.length === 0 ? (
        <Text c="dimmed" data-testid="candidates-empty">{t('designation.noCandidates')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table striped verticalSpacing="xs" data-testid="candidates-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('designation.col.operator')}</Table.Th>
                <Table.Th>{t('designation.col.result')}</Table.Th>
                {criteria.map((c) => (
                  <Table.Th key={c.id}>{t(`designation.kind.${c.kind}`)}</Table.Th>
                ))}
                <Table.Th>{t('designation.col.decision')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((o) => {
                const decided = latest.get(o.operatorId);
                return (
                  <Table.Tr key={o.operatorId} data-testid="candidate-row" data-operator-id={o.operatorId} data-candidate={o.candidate ? 'true' : 'false'}>
                    <Table.Td>
                      <Text size="sm" fw={500}>{operatorLabel(o, locale)}</Text>
                      <Text size="xs" c="dimmed">{o.sectors.map(sectorName).join(t('ciCommon.listSeparator'))}</Text>
                    </Table.Td>
                    <Table.Td>
                      {o.candidate ? (
                        <Badge color="orange" data-testid="candidate-badge">{t('designation.candidate', { n: o.firedCount })}</Badge>
                      ) : (
                        <Badge color="gray" variant="light">{t('designation.notCandidate')}</Badge>
                      )}
                    </Table.Td>
                    {criteria.map((c) => {
                      const e = o.evaluations.find((x) => x.criterionId === c.id);
                      return <Table.Td key={c.id}>{e ? <EvaluationValue e={e} serviceName={serviceName} /> : null}</Table.Td>;
                    })}
                    <Table.Td>
                      <Stack gap={4} align="flex-start">
                        {decided && (
                          <Badge variant="light" color={decided.decision === 'designate' ? 'blue' : 'gray'} data-testid="latest-decision">
                            {t(`designation.decision.${decided.decision}`)}
                          </Badge>
                        )}
                        {canGovern(me) && (
                          <Button size="compact-xs" variant="light" onClick={() => setDeciding(o)} data-testid="record-decision">
                            {t('designation.recordDecision')}
                          </Button>
                        )}
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal opened={deciding !== null} onClose={() => setDeciding(null)} title={t('designation.decisionTitle')} size="lg">
        {deciding && <DecisionForm operator={deciding} set={set} onDone={() => setDeciding(null)} />}
      </Modal>
    </Paper>
  );
}

function DecisionForm({ operator, set, onDone }: { operator: CandidateOperator; set: CriteriaSet; onDone: () => void }) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const locale = currentLocale();
  const queryClient = useQueryClient();
  const { sectorName } = useOrgLabels();
  const tiers = useTiers();
  const [sectorId, setSectorId] = useState<string | null>(operator.sectors[0] ?? null);
  const [decision, setDecision] = useState<Decision>(operator.candidate ? 'designate' : 'not_designate');
  const [tierId, setTierId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const decide = useMutation({
    mutationFn: () =>
      servicesApi.decide({
        operatorId: operator.operatorId,
        sectorId: sectorId ?? '',
        decision,
        ...(decision === 'designate' && tierId ? { tierId } : {}),
        reason: reason.trim(),
        criteriaSetId: set.id,
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: serviceKeys.decisions });
      onDone();
    },
  });
  const details: ProblemDetail[] = isModuleProblem(decide.error) ? decide.error.details : [];
  const tierOptions = (tiers.data ?? []).filter((x) => x.sectorId === sectorId).map((x) => ({ value: x.id, label: pick(x.name, locale) }));

  return (
    <Stack gap="sm" data-testid="decision-form">
      <Text size="sm">{operatorLabel(operator, locale)}</Text>
      {decide.isError && (
        <Alert color="red" variant="light" role="alert" data-testid="decision-error">
          {problemText(tr, decide.error, details.length, t('errors.generic'))}
          <FieldErrors details={unplacedErrors(details, ['sectorId', 'decision', 'tierId', 'reason'])} />
        </Alert>
      )}
      <Select label={t('designation.sector')} data={operator.sectors.map((s) => ({ value: s, label: sectorName(s) }))} value={sectorId} onChange={setSectorId} error={firstError(errorsAt(details, 'sectorId'), tr)} data-testid="decision-sector" />
      <SegmentedControl
        value={decision}
        onChange={(v) => setDecision(DECISIONS.find((d) => d === v) ?? 'not_designate')}
        data={DECISIONS.map((d) => ({ value: d, label: t(`designation.decision.${d}`) }))}
        data-testid="decision-choice"
      />
      {decision === 'designate' && (
        <Select label={t('designation.tier')} data={tierOptions} value={tierId} onChange={setTierId} error={firstError(errorsAt(details, 'tierId'), tr)} placeholder={tierOptions.length === 0 ? t('designation.noTiers') : undefined} data-testid="decision-tier" />
      )}
      <Textarea label={t('designation.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={3} error={firstError(errorsAt(details, 'reason'), tr)} required data-testid="decision-reason" />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>{t('ciCommon.cancel')}</Button>
        <Button onClick={() => decide.mutate()} loading={decide.isPending} data-testid="decision-submit">
          {t('designation.recordDecision')}
        </Button>
      </Group>
    </Stack>
  );
}

function DecisionHistory() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { sectorName } = useOrgLabels();
  const tiers = useTiers();
  const decisions = useDecisions();
  const organisations = useQuery({
    queryKey: queryKeys.organisations({}),
    queryFn: ({ signal }) => api.get<Organisation[]>('/api/v1/org/organisations', undefined, signal),
  });
  const orgName = (id: string) => {
    const org = organisations.data?.find((o) => o.id === id);
    return org ? (locale === 'en' && org.nameEn ? org.nameEn : org.name) : id;
  };
  const list = [...(decisions.data ?? [])].sort((a, b) => (a.decidedAt < b.decidedAt ? 1 : -1));
  if (decisions.isPending) return null;
  if (decisions.isError) return <ErrorAlert error={decisions.error} />;
  return (
    <Paper withBorder p="md" radius="md" data-testid="decision-history">
      <Title order={2} size="h4" mb="sm">{t('designation.historyTitle')}</Title>
      {list.length === 0 ? (
        <Text c="dimmed" size="sm">{t('designation.noDecisions')}</Text>
      ) : (
        <Table striped verticalSpacing="xs" fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('designation.col.decidedAt')}</Table.Th>
              <Table.Th>{t('designation.col.operator')}</Table.Th>
              <Table.Th>{t('designation.sector')}</Table.Th>
              <Table.Th>{t('designation.col.decision')}</Table.Th>
              <Table.Th>{t('designation.tier')}</Table.Th>
              <Table.Th>{t('designation.reason')}</Table.Th>
              <Table.Th>{t('designation.col.decidedBy')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((d) => {
              const tier = tiers.data?.find((x) => x.id === d.tierId);
              return (
                <Table.Tr key={d.id} data-testid="decision-row">
                  <Table.Td><DateTime iso={d.decidedAt} /></Table.Td>
                  <Table.Td>{d.operatorName ? pickText(d.operatorName, locale) : orgName(d.operatorId)}</Table.Td>
                  <Table.Td>{sectorName(d.sectorId)}</Table.Td>
                  <Table.Td>{t(`designation.decision.${d.decision}`)}</Table.Td>
                  <Table.Td>{tier ? pick(tier.name, locale) : (d.tierId ?? '')}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{d.reason}</Table.Td>
                  <Table.Td>{d.decidedByName ?? orgName(d.decidedByOrg)}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
