import { listExchangeRates, upsertExchangeRate } from '../../db/reference.repository.js';
import { findWorkspace } from '../../db/workspace.repository.js';
import { DomainError, notFound } from '../../domain/errors.js';
import { isKnownCurrency, parseDecimal } from '../../domain/money.js';
import { requirePermission, type ServiceContext } from '../context.service.js';

export interface ExchangeRateView {
  currency: string;
  day: string;
  /** 1 unit of `currency` = `rate` units of the workspace's base currency, as exact text. */
  rate: string;
}

/** A positive decimal: up to 12 integer digits and 12 decimals, no sign, no exponent. */
export const RATE_PATTERN = /^(?:0|[1-9]\d{0,11})(?:\.\d{1,12})?$/;

function invalid(path: string, message: string, code: string): DomainError {
  return new DomainError('VALIDATION_FAILED', message, [{ path: [path], message, code }]);
}

async function baseCurrencyOf(ctx: ServiceContext): Promise<string> {
  const workspace = await findWorkspace(ctx.db, ctx.actor.workspaceId);
  if (!workspace) throw notFound('Workspace');
  return workspace.base_currency;
}

/** Rates of one currency or all, newest day first within each currency. */
export async function listExchangeRateViews(ctx: ServiceContext, currency?: string) {
  const [baseCurrency, rows] = await Promise.all([
    baseCurrencyOf(ctx),
    listExchangeRates(ctx.db, ctx.actor.workspaceId, currency),
  ]);
  return {
    baseCurrency,
    items: rows.map((r): ExchangeRateView => ({ currency: r.currency, day: r.day, rate: r.rate })),
  };
}

/**
 * Sets the rate of a currency on a day (replacing that day's rate). Totals "as of" a day convert
 * with the latest rate on or before it. The base currency has no rate: it is always 1.
 * @example setExchangeRate(ctx, { currency: 'SAR', day: '2026-03-01', rate: '0.2666' }) in a USD
 *   workspace → 100.00 SAR counts as 26.66 USD from that day on
 */
export async function setExchangeRate(
  ctx: ServiceContext,
  input: ExchangeRateView,
): Promise<ExchangeRateView> {
  requirePermission(ctx.actor, 'reference.manage');
  if (!isKnownCurrency(input.currency)) {
    throw invalid('currency', `Unknown ISO-4217 currency ${input.currency}`, 'unknown_currency');
  }
  if (input.currency === (await baseCurrencyOf(ctx))) {
    throw invalid(
      'currency',
      `${input.currency} is the workspace's base currency; its rate is always 1`,
      'base_currency',
    );
  }
  if (!RATE_PATTERN.test(input.rate)) {
    throw invalid('rate', 'A decimal such as 3.75, with at most 12 decimals', 'invalid_rate');
  }
  if (parseDecimal(input.rate).units === 0n) {
    throw invalid('rate', 'A rate must be greater than zero', 'not_positive');
  }
  await upsertExchangeRate(ctx.db, { workspace_id: ctx.actor.workspaceId, ...input });
  return { currency: input.currency, day: input.day, rate: input.rate };
}
