// Reading and writing the programme spreadsheet. exceljs is large (≈ 1 MB minified), so it is loaded
// with import() only when a coordinator opens the import/export screen; no other page downloads it.
// CSV is read without it (exceljs reads CSV only from Node streams).
import { decodeCsvBytes, parseCsv } from './csv';
import type { SheetCell } from './programme-sheet';

type ExcelValue = SheetCell | { richText?: { text: string }[]; text?: string; result?: SheetCell; error?: string };

/** Formulas give their last computed result, rich text and links their visible text. */
function plainCell(v: ExcelValue): SheetCell {
  if (v === null || typeof v !== 'object' || v instanceof Date) return v;
  if (v.richText) return v.richText.map((r) => r.text).join('');
  if ('result' in v) return plainCell(v.result as ExcelValue);
  if (typeof v.text === 'string') return v.text;
  return '';
}

/** The first worksheet of an .xlsx file, or a .csv file, as rows of cells. */
export async function readSheetFile(name: string, bytes: ArrayBuffer): Promise<SheetCell[][]> {
  if (/\.csv$/i.test(name)) return parseCsv(decodeCsvBytes(new Uint8Array(bytes)));
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes);
  const sheet = book.worksheets[0];
  if (!sheet) return [];
  const rows: SheetCell[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: SheetCell[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) cells.push(plainCell(row.getCell(c).value as ExcelValue));
    rows.push(cells);
  }
  return rows;
}

/** An .xlsx file of the given table, every cell as text (a time stays the Qingdao time written). */
export function writeSheetFile(table: readonly (readonly string[])[], sheetName: string): Promise<ArrayBuffer> {
  return writeWorkbook([{ name: sheetName, rows: table }]);
}

export interface Sheet {
  name: string;
  rows: readonly (readonly SheetCell[])[];
}

/** An .xlsx file of several sheets, each headed by its first row (bold); numbers stay numbers. */
export async function writeWorkbook(sheets: readonly Sheet[]): Promise<ArrayBuffer> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  for (const { name, rows } of sheets) {
    const sheet = book.addWorksheet(name);
    for (const row of rows) sheet.addRow([...row]);
    sheet.getRow(1).font = { bold: true };
    sheet.columns.forEach((col) => (col.width = 18));
  }
  return (await book.xlsx.writeBuffer()) as ArrayBuffer;
}
