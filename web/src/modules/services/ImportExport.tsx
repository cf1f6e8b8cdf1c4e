import { Alert, Button, FileButton, Group, Menu, ScrollArea, Table, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isModuleProblem, type ProblemDetail } from './http';
import { detailText, importColumn, importRow, problemText } from './problems';
import type { ImportResult } from './types';
import { useTranslator } from './useTranslator';

interface ImportExportProps {
  /** Download link of the export in `format`. */
  exportUrl: (format: 'csv' | 'xlsx') => string;
  /** Sends the file; all-or-nothing on the server. */
  importFile?: (file: File) => Promise<ImportResult>;
  /** Called after a successful import (refresh lists). */
  onImported?: () => void;
  /** Column names in the reader's language, by the API's field name. */
  columnLabel?: (column: string) => string;
  testId: string;
}

/** CSV/XLSX export menu and an import button whose refusal lists every bad row with its column. */
export function ImportExport({ exportUrl, importFile, onImported, columnLabel, testId }: ImportExportProps) {
  const { t } = useTranslation();
  const tr = useTranslator();
  const upload = useMutation({
    mutationFn: (file: File) => {
      if (!importFile) throw new Error('no import');
      return importFile(file);
    },
    onSuccess: () => onImported?.(),
  });
  const result = upload.data;
  const details: ProblemDetail[] = isModuleProblem(upload.error) ? upload.error.details : [];

  return (
    <>
      <Group gap="xs">
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Button variant="default" size="sm" data-testid={`${testId}-export`}>
              {t('ciCommon.export')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item component="a" href={exportUrl('csv')} download data-testid={`${testId}-export-csv`}>
              {t('ciCommon.exportCsv')}
            </Menu.Item>
            <Menu.Item component="a" href={exportUrl('xlsx')} download data-testid={`${testId}-export-xlsx`}>
              {t('ciCommon.exportXlsx')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
        {importFile && (
          <FileButton onChange={(file) => file && upload.mutate(file)} accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet">
            {(props) => (
              <Button {...props} variant="default" size="sm" loading={upload.isPending} data-testid={`${testId}-import`}>
                {t('ciCommon.import')}
              </Button>
            )}
          </FileButton>
        )}
      </Group>
      {upload.isSuccess && (
        <Alert color="green" variant="light" data-testid={`${testId}-import-done`} withCloseButton onClose={() => upload.reset()}>
          {result && t('ciCommon.imported', { n: result.received ?? result.rows ?? result.created + result.updated + result.unchanged, created: result.created, updated: result.updated, unchanged: result.unchanged })}
        </Alert>
      )}
      {upload.isError && (
        <Alert color="red" variant="light" role="alert" title={t('ciCommon.importRefused')} data-testid={`${testId}-import-errors`} withCloseButton onClose={() => upload.reset()}>
          <Text size="sm" mb="xs">
            {problemText(tr, upload.error, details.length, t('errors.generic'))}
          </Text>
          {details.length > 0 && (
            <ScrollArea.Autosize mah={280} type="auto">
              <Table fz="sm" withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('ciCommon.row')}</Table.Th>
                    <Table.Th>{t('ciCommon.column')}</Table.Th>
                    <Table.Th>{t('ciCommon.problem')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {details.map((d, i) => {
                    const row = importRow(d);
                    const column = importColumn(d);
                    return (
                      <Table.Tr key={`${d.path}-${i}`} data-testid="import-error-row" data-row={row ?? ''}>
                        <Table.Td>{row ?? ''}</Table.Td>
                        <Table.Td>{column ? (columnLabel ? columnLabel(column) : column) : ''}</Table.Td>
                        <Table.Td>{detailText(tr, d)}</Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </ScrollArea.Autosize>
          )}
        </Alert>
      )}
    </>
  );
}
