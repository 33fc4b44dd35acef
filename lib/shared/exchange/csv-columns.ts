/**
 * The columns of the CSV export: one row per flag, note or creator (the `type` column says
 * which), nested fields flattened with dotted names, evidence as a JSON array in one cell.
 * An empty cell is an absent optional field.
 */
export const CSV_COLUMNS = [
  'type',
  'id',
  'revision',
  'reviewer',
  'createdAt',
  'updatedAt',
  'deleted',
  'policyId',
  'policyVersion',
  'ruleId',
  'severity',
  'source',
  'status',
  'note',
  'evidence',
  'text',
  'target',
  'item.platform',
  'item.kind',
  'item.itemId',
  'item.url',
  'item.creatorId',
  'item.creatorHandle',
  'item.title',
  'item.market',
  'creator.platform',
  'creator.creatorId',
  'creator.handle',
  'creator.displayName',
  'creator.lastSeenAt',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];
export type CsvRow = Partial<Record<CsvColumn, string>>;

/**
 * Spreadsheet programs run a cell that starts with = + - @ (or a tab / CR) as a formula, and
 * page text is written by strangers: such a cell is written with a leading apostrophe, which
 * the programs show as text. Reading removes one leading apostrophe, so a value that itself
 * starts with one is written with a second: the guard round-trips every string.
 */
const FORMULA_START = /^[=+\-@\t\r']/;

export const guardCell = (value: string) => (FORMULA_START.test(value) ? `'${value}` : value);
export const unguardCell = (value: string) => (value.startsWith("'") ? value.slice(1) : value);
