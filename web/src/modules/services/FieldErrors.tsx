import { Stack, Text } from '@mantine/core';
import type { ProblemDetail } from './http';
import { detailText } from './problems';
import { useTranslator } from './useTranslator';

/** The server's errors for one field, in the reader's language, under that field. */
export function FieldErrors({ details, testId }: { details: readonly ProblemDetail[]; testId?: string }) {
  const tr = useTranslator();
  if (details.length === 0) return null;
  return (
    <Stack gap={2} data-testid={testId}>
      {details.map((d, i) => (
        <Text key={`${d.path}-${i}`} size="xs" c="red" role="alert" data-testid="field-error" data-path={d.path}>
          {detailText(tr, d)}
        </Text>
      ))}
    </Stack>
  );
}

/** The first error of a field as Mantine's `error` prop (the input turns red and names it). */
export function firstError(details: readonly ProblemDetail[], tr: ReturnType<typeof useTranslator>): string | undefined {
  const first = details[0];
  return first ? detailText(tr, first) : undefined;
}
