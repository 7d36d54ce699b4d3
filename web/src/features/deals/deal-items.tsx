/**
 * A deal's products: quantity, unit price and discount make each line's total; their sum can
 * become the deal's amount, and an amount that disagrees with its items is flagged — the value
 * of a deal is checked against what is being sold.
 */
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type DealItemInput,
  type DealItems as Items,
  useDealItems,
  useReplaceDealItems,
} from '../../api/deal-items';
import type { Deal } from '../../api/models';
import { useCreateProduct, useProducts } from '../../api/products';
import { formatMoney, formatNumber, toMajor, toMinor } from '../../format';
import { ErrorText, fieldText, messageOf } from '../../shared/api-form';
import { useVersionedSave } from '../../shared/conflict';

/** The items as the API takes them back, to send the whole list with one line changed. */
function inputsOf(items: Items['items']): DealItemInput[] {
  return items.map((item) => ({
    productId: item.productId,
    quantity: item.quantity,
    ...(item.unitPriceMinor === null ? {} : { unitPriceMinor: item.unitPriceMinor }),
    discountPercent: item.discountPercent,
  }));
}

export function DealItems({ deal, canEdit }: { deal: Deal; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const titleId = useId();
  const items = useDealItems(deal.id);
  const { replace, latest } = useReplaceDealItems(deal.id);
  const { save, dialog } = useVersionedSave();
  const [isAdding, setAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const data = items.data;
  const money = (minor: number | null) =>
    minor === null ? '—' : formatMoney(minor, deal.currency, language);
  const send = async (next: DealItemInput[], useAsAmount = false) => {
    if (!data) return false;
    setError(null);
    try {
      await save((version) => replace(version, next, useAsAmount), data.dealVersion, latest);
      return true;
    } catch (caught) {
      setError(messageOf(caught, t('errors.generic')));
      return false;
    }
  };
  const list = data?.items ?? [];
  const hasMismatch = data !== undefined && list.length > 0 && !data.amountMatchesItems;
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('items.title')}</h2>
      {list.length === 0 ? (
        <p className="hint">{t('items.none')}</p>
      ) : (
        <div className="table-scroll" role="region" aria-label={t('items.title')} tabIndex={0}>
          <table className="list-table">
            <caption className="visually-hidden">{t('items.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('items.product')}</th>
                <th scope="col">{t('items.quantity')}</th>
                <th scope="col">{t('items.unitPrice')}</th>
                <th scope="col">{t('items.discount')}</th>
                <th scope="col">{t('items.total')}</th>
                {canEdit && <th scope="col">{t('items.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {list.map((item, index) => (
                <tr key={item.id}>
                  <th scope="row">{item.productName}</th>
                  <td className="totals">{formatNumber(item.quantity, language)}</td>
                  <td className="totals">{money(item.unitPriceMinor)}</td>
                  <td className="totals">{formatNumber(item.discountPercent, language)}%</td>
                  <td className="totals">{money(item.totalMinor)}</td>
                  {canEdit && (
                    <td>
                      <button
                        type="button"
                        className="link-button"
                        aria-label={t('items.removeNamed', { product: item.productName })}
                        onClick={() => void send(inputsOf(list).filter((_, i) => i !== index))}
                      >
                        {t('items.remove')}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={4}>
                  {t('items.itemsTotal')}
                </th>
                <td className="totals">{money(data?.totalMinor ?? null)}</td>
                {canEdit && <td />}
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      {hasMismatch && (
        <div className="notice" role="status">
          <p>
            {t('items.mismatch', {
              amount: money(data.amountMinor),
              total: money(data.totalMinor),
            })}
          </p>
          {canEdit && data.totalMinor !== null && (
            <button type="button" onClick={() => void send(inputsOf(list), true)}>
              {t('items.useAsAmount')}
            </button>
          )}
        </div>
      )}
      <ErrorText message={error} />
      {canEdit &&
        (isAdding ? (
          <AddItemForm
            currency={deal.currency}
            onCancel={() => setAdding(false)}
            onAdd={async (item, useAsAmount) => {
              if (await send([...inputsOf(list), item], useAsAmount)) setAdding(false);
            }}
          />
        ) : (
          <button type="button" onClick={() => setAdding(true)}>
            {t('items.add')}
          </button>
        ))}
      {dialog}
    </section>
  );
}

function AddItemForm({
  currency,
  onCancel,
  onAdd,
}: {
  currency: string;
  onCancel: () => void;
  onAdd: (item: DealItemInput, useAsAmount: boolean) => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const products = useProducts();
  const createProduct = useCreateProduct();
  const [productId, setProductId] = useState('');
  const [price, setPrice] = useState('');
  const [isNewProduct, setNewProduct] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const choose = (id: string) => {
    setProductId(id);
    const product = products.data?.find((p) => p.id === id);
    if (product?.listPriceMinor != null && product.currency === currency) {
      setPrice(String(toMajor(product.listPriceMinor, currency)));
    }
  };
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(null);
    try {
      let id = productId;
      if (isNewProduct) {
        const product = await createProduct.mutateAsync({
          name: fieldText(form, 'productName').trim(),
          currency,
          ...(price ? { listPriceMinor: toMinor(Number(price), currency) } : {}),
        });
        id = product.id;
      }
      const discount = fieldText(form, 'discount');
      await onAdd(
        {
          productId: id,
          quantity: Number(fieldText(form, 'quantity')),
          ...(price ? { unitPriceMinor: toMinor(Number(price), currency) } : {}),
          ...(discount ? { discountPercent: Number(discount) } : {}),
        },
        form.get('useAsAmount') === 'on',
      );
    } catch (caught) {
      setError(messageOf(caught, t('errors.generic')));
    }
  };
  return (
    <form className="inline-form" aria-label={t('items.add')} onSubmit={(e) => void submit(e)}>
      {isNewProduct ? (
        <label>
          {t('items.newProductName')}
          <input name="productName" required maxLength={300} />
        </label>
      ) : (
        <label>
          {t('items.product')}
          <select
            name="productId"
            required
            value={productId}
            onChange={(e) => choose(e.target.value)}
          >
            <option value="">{t('items.chooseProduct')}</option>
            {(products.data ?? []).map((product) => (
              <option key={product.id} value={product.id}>
                {product.name}
                {product.listPriceMinor !== null &&
                  ` · ${formatMoney(product.listPriceMinor, product.currency, i18n.language)}`}
              </option>
            ))}
          </select>
        </label>
      )}
      <button type="button" onClick={() => setNewProduct((is) => !is)}>
        {isNewProduct ? t('items.fromCatalogue') : t('items.newProduct')}
      </button>
      <label>
        {t('items.quantity')}
        <input
          name="quantity"
          type="number"
          min="1"
          step="1"
          required
          defaultValue="1"
          className="narrow"
        />
      </label>
      <label>
        {t('items.unitPriceIn', { currency })}
        <input
          name="unitPrice"
          type="number"
          min="0"
          step="any"
          inputMode="decimal"
          required={isNewProduct}
          value={price}
          onChange={(e) => setPrice(e.target.value)}
        />
      </label>
      <label>
        {t('items.discountPercent')}
        <input name="discount" type="number" min="0" max="100" step="0.01" className="narrow" />
      </label>
      <label className="inline">
        <input type="checkbox" name="useAsAmount" />
        {t('items.alsoUseAsAmount')}
      </label>
      <button type="submit">{t('items.addSubmit')}</button>
      <button type="button" onClick={onCancel}>
        {t('record.cancel')}
      </button>
      <ErrorText message={error} />
    </form>
  );
}
