import { ActionIcon, Alert, Anchor, Badge, Button, FileButton, Grid, Group, Modal, Paper, SegmentedControl, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { currentLocale } from '../../i18n';
import { StrengthBadge } from '../standards/labels';
import { pick } from '../standards/text';
import type { Obligation } from '../standards/types';
import { assessmentLinks, assessmentsApi, type ProblemDetail } from './api';
import { RESULT_COLORS } from './labels';
import { detailText } from './problems';
import { ANSWER_RESULTS, type Answer, type AnswerResult, type EvidenceRecord, type MaturityScale, type ReviewComment } from './types';
import { useTranslator } from './useTranslator';

/** An answer being edited: the result may still be missing. */
export type AnswerDraft = Omit<Answer, 'result'> & { result: AnswerResult | null };

const RELATION_KEYS = {
  'equivalent-to': 'assessments.q.relation.equivalent-to',
  'subset-of': 'assessments.q.relation.subset-of',
  'superset-of': 'assessments.q.relation.superset-of',
  'same-origin': 'assessments.q.relation.same-origin',
} as const;
const relationKey = (r: string | undefined) => (r && r in RELATION_KEYS ? RELATION_KEYS[r as keyof typeof RELATION_KEYS] : 'assessments.q.relation.linked');

export const isGapResult = (r: AnswerResult | null) => r === 'partially' || r === 'not_implemented';

/** The official numbers of an obligation, without repeats (a merged obligation has several sources). */
export function numbersOf(o: Obligation): string[] {
  return [...new Set(o.sources.map((s) => s.number))];
}

interface CardProps {
  obligation: Obligation;
  answer: AnswerDraft | undefined;
  editable: boolean;
  scale: MaturityScale;
  errors: ProblemDetail[] | undefined;
  comments: ReviewComment[] | undefined;
  evidence: ReadonlyMap<string, EvidenceRecord>;
  /** Present for the operator itself: ask the ministry for support on this item. */
  onRequestSupport?: (obligation: Obligation) => void;
  onChange: (obligation: Obligation, patch: Partial<AnswerDraft>) => void;
  onUpload: (obligation: Obligation, file: File) => void;
  uploading: boolean;
}

/** One obligation of the questionnaire with its answer (editable or as submitted), errors and review comments. */
export const ObligationCard = memo(function ObligationCard(props: CardProps) {
  const { obligation: o, answer, editable, scale, errors, comments, evidence, onChange, onUpload, uploading, onRequestSupport } = props;
  const { t } = useTranslation();
  const tr = useTranslator();
  const locale = currentLocale();
  const result = answer?.result ?? null;
  const hasErrors = (errors?.length ?? 0) > 0;
  const hasComments = (comments?.length ?? 0) > 0;
  const set = (patch: Partial<AnswerDraft>) => onChange(o, patch);
  const errorAt = (field: string) => {
    const list = (errors ?? []).filter((e) => e.path.endsWith(`.${field}`) || e.path.includes(`.${field}.`) || e.path.includes(`.${field}[`));
    return list.length > 0 ? list.map((e) => detailText(tr, e)).join(' ') : undefined;
  };
  const levels = Array.from({ length: scale.max - scale.min + 1 }, (_, i) => scale.min + i);
  const source = o.sources[0];

  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      data-testid="obligation-card"
      data-key={o.key}
      data-number={numbersOf(o)[0] ?? ''}
      data-result={result ?? ''}
      data-has-errors={hasErrors ? 'true' : 'false'}
      style={hasErrors ? { borderColor: 'var(--mantine-color-red-6)', borderWidth: 2 } : hasComments ? { borderColor: 'var(--mantine-color-orange-5)', borderWidth: 2 } : undefined}
    >
      <Stack gap="xs">
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <Group gap={4}>
            {numbersOf(o).map((n) => (
              <Badge key={n} variant="outline" color="gray" tt="none" data-testid="obligation-number">
                {n}
              </Badge>
            ))}
          </Group>
          <StrengthBadge strength={o.strength} />
          <Text fw={600} data-testid="obligation-title">
            {pick(o.title, locale)}
          </Text>
        </Group>
        {source && (
          <Text size="xs" c="dimmed">
            {pick(source.documentTitle, locale)}
          </Text>
        )}
        {o.sources.length > 1 && (
          <Text size="xs" c="dimmed" data-testid="inherited-sources">
            {t('assessments.q.inherited')}:{' '}
            {o.sources.slice(1).map((s, i) => {
              // The crosswalk row that merged this source, as the resolver recorded it (from or to this source).
              const name = `${s.versionId}#${s.nodeId}`;
              const link = o.mergedBy.find((m) => m.from === name || m.to === name);
              return (
                <span key={name}>
                  {i > 0 ? t('assessments.q.listSeparator') : ''}
                  {t('assessments.q.inheritedItem', { document: pick(s.documentTitle, locale), number: s.number, relation: t(relationKey(link?.relationship)) })}
                </span>
              );
            })}
          </Text>
        )}
        {o.plain && <Text size="sm">{pick(o.plain, locale)}</Text>}
        <Text size="xs" c="dimmed" lineClamp={3}>
          {pick(o.text, locale)}
        </Text>

        {hasComments && (
          <Alert color="orange" variant="light" title={t('assessments.q.reviewComment')} data-testid="open-comment">
            {comments!.map((c, i) => (
              <Text key={i} size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {c.body}
              </Text>
            ))}
          </Alert>
        )}
        {hasErrors && (
          <Alert color="red" variant="light" data-testid="answer-errors" role="alert">
            {errors!.map((e, i) => (
              <Text key={i} size="sm" data-testid="answer-error" data-code={e.code ?? ''}>
                {detailText(tr, e)}
              </Text>
            ))}
          </Alert>
        )}

        {editable ? (
          <>
            <Grid gap="sm" align="flex-start">
              <Grid.Col span={{ base: 12, md: 6 }}>
                <Text size="sm" fw={500} mb={2}>
                  {t('assessments.q.result')}
                </Text>
                <SegmentedControl
                  value={result ?? ''}
                  onChange={(v) => set({ result: v as AnswerResult })}
                  data={ANSWER_RESULTS.map((r) => ({ value: r, label: t(`assessments.result.${r}`) }))}
                  color={result ? RESULT_COLORS[result] : undefined}
                  fullWidth
                  data-testid="answer-result"
                  aria-label={t('assessments.q.result')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
                <Select
                  label={t('assessments.q.maturity')}
                  data={levels.map((level) => ({ value: String(level), label: `${level} — ${pick(scale.labels[level - scale.min], locale)}` }))}
                  value={answer?.maturity === null || answer?.maturity === undefined ? null : String(answer.maturity)}
                  onChange={(v) => set({ maturity: v === null ? null : Number(v) })}
                  clearable
                  error={errorAt('maturity')}
                  data-testid="answer-maturity"
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
                <TextInput
                  type="date"
                  label={t('assessments.q.targetDate')}
                  description={isGapResult(result) ? t('assessments.q.targetDateHint') : undefined}
                  withAsterisk={isGapResult(result)}
                  value={answer?.targetDate ?? ''}
                  onChange={(e) => set({ targetDate: e.currentTarget.value || null })}
                  error={errorAt('targetDate')}
                  data-testid="answer-target-date"
                />
              </Grid.Col>
            </Grid>
            {result === 'not_applicable' && (
              <Textarea
                label={t('assessments.q.notApplicableReason')}
                withAsterisk
                value={answer?.notApplicableReason ?? ''}
                onChange={(e) => set({ notApplicableReason: e.currentTarget.value })}
                autosize
                minRows={1}
                error={errorAt('notApplicableReason')}
                data-testid="answer-na-reason"
              />
            )}
            <Textarea
              label={t('assessments.q.comment')}
              value={answer?.comment ?? ''}
              onChange={(e) => set({ comment: e.currentTarget.value })}
              autosize
              minRows={1}
              data-testid="answer-comment"
            />
          </>
        ) : (
          <ReadOnlyAnswer answer={answer} scale={scale} />
        )}

        <Group gap="xs" align="center">
          <Text size="xs" fw={600}>
            {t('assessments.q.evidence')}
          </Text>
          {(answer?.evidenceIds ?? []).length === 0 && (
            <Text size="xs" c="dimmed">
              {t('common.none')}
            </Text>
          )}
          {(answer?.evidenceIds ?? []).map((id) => (
            <Group key={id} gap={2} data-testid="evidence-link">
              <Anchor href={assessmentLinks.evidence(id)} size="xs" download>
                {evidence.get(id)?.fileName ?? t('assessments.q.evidenceFile', { id: id.slice(0, 8) })}
              </Anchor>
              {editable && (
                <ActionIcon
                  size="xs"
                  variant="subtle"
                  color="red"
                  aria-label={t('assessments.q.unlinkEvidence')}
                  onClick={() => set({ evidenceIds: (answer?.evidenceIds ?? []).filter((x) => x !== id) })}
                >
                  ×
                </ActionIcon>
              )}
            </Group>
          ))}
          {editable && (
            <FileButton onChange={(file) => file && onUpload(o, file)}>
              {(buttonProps) => (
                <Button {...buttonProps} size="compact-xs" variant="light" loading={uploading} data-testid="evidence-upload">
                  {t('assessments.q.uploadEvidence')}
                </Button>
              )}
            </FileButton>
          )}
          {onRequestSupport && (
            <Button size="compact-xs" variant="subtle" ml="auto" onClick={() => onRequestSupport(o)} data-testid="request-support">
              {t('assessments.q.requestSupport')}
            </Button>
          )}
        </Group>
        {errorAt('evidenceIds') && (
          <Text size="xs" c="red">
            {errorAt('evidenceIds')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
});

function ReadOnlyAnswer({ answer, scale }: { answer: AnswerDraft | undefined; scale: MaturityScale }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  if (!answer || !answer.result) {
    return (
      <Text size="sm" c="dimmed" data-testid="answer-readonly">
        {t('assessments.q.unanswered')}
      </Text>
    );
  }
  return (
    <Stack gap={4} data-testid="answer-readonly" data-result={answer.result}>
      <Group gap="sm">
        <Badge color={RESULT_COLORS[answer.result]} variant="light" tt="none">
          {t(`assessments.result.${answer.result}`)}
        </Badge>
        {answer.maturity !== null && (
          <Text size="sm">
            {t('assessments.q.maturityShown', { level: answer.maturity, label: pick(scale.labels[answer.maturity - scale.min], locale) })}
          </Text>
        )}
        {answer.targetDate && <Text size="sm">{t('assessments.q.targetDateShown', { date: answer.targetDate })}</Text>}
      </Group>
      {answer.notApplicableReason && <Text size="sm">{t('assessments.q.reasonShown', { reason: answer.notApplicableReason })}</Text>}
      {answer.comment && (
        <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
          {answer.comment}
        </Text>
      )}
    </Stack>
  );
}

/** S20: the operator flags an item it cannot meet alone, with a reason the ministry reads. */
export function SupportRequestModal({ campaignId, operatorId, obligation, onClose }: { campaignId: string; operatorId: string; obligation: Obligation | null; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [reason, setReason] = useState('');
  const [sent, setSent] = useState(false);
  const send = useMutation({
    mutationFn: () => assessmentsApi.requestSupport(campaignId, operatorId, obligation!.key, reason),
    onSuccess: () => setSent(true),
  });
  const close = () => {
    setReason('');
    setSent(false);
    send.reset();
    onClose();
  };
  return (
    <Modal opened={obligation !== null} onClose={close} title={t('assessments.q.supportTitle')}>
      {obligation && (
        <Stack>
          <Text size="sm" fw={600}>
            {numbersOf(obligation).join(', ')} {pick(obligation.title, locale)}
          </Text>
          {sent ? (
            <Alert color="green" variant="light" data-testid="support-sent">
              {t('assessments.q.supportSent')}
            </Alert>
          ) : (
            <>
              <Text size="sm" c="dimmed">
                {t('assessments.q.supportHint')}
              </Text>
              <Textarea label={t('assessments.q.supportReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={3} data-testid="support-reason" />
              {send.isError && <ErrorAlert error={send.error} title={t('assessments.q.supportFailed')} />}
            </>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t(sent ? 'assessments.closeDialog' : 'assessments.cancel')}
            </Button>
            {!sent && (
              <Button onClick={() => send.mutate()} loading={send.isPending} disabled={reason.trim() === ''} data-testid="support-send">
                {t('assessments.q.supportSend')}
              </Button>
            )}
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
