import { createTheme } from '@mantine/core';

const fontFamily = '"Noto Sans JP", "Noto Sans CJK JP", sans-serif';

export const theme = createTheme({
  fontFamily,
  headings: { fontFamily },
  primaryColor: 'indigo',
  defaultRadius: 'sm',
});
