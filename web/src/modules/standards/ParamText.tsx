import { Mark, Text, type TextProps } from '@mantine/core';
import { currentLocale } from '../../i18n';
import { insertParams } from './text';
import type { Parameter } from './types';

/** A requirement's text with its `{{ insert: param, id }}` placeholders replaced by the values, marked. */
export function ParamText({ text, parameters, ...props }: { text: string; parameters: readonly Parameter[] } & TextProps) {
  const locale = currentLocale();
  return (
    <Text {...props} style={{ whiteSpace: 'pre-wrap' }}>
      {insertParams(text, parameters, locale).map((segment, i) =>
        segment.kind === 'text' ? (
          <span key={i}>{segment.text}</span>
        ) : (
          <Mark key={i} color={segment.known ? 'blue' : 'red'} px={2} data-param-id={segment.id}>
            {segment.value}
          </Mark>
        ),
      )}
    </Text>
  );
}
