import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { type Stringifier, stringify } from 'csv-stringify';
import type { RejectsSink } from '../../../domain/import/import-report.js';
import { neutralizeSpreadsheetText } from '../../../domain/spreadsheet-cell.js';

/**
 * A CSV of the rejected rows, UTF-8 with a byte-order mark (so spreadsheet programs read
 * Arabic right): four columns saying where and why (row, line, column, reason), then the
 * row's own cells under the file's headers. Fix the rows, delete the first four columns and
 * import the file again. The file is only created when a row is rejected. For a download
 * (`isForDownload`), text a spreadsheet would run as a formula is neutralised.
 */
export function createRejectsFile(path: string, isForDownload = false): RejectsSink {
  const cell = isForDownload ? neutralizeSpreadsheetText : (text: string) => text;
  let headers: string[] = [];
  let csv: Stringifier | null = null;
  let finished: Promise<unknown> = Promise.resolve();
  let count = 0;
  const open = (): Stringifier => {
    const out = createWriteStream(path);
    const stringifier = stringify({ bom: true });
    stringifier.pipe(out);
    finished = once(out, 'finish');
    stringifier.write(
      ['rejected row', 'rejected line', 'rejected column', 'reason', ...headers].map(cell),
    );
    return stringifier;
  };
  return {
    start(columns) {
      headers = columns;
    },
    write(cells, rejection) {
      csv ??= open();
      count += 1;
      csv.write(
        [
          String(rejection.row),
          rejection.line === null ? '' : String(rejection.line),
          rejection.column ?? '',
          rejection.reason,
          ...cells,
        ].map(cell),
      );
    },
    async close() {
      if (!csv) return;
      csv.end();
      await finished;
    },
    get count() {
      return count;
    },
  };
}
