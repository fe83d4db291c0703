import { describe, expect, it } from 'vitest';
import { csvCell, ROSTER_CONFIDENTIAL_LINE, rosterCsv, rosterFilename, toCsv } from '../../src/lib/csv';

describe('csvCell', () => {
  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('说"骗子"')).toBe('"说""骗子"""');
    expect(csvCell('一\n二')).toBe('"一\n二"');
  });
  it('writes numbers plainly and empties for missing values', () => {
    expect(csvCell(1200)).toBe('1200');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });
  it('defuses text that a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('+861')).toBe("'+861");
    expect(csvCell('@cmd')).toBe("'@cmd");
  });
});

describe('toCsv', () => {
  it('starts with a UTF-8 BOM and ends rows with CRLF', () => {
    const text = toCsv([
      ['活动', '人次'],
      ['社区宣讲', 300],
    ]);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1)).toBe('活动,人次\r\n社区宣讲,300\r\n');
  });
});

describe('roster export', () => {
  it('marks the file confidential in its first line and its name, with full phones', () => {
    const text = rosterCsv(
      '社区宣讲',
      [
        { role: 'helper', name: '张三', phone: '13812341234', organisation: null, status: 'confirmed', checked_in_at: '2026-11-27T02:00:00Z' },
        { role: 'speaker', name: '李四', phone: '13900001111', organisation: '派出所', status: 'waitlisted', checked_in_at: null },
      ],
      // Any role ids: the labels come from the catalogue with the roster.
      (r) => ({ helper: '引导员', speaker: '讲解员' })[r] ?? r,
      () => '10:00',
    );
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe(ROSTER_CONFIDENTIAL_LINE);
    expect(lines[0]).toContain('保密');
    expect(lines[3]).toBe('引导员,张三,13812341234,,已确认,10:00');
    expect(lines[4]).toBe('讲解员,李四,13900001111,派出所,候补,未签到');
    expect(rosterFilename('2026-12-shinan-talk')).toBe('保密-花名册-2026-12-shinan-talk.csv');
    expect(rosterFilename('a/../b')).toBe('保密-花名册-ab.csv');
  });
});
