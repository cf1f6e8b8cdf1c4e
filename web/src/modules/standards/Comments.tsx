import { Badge, Button, Group, Paper, Select, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { DateTime } from '../../components/DateTime';
import { ErrorAlert } from '../../components/ErrorAlert';
import { standardsKeys, standardsPaths } from './queries';
import type { AnswerStatus, RequirementComment } from './types';

const ANSWER_STATUSES: AnswerStatus[] = ['accepted', 'considered', 'declined'];
const ANSWER_COLORS: Record<AnswerStatus, string> = { accepted: 'green', considered: 'blue', declined: 'gray' };

export interface ConsultationRights {
  /** The draft is open for consultation and the caller's role may comment. */
  canComment: boolean;
  /** The caller's organisation owns the document (and may answer). */
  canAnswer: boolean;
}

export function CommentList({ versionId, nodeId, comments, rights }: { versionId: string; nodeId: string; comments: RequirementComment[]; rights: ConsultationRights }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" data-testid="comments">
      <Text size="sm" fw={600}>
        {t('standards.comments.title')}
      </Text>
      {comments.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('standards.comments.none')}
        </Text>
      )}
      {comments.map((c) => (
        <CommentItem key={c.id} comment={c} canAnswer={rights.canAnswer} versionId={versionId} />
      ))}
      {rights.canComment && <NewComment versionId={versionId} nodeId={nodeId} />}
    </Stack>
  );
}

export function CommentItem({ comment, canAnswer, versionId, heading }: { comment: RequirementComment; canAnswer: boolean; versionId: string; heading?: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" radius="sm" data-testid="comment" data-comment-id={comment.id}>
      {heading}
      <Group gap="xs" mb={4}>
        <Text size="xs" c="dimmed">
          {comment.organisationId} · {comment.author} · <DateTime iso={comment.createdAt} />
        </Text>
      </Group>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {comment.body}
      </Text>
      {comment.answer ? (
        <Paper bg="var(--mantine-color-gray-0)" p="xs" mt="xs" radius="sm" data-testid="comment-answer">
          <Group gap="xs" mb={4}>
            <Badge size="sm" color={ANSWER_COLORS[comment.answer.status]} variant="light" tt="none">
              {t(`standards.comments.answerStatus.${comment.answer.status}`)}
            </Badge>
            <Text size="xs" c="dimmed">
              {comment.answer.by} · <DateTime iso={comment.answer.at} />
            </Text>
          </Group>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {comment.answer.body}
          </Text>
        </Paper>
      ) : canAnswer ? (
        <AnswerForm commentId={comment.id} versionId={versionId} />
      ) : (
        <Text size="xs" c="dimmed" mt={4}>
          {t('standards.comments.unanswered')}
        </Text>
      )}
    </Paper>
  );
}

function NewComment({ versionId, nodeId }: { versionId: string; nodeId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [body, setBody] = useState('');
  const add = useMutation({
    mutationFn: () => api.post<RequirementComment>(`${standardsPaths.version(versionId)}/comments`, { nodeId, body }),
    onSuccess: () => {
      setBody('');
      void client.invalidateQueries({ queryKey: standardsKeys.comments(versionId) });
    },
  });
  return (
    <Stack gap={4}>
      <Textarea
        label={t('standards.comments.add')}
        placeholder={t('standards.comments.placeholder')}
        value={body}
        onChange={(e) => setBody(e.currentTarget.value)}
        autosize
        minRows={2}
        data-testid="comment-input"
      />
      {add.isError && <ErrorAlert error={add.error} title={t('standards.comments.failed')} />}
      <Group>
        <Button size="xs" onClick={() => add.mutate()} loading={add.isPending} disabled={!body.trim()} data-testid="comment-submit">
          {t('standards.comments.submit')}
        </Button>
      </Group>
    </Stack>
  );
}

function AnswerForm({ commentId, versionId }: { commentId: string; versionId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [status, setStatus] = useState<AnswerStatus>('considered');
  const [body, setBody] = useState('');
  const answer = useMutation({
    mutationFn: () => api.post<RequirementComment>(`/api/v1/standards/comments/${encodeURIComponent(commentId)}/answer`, { status, body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: standardsKeys.comments(versionId) }),
  });
  return (
    <Stack gap={4} mt="xs">
      <Group align="flex-end" gap="xs">
        <Select
          label={t('standards.comments.answerStatusLabel')}
          data={ANSWER_STATUSES.map((s) => ({ value: s, label: t(`standards.comments.answerStatus.${s}`) }))}
          value={status}
          onChange={(v) => v && setStatus(v as AnswerStatus)}
          allowDeselect={false}
          w={160}
          size="xs"
        />
        <Textarea
          label={t('standards.comments.answerBody')}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          autosize
          minRows={1}
          size="xs"
          style={{ flex: 1 }}
        />
        <Button size="xs" onClick={() => answer.mutate()} loading={answer.isPending} disabled={!body.trim()}>
          {t('standards.comments.answer')}
        </Button>
      </Group>
      {answer.isError && <ErrorAlert error={answer.error} title={t('standards.comments.failed')} />}
    </Stack>
  );
}
