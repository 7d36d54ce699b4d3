import { currencyExponent, type Money } from '../domain/money.js';

/** 123456789 USD → "1,234,567.89" (grouped, with the currency's minor digits). */
export function formatMinor(money: Money): string {
  const digits = currencyExponent(money.currency);
  const text = String(Math.abs(money.minor)).padStart(digits + 1, '0');
  const whole = text.slice(0, text.length - digits).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = digits > 0 ? `.${text.slice(text.length - digits)}` : '';
  return `${money.minor < 0 ? '-' : ''}${whole}${fraction}`;
}

/** The same with the currency code after it; "—" for no amount. */
export function formatMoney(money: Money | null): string {
  return money === null ? '—' : `${formatMinor(money)} ${money.currency}`;
}

/** 0.4567 → "45.7%"; "—" for no value. */
export function percent(share: number | null): string {
  return share === null ? '—' : `${(share * 100).toFixed(1)}%`;
}

/** One line of cells: the first left-aligned, the others right-aligned to `widths`. */
export function tableRow(cells: string[], widths: number[]): string {
  return cells
    .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
    .join('  ')
    .trimEnd();
}

/** Prints rows under a title and a header, each column as wide as its widest cell. */
export function printTable(title: string, header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  console.log(`\n${title}`);
  console.log(tableRow(header, widths));
  console.log(
    tableRow(
      widths.map((w) => '-'.repeat(w)),
      widths,
    ),
  );
  for (const row of rows) console.log(tableRow(row, widths));
}
