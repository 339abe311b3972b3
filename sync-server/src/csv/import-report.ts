// What every CSV import (contacts, products) is asked, and the head of what it answers: whether it
// wrote, the delimiter it read and how the columns mapped. Each import adds its own counts and rows;
// the routes' OpenAPI shape of the same head is importReportHead (api/csv-routes.ts).

/** What every import is asked: a dry run or not, skip the invalid rows or not, and the time. */
export type ImportRunOptions = { dryRun: boolean; skipInvalid: boolean; now: Date };

/** The head of every import's report. */
export type ImportReportHead = {
  dryRun: boolean;
  written: boolean;
  delimiter: string;
  columns: { mapped: Record<string, string>; ignored: string[] };
};
