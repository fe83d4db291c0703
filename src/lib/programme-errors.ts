// The Chinese text for every programme error code (the SQL raises the codes), shown beside its field.
export interface ProgrammeErrorText {
  field: string;
  message: string;
}

export const programmeErrors: Record<string, ProgrammeErrorText> = {
  // Checked in the browser before anything is sent: the file itself cannot be read as a programme.
  column_missing: { field: 'file', message: '表格缺少这一列（第一行要写列名）。' },
  file_unreadable: { field: 'file', message: '这个文件打不开，请选择 .xlsx 或 .csv 文件。' },
  position_unreadable: { field: 'paste', message: '没有读出坐标，请粘贴“经度,纬度”两个数字，例如 120.3826,36.0671。' },
};

/** The text for a code, or a plain fallback that still names the code for whoever helps. */
export function programmeErrorText(code: string): string {
  return programmeErrors[code]?.message ?? `这一项有问题（${code}），请检查后再试。`;
}
