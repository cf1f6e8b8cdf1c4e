import { Alert, Anchor, Button, FileButton, Group, List, Modal, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useOrganisation } from '../../api/queries';
import type { Me } from '../../api/types';
import { DateTime } from '../../components/DateTime';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { ForbiddenPage, NotFoundPage } from '../../components/StatusPages';
import { currentLocale } from '../../i18n';
import { useOrgLabels } from '../org/labels';
import { pick } from '../standards/text';
import type { Obligation } from '../standards/types';
import { assessmentKeys, assessmentLinks, assessmentsApi, isAssessmentsProblem, useOwnEvidence, useQuestionnaire, type AssessmentsProblem } from './api';
import { isGovernment, SubmissionStatusBadge } from './labels';
import { ObligationCard, SupportRequestModal, type AnswerDraft } from './ObligationCard';
import { PlanPanel } from './PlanPanel';
import { cellText, detailsBeyondSummary, detailText, groupByObligation, problemText } from './problems';
import { ReviewActions } from './ReviewActions';
import type { Answer, EvidenceRecord, QuestionnaireView, ReviewComment } from './types';
import { useTranslator } from './useTranslator';

const EDIT_ROLES = ['admin', 'ciso', 'assessor'];
const SIGN_OFF_ROLES = ['admin', 'ciso'];
const REVIEW_ROLES = ['admin', 'reviewer'];

/** `/assessments/:campaignId/operators/:operatorId`: the questionnaire, its workflow, plan and exchanges. */
export function QuestionnairePage({ me }: { me: Me }) {
  const { campaignId = '', operatorId = '' } = useParams();
  const view = useQuestionnaire(campaignId, operatorId);
  if (view.isPending) return <PageLoader />;
  if (isApiError(view.error, 403)) return <ForbiddenPage />;
  if (isApiError(view.error, 404)) return <NotFoundPage />;
  if (view.isError) return <ErrorAlert error={view.error} onRetry={() => void view.refetch()} />;
  return <Questionnaire key={`${campaignId}/${operatorId}`} me={me} initial={view.data} />;
}

function draftsOf(answers: readonly Answer[]): Map<string, AnswerDraft> {
  return new Map(answers.map((a) => [a.obligationKey, { ...a, evidenceIds: [...a.evidenceIds] }]));
}

/** The answers to send: every obligation given a result, in questionnaire order. */
function answersToSend(obligations: readonly Obligation[], drafts: ReadonlyMap<string, AnswerDraft>): Answer[] {
  const out: Answer[] = [];
  for (const o of obligations) {
    const d = drafts.get(o.key);
    if (!d || !d.result) continue;
    out.push({
      obligationKey: o.key,
      lineage: o.lineage,
      result: d.result,
      maturity: d.maturity,
      targetDate: d.targetDate || null,
      notApplicableReason: d.result === 'not_applicable' ? d.notApplicableReason ?? '' : d.notApplicableReason || null,
      comment: d.comment,
      evidenceIds: d.evidenceIds,
    });
  }
  return out;
}

interface Failure {
  kind: 'save' | 'submit' | 'xlsx' | 'evidence';
  error: unknown;
  sent: Answer[];
}

function scrollToCard(key: string) {
  // After the render that shows the errors, so the card has its final height.
  requestAnimationFrame(() => {
    const card = document.querySelector(`[data-testid="obligation-card"][data-key="${CSS.escape(key)}"]`);
    card?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  });
}

function Questionnaire({ me, initial }: { me: Me; initial: QuestionnaireView }) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const locale = currentLocale();
  const queryClient = useQueryClient();
  const { organisationName } = useOrgLabels();
  const [view, setView] = useState(initial);
  const [drafts, setDrafts] = useState(() => draftsOf(initial.answers));
  const [dirty, setDirty] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [confirmSubmit, setConfirmSubmit] = useState(false);
  const [saved, setSaved] = useState<'saved' | 'submitted' | 'imported' | 'reviewed' | null>(null);
  const [supportFor, setSupportFor] = useState<Obligation | null>(null);
  const [uploadingFor, setUploadingFor] = useState<string | null>(null);

  const campaignId = view.campaign.id;
  const operatorId = view.target.operatorId;
  const organisation = useOrganisation(operatorId);
  const kind = me.memberships.find((m) => m.organisationId === me.activeOrganisationId)?.organisationKind;
  const own = me.activeOrganisationId === operatorId;
  const status = view.target.status;
  const editable = own && EDIT_ROLES.includes(me.role) && (status === 'draft' || status === 'returned') && view.campaign.status === 'open';
  const canSubmit = editable && SIGN_OFF_ROLES.includes(me.role);
  const canReview = !own && isGovernment(kind) && REVIEW_ROLES.includes(me.role) && (status === 'submitted' || status === 'under_review');
  const ownEvidence = useOwnEvidence(own);
  const evidence = useMemo(() => new Map<string, EvidenceRecord>((ownEvidence.data ?? []).map((e) => [e.id, e])), [ownEvidence.data]);

  const accept = useCallback(
    (next: QuestionnaireView, what: 'saved' | 'submitted' | 'imported' | 'reviewed') => {
      setView(next);
      setDrafts(draftsOf(next.answers));
      setDirty(false);
      setFailure(null);
      setSaved(what);
      queryClient.setQueryData(assessmentKeys.questionnaire(next.campaign.id, next.target.operatorId), next);
      // Lists, counts, the plan and the dashboards (keys under 'assessments' too) all follow from this change.
      void queryClient.invalidateQueries({ queryKey: assessmentKeys.all });
    },
    [queryClient],
  );

  const fail = useCallback((f: Failure) => {
    setFailure(f);
    setSaved(null);
    const details = isAssessmentsProblem(f.error) ? f.error.details : [];
    const first = groupByObligation(details, f.sent).byObligation.keys().next();
    if (!first.done) scrollToCard(first.value);
    else window.scrollTo({ top: 0, behavior: 'smooth' });
  }, []);

  const save = useMutation({
    mutationFn: (answers: Answer[]) => assessmentsApi.saveAnswers(campaignId, operatorId, answers),
    onSuccess: (next) => accept(next, 'saved'),
    onError: (error, sent) => fail({ kind: 'save', error, sent }),
  });

  const submit = useMutation({
    // Submission signs off what the server holds: save the edits first, then submit.
    mutationFn: async (answers: Answer[]) => {
      if (dirty || status === 'returned') {
        try {
          await assessmentsApi.saveAnswers(campaignId, operatorId, answers);
        } catch (error) {
          throw { stage: 'save', error };
        }
      }
      return assessmentsApi.submit(campaignId, operatorId);
    },
    onSuccess: (next) => {
      setConfirmSubmit(false);
      accept(next, 'submitted');
    },
    onError: (error, sent) => {
      setConfirmSubmit(false);
      const staged = error as unknown as { stage?: string; error?: unknown };
      if (staged.stage === 'save') fail({ kind: 'save', error: staged.error, sent });
      else fail({ kind: 'submit', error, sent });
      // A failed submission after a successful save still changed the draft on the server.
      if (staged.stage !== 'save') setDirty(false);
    },
  });

  const importXlsx = useMutation({
    mutationFn: (file: File) => assessmentsApi.importXlsx(campaignId, operatorId, file),
    onSuccess: (next) => accept(next, 'imported'),
    onError: (error) => fail({ kind: 'xlsx', error, sent: [] }),
  });

  const upload = useMutation({
    mutationFn: ({ file }: { obligation: Obligation; file: File }) => assessmentsApi.uploadEvidence(file),
    onMutate: ({ obligation }) => setUploadingFor(obligation.key),
    onSettled: () => setUploadingFor(null),
    onSuccess: (record, { obligation }) => {
      void queryClient.invalidateQueries({ queryKey: assessmentKeys.evidence });
      queryClient.setQueryData<EvidenceRecord[]>(assessmentKeys.evidence, (list) => [...(list ?? []), record]);
      onChange(obligation, (current) => ({ evidenceIds: [...current.evidenceIds, record.id] }));
    },
    onError: (error) => fail({ kind: 'evidence', error, sent: [] }),
  });

  const onChange = useCallback((o: Obligation, patch: Partial<AnswerDraft> | ((current: AnswerDraft) => Partial<AnswerDraft>)) => {
    setDrafts((all) => {
      const next = new Map(all);
      const base: AnswerDraft = all.get(o.key) ?? {
        obligationKey: o.key, lineage: o.lineage, result: null, maturity: null, targetDate: null, notApplicableReason: null, comment: '', evidenceIds: [],
      };
      next.set(o.key, { ...base, ...(typeof patch === 'function' ? patch(base) : patch) });
      return next;
    });
    setDirty(true);
    setSaved(null);
  }, []);
  const onUpload = useCallback((o: Obligation, file: File) => upload.mutate({ obligation: o, file }), [upload]);
  const onRequestSupport = useCallback((o: Obligation) => setSupportFor(o), []);

  // Leaving with unsaved edits loses them: let the browser ask.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const failureDetails = isAssessmentsProblem(failure?.error) ? (failure.error as AssessmentsProblem).details : [];
  const grouped = useMemo(() => groupByObligation(failureDetails, failure?.sent ?? []), [failureDetails, failure]);
  const generalShown = failure ? detailsBeyondSummary(tr, failure.error, grouped.general) : [];
  const commentsByKey = useMemo(() => {
    const map = new Map<string, ReviewComment[]>();
    for (const c of view.openComments) map.set(c.obligationKey, [...(map.get(c.obligationKey) ?? []), c]);
    return map;
  }, [view.openComments]);
  const answeredCount = view.obligations.filter((o) => drafts.get(o.key)?.result).length;
  const total = view.obligations.length;
  const busy = save.isPending || submit.isPending || importXlsx.isPending;
  const name = organisation.data ? organisationName(organisation.data) : operatorId;
  const failureTitle = failure
    ? t(failure.kind === 'submit' ? 'assessments.q.submitFailed' : failure.kind === 'save' ? 'assessments.q.saveFailed' : failure.kind === 'xlsx' ? 'assessments.q.importFailed' : 'assessments.q.uploadFailed')
    : '';

  return (
    <Stack gap="lg" data-testid="questionnaire-page" data-status={status} data-answers-are={view.answersAre}>
      <div>
        <Anchor component={Link} to={own ? '/assessments' : `/assessments/${encodeURIComponent(campaignId)}`} size="sm">
          {own ? t('assessments.back') : t('assessments.q.backToCampaign')}
        </Anchor>
        <Group justify="space-between" align="flex-start" mt="xs">
          <div>
            <Title order={1} size="h2">
              {t('assessments.q.title', { name })}
            </Title>
            <Text c="dimmed" size="sm">
              {pick(view.campaign.title, locale)} · {t('assessments.cycleDue', { cycle: view.campaign.cycle, due: view.campaign.dueDate })}
            </Text>
          </div>
          <SubmissionStatusBadge status={status} size="xl" data-testid="questionnaire-status" />
        </Group>
      </div>

      {failure && (
        <Alert color="red" variant="filled" title={failureTitle} role="alert" data-testid="questionnaire-error">
          <Text size="sm" data-testid="questionnaire-error-summary">
            {isAssessmentsProblem(failure.error) ? problemText(tr, failure.error, failureDetails.length, t('errors.generic')) : t('errors.generic')}
          </Text>
          {generalShown.length > 0 && (
            <List size="sm" mt="xs" data-testid="questionnaire-error-cells">
              {generalShown.map((d, i) => (
                <List.Item key={i} data-testid="questionnaire-error-cell">
                  {failure.kind === 'xlsx' ? cellText(tr, d) : detailText(tr, d)}
                </List.Item>
              ))}
            </List>
          )}
          {grouped.byObligation.size > 0 && failure.kind !== 'xlsx' && (
            <Text size="sm" mt="xs">
              {t('assessments.q.errorsMarked', { n: grouped.byObligation.size })}
            </Text>
          )}
          {failure.kind === 'xlsx' && grouped.byObligation.size > 0 && (
            <List size="sm" mt="xs" data-testid="questionnaire-error-cells">
              {[...grouped.byObligation.values()].flat().map((d, i) => (
                <List.Item key={i} data-testid="questionnaire-error-cell">
                  {cellText(tr, d)}
                </List.Item>
              ))}
            </List>
          )}
        </Alert>
      )}
      {saved && (
        <Alert color="green" variant="light" data-testid="questionnaire-saved" withCloseButton onClose={() => setSaved(null)}>
          {t(`assessments.q.done.${saved}`)}
        </Alert>
      )}
      {view.openComments.length > 0 && own && (
        <Alert color="orange" variant="light" title={t('assessments.q.returnedTitle')} data-testid="returned-notice">
          {t('assessments.q.returnedBody', { n: view.openComments.length })}
        </Alert>
      )}
      {!own && view.answersAre === 'none' && (
        <Alert color="gray" variant="light" data-testid="nothing-submitted">
          {t('assessments.q.nothingSubmitted')}
        </Alert>
      )}
      {!own && view.answersAre === 'snapshot' && view.snapshot && (
        <Text size="sm" c="dimmed" data-testid="snapshot-info">
          {t('assessments.q.snapshotInfo', { sequence: view.snapshot.sequence })} <DateTime iso={view.snapshot.signedOffAt} />
        </Text>
      )}

      <Paper withBorder p="md" radius="md">
        <Group justify="space-between" align="center" wrap="wrap" gap="sm">
          <div style={{ minWidth: 220 }}>
            <Text size="sm" data-testid="answered-count" data-answered={answeredCount} data-total={total}>
              {t('assessments.q.answered', { n: answeredCount, total })}
            </Text>
            <Progress value={total === 0 ? 0 : (answeredCount / total) * 100} size="sm" mt={4} />
          </div>
          <Group gap="xs">
            {editable && (
              <Button variant="default" onClick={() => save.mutate(answersToSend(view.obligations, drafts))} loading={save.isPending} disabled={busy} data-testid="save-draft">
                {t('assessments.q.save')}
              </Button>
            )}
            {canSubmit && (
              <Button onClick={() => setConfirmSubmit(true)} disabled={busy} data-testid="submit">
                {t('assessments.q.submit')}
              </Button>
            )}
            {canReview && <ReviewActions view={view} onDone={(next) => accept(next, 'reviewed')} />}
          </Group>
        </Group>
        <Group gap="md" mt="sm">
          <Anchor href={assessmentLinks.xlsx(campaignId, operatorId, locale)} size="sm" download data-testid="xlsx-download">
            {t('assessments.q.xlsxDownload')}
          </Anchor>
          {editable && (
            <FileButton onChange={(file) => file && importXlsx.mutate(file)} accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet">
              {(props) => (
                <Button {...props} size="compact-sm" variant="light" loading={importXlsx.isPending} data-testid="xlsx-upload">
                  {t('assessments.q.xlsxUpload')}
                </Button>
              )}
            </FileButton>
          )}
          <Anchor href={assessmentLinks.oscal(campaignId, operatorId, 'assessment-results')} size="sm" download data-testid="oscal-results">
            {t('assessments.q.oscalResults')}
          </Anchor>
          <Anchor href={assessmentLinks.oscal(campaignId, operatorId, 'poam')} size="sm" download data-testid="oscal-poam">
            {t('assessments.q.oscalPoam')}
          </Anchor>
        </Group>
      </Paper>

      <Stack gap="sm" data-testid="obligation-list">
        {view.obligations.map((o) => (
          <ObligationCard
            key={o.key}
            obligation={o}
            answer={drafts.get(o.key)}
            editable={editable}
            scale={view.campaign.maturityScale}
            errors={grouped.byObligation.get(o.key)}
            comments={commentsByKey.get(o.key)}
            evidence={evidence}
            onChange={onChange}
            onUpload={onUpload}
            uploading={uploadingFor === o.key}
            onRequestSupport={own && EDIT_ROLES.includes(me.role) ? onRequestSupport : undefined}
          />
        ))}
      </Stack>

      {(status !== 'draft' || view.events.length > 0) && <PlanPanel campaignId={campaignId} operatorId={operatorId} editable={own && EDIT_ROLES.includes(me.role)} />}
      <History view={view} />

      <Modal opened={confirmSubmit} onClose={() => setConfirmSubmit(false)} title={t('assessments.q.confirmTitle')}>
        <Stack>
          <Text size="sm" data-testid="submit-confirm-text">
            {t('assessments.q.confirmBody')}
          </Text>
          <Text size="sm" c="dimmed">
            {t('assessments.q.answered', { n: answeredCount, total })}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmSubmit(false)}>
              {t('assessments.cancel')}
            </Button>
            <Button onClick={() => submit.mutate(answersToSend(view.obligations, drafts))} loading={submit.isPending} data-testid="submit-confirm">
              {t('assessments.q.confirmSubmit')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <SupportRequestModal campaignId={campaignId} operatorId={operatorId} obligation={supportFor} onClose={() => setSupportFor(null)} />
    </Stack>
  );
}

function History({ view }: { view: QuestionnaireView }) {
  const { t } = useTranslation();
  if (view.events.length === 0 && view.returns.length === 0) return null;
  const byKey = new Map(view.obligations.map((o) => [o.key, o]));
  const locale = currentLocale();
  return (
    <Paper withBorder p="md" radius="md" data-testid="history">
      <Title order={2} size="h4" mb="sm">
        {t('assessments.history.title')}
      </Title>
      <Table verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('assessments.history.at')}</Table.Th>
            <Table.Th>{t('assessments.history.action')}</Table.Th>
            <Table.Th>{t('assessments.history.status')}</Table.Th>
            <Table.Th>{t('assessments.history.by')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {view.events.map((e, i) => (
            <Table.Tr key={i} data-testid="history-event" data-action={e.action}>
              <Table.Td>
                <DateTime iso={e.at} />
              </Table.Td>
              <Table.Td>{t(`assessments.action.${e.action}` as never)}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <SubmissionStatusBadge status={e.from} size="sm" />→<SubmissionStatusBadge status={e.to} size="sm" />
                </Group>
              </Table.Td>
              <Table.Td>{e.by}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {view.returns.map((r) => (
        <Stack key={r.snapshotSequence} gap={2} mt="sm">
          <Text size="sm" fw={600}>
            {t('assessments.history.returnRound', { sequence: r.snapshotSequence })}
          </Text>
          {r.comments.map((c, i) => {
            const o = byKey.get(c.obligationKey);
            return (
              <Text key={i} size="sm">
                {o ? `${o.sources[0]?.number ?? ''} ${pick(o.title, locale)}` : c.obligationKey}: {c.body}
              </Text>
            );
          })}
        </Stack>
      ))}
    </Paper>
  );
}
