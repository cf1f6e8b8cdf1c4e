import { Alert, Button, Group, Modal, MultiSelect, Stack, Text, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n';
import { pick } from '../standards/text';
import type { Obligation } from '../standards/types';
import { assessmentsApi, isAssessmentsProblem } from './api';
import { numbersOf } from './ObligationCard';
import { detailText, problemText } from './problems';
import type { QuestionnaireView } from './types';
import { useTranslator } from './useTranslator';

function ProblemAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const tr = useTranslator();
  if (!error) return null;
  const details = isAssessmentsProblem(error) ? error.details : [];
  return (
    <Alert color="red" variant="light" role="alert" data-testid="review-error">
      <Text size="sm">{problemText(tr, error, details.length, t('errors.generic'))}</Text>
      {details.map((d, i) => (
        <Text key={i} size="sm">
          {detailText(tr, d)}
        </Text>
      ))}
    </Alert>
  );
}

const label = (o: Obligation, locale: 'ja' | 'en') => `${numbersOf(o).join(', ')} ${pick(o.title, locale)}`;

/**
 * The reviewer's two decisions on a submitted snapshot: return it with a comment per chosen item, or
 * accept it. Returning or accepting a "submitted" snapshot starts the review on the way (the API does).
 */
export function ReviewActions({ view, onDone }: { view: QuestionnaireView; onDone: (next: QuestionnaireView) => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [mode, setMode] = useState<'return' | 'accept' | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const [bodies, setBodies] = useState<Record<string, string>>({});
  const campaignId = view.campaign.id;
  const operatorId = view.target.operatorId;
  const answered = new Set(view.answers.map((a) => a.obligationKey));
  const options = view.obligations.filter((o) => answered.has(o.key)).map((o) => ({ value: o.key, label: label(o, locale) }));

  const review = useMutation({
    mutationFn: (action: 'return' | 'accept') =>
      assessmentsApi.review(campaignId, operatorId, action, action === 'return' ? picked.map((key) => ({ obligationKey: key, body: bodies[key] ?? '' })) : []),
    onSuccess: (next) => {
      setMode(null);
      setPicked([]);
      setBodies({});
      onDone(next);
    },
  });
  const open = (m: 'return' | 'accept') => {
    review.reset();
    setMode(m);
  };

  return (
    <>
      <Group gap="sm" data-testid="review-actions">
        <Button color="orange" variant="light" onClick={() => open('return')} data-testid="review-return">
          {t('assessments.review.return')}
        </Button>
        <Button color="green" onClick={() => open('accept')} data-testid="review-accept">
          {t('assessments.review.accept')}
        </Button>
      </Group>
      <Modal opened={mode === 'return'} onClose={() => setMode(null)} title={t('assessments.review.returnTitle')} size="lg">
        <Stack>
          <Text size="sm" c="dimmed">
            {t('assessments.review.returnHint')}
          </Text>
          <MultiSelect
            label={t('assessments.review.items')}
            data={options}
            value={picked}
            onChange={setPicked}
            searchable
            data-testid="review-items"
          />
          {picked.map((key) => {
            const o = view.obligations.find((x) => x.key === key);
            return (
              <Textarea
                key={key}
                label={o ? label(o, locale) : key}
                placeholder={t('assessments.review.commentPlaceholder')}
                value={bodies[key] ?? ''}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  setBodies((all) => ({ ...all, [key]: value }));
                }}
                autosize
                minRows={2}
                data-testid="review-comment"
                data-key={key}
              />
            );
          })}
          <ProblemAlert error={review.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setMode(null)}>
              {t('assessments.cancel')}
            </Button>
            <Button
              color="orange"
              loading={review.isPending}
              disabled={picked.length === 0 || picked.some((k) => (bodies[k] ?? '').trim() === '')}
              onClick={() => review.mutate('return')}
              data-testid="review-return-confirm"
            >
              {t('assessments.review.returnConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={mode === 'accept'} onClose={() => setMode(null)} title={t('assessments.review.acceptTitle')}>
        <Stack>
          <Text size="sm">{t('assessments.review.acceptBody')}</Text>
          <ProblemAlert error={review.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setMode(null)}>
              {t('assessments.cancel')}
            </Button>
            <Button color="green" loading={review.isPending} onClick={() => review.mutate('accept')} data-testid="review-accept-confirm">
              {t('assessments.review.acceptConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
