/**
 * Settings → custom fields: admins add typed fields to deals, companies and contacts, with
 * labels (and options) in both languages, required or not, in an order; they relabel, reorder,
 * archive and restore them. Others read the list.
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type CustomField,
  type CustomFieldKind,
  type CustomFieldType,
  useCreateCustomField,
  useCustomFields,
  useUpdateCustomField,
} from '../../api/custom-fields';
import { Modal } from '../../modal';
import { ErrorText, errorsOf, Field, FormError, fieldText, messageOf } from '../../shared/api-form';
import { fieldLabel } from './custom-field-value';

const KINDS: CustomFieldKind[] = ['deal', 'company', 'contact'];
const TYPES: CustomFieldType[] = [
  'text',
  'number',
  'money',
  'date',
  'single_select',
  'multi_select',
  'checkbox',
  'url',
  'person',
];

/** A key from a label: lower case ASCII letters, digits and _ (Arabic labels need one typed). */
export function keyFromLabel(label: string): string {
  const slug = label
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/^[^a-z]+/, '');
  return slug.slice(0, 40);
}

/** Options typed one per line as "English | Arabic" (or "key | English | Arabic"). */
export function optionsFromText(text: string) {
  return text
    .split('\n')
    .map((line) => line.split('|').map((part) => part.trim()))
    .filter((parts) => parts.some((part) => part !== ''))
    .map((parts) => {
      const [a = '', b = '', c] = parts;
      return c === undefined
        ? {
            key: keyFromLabel(a) || `option_${a.length}`,
            labelEn: a,
            labelAr: b || a,
            archived: false,
          }
        : { key: a, labelEn: b, labelAr: c || b, archived: false };
    });
}

function optionsText(field: CustomField): string {
  return field.options
    .filter((o) => o.archivedAt === null)
    .map((o) => `${o.key} | ${o.labelEn} | ${o.labelAr}`)
    .join('\n');
}

export function CustomFieldsSection({ canManage }: { canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const fields = useCustomFields();
  const update = useUpdateCustomField();
  const [editing, setEditing] = useState<CustomField | null>(null);
  const [error, setError] = useState<string | null>(null);
  const all = fields.data ?? [];
  const run = async (
    field: CustomField,
    change: Parameters<typeof update.mutateAsync>[0]['change'],
  ) => {
    setError(null);
    try {
      await update.mutateAsync({ field, change });
    } catch (caught) {
      setError(messageOf(caught, t('errors.generic')));
    }
  };
  return (
    <section className="panel settings-section" aria-labelledby="custom-fields-title">
      <h2 id="custom-fields-title">{t('customFields.title')}</h2>
      <p className="hint">{t('customFields.intro')}</p>
      {KINDS.map((kind) => {
        const ofKind = all
          .filter((f) => f.recordKind === kind)
          .sort(
            (a, b) =>
              Number(a.archivedAt !== null) - Number(b.archivedAt !== null) ||
              a.position - b.position,
          );
        const active = ofKind.filter((f) => f.archivedAt === null);
        const caption = t('customFields.ofKind', { kind: t(`customFields.kind_${kind}`) });
        return (
          <div key={kind} className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
            <table className="list-table settings-table">
              <caption>{caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('customFields.label')}</th>
                  <th scope="col">{t('customFields.key')}</th>
                  <th scope="col">{t('customFields.type')}</th>
                  <th scope="col">{t('customFields.required')}</th>
                  {canManage && <th scope="col">{t('settings.actions')}</th>}
                </tr>
              </thead>
              <tbody>
                {ofKind.length === 0 && (
                  <tr>
                    <td colSpan={canManage ? 5 : 4} className="hint">
                      {t('customFields.none')}
                    </td>
                  </tr>
                )}
                {ofKind.map((field) => {
                  const name = fieldLabel(field, i18n.language);
                  const index = active.findIndex((f) => f.id === field.id);
                  return (
                    <tr key={field.id} className={field.archivedAt ? 'is-archived' : undefined}>
                      <th scope="row">
                        {name}
                        {field.archivedAt && (
                          <span className="badge">{t('customFields.archived')}</span>
                        )}
                      </th>
                      <td dir="ltr">
                        <code>cf.{field.key}</code>
                      </td>
                      <td>{t(`customFields.type_${field.type}`)}</td>
                      <td>
                        {field.required ? t('customFields.yes') : t('customFields.no')}
                        {field.tracked && (
                          <span className="badge">{t('customFields.tracked')}</span>
                        )}
                      </td>
                      {canManage && (
                        <td>
                          <span className="row-actions">
                            {field.archivedAt === null ? (
                              <>
                                <button
                                  type="button"
                                  disabled={index <= 0}
                                  aria-label={t('customFields.moveUp', { field: name })}
                                  onClick={() => void run(field, { position: field.position - 1 })}
                                >
                                  ↑
                                </button>
                                <button
                                  type="button"
                                  disabled={index === active.length - 1}
                                  aria-label={t('customFields.moveDown', { field: name })}
                                  onClick={() => void run(field, { position: field.position + 1 })}
                                >
                                  ↓
                                </button>
                                <button
                                  type="button"
                                  aria-label={t('customFields.editNamed', { field: name })}
                                  onClick={() => setEditing(field)}
                                >
                                  {t('record.edit')}
                                </button>
                                <button
                                  type="button"
                                  aria-label={t('customFields.archiveNamed', { field: name })}
                                  onClick={() => void run(field, { archived: true })}
                                >
                                  {t('customFields.archive')}
                                </button>
                              </>
                            ) : (
                              <button
                                type="button"
                                aria-label={t('customFields.restoreNamed', { field: name })}
                                onClick={() => void run(field, { archived: false })}
                              >
                                {t('customFields.restore')}
                              </button>
                            )}
                          </span>
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        );
      })}
      <ErrorText message={error} />
      {canManage && <NewFieldForm />}
      {editing && <EditFieldDialog field={editing} onClose={() => setEditing(null)} />}
    </section>
  );
}

function NewFieldForm() {
  const { t } = useTranslation();
  const create = useCreateCustomField();
  const [type, setType] = useState<CustomFieldType>('text');
  const [kind, setKind] = useState<CustomFieldKind>('deal');
  const [key, setKey] = useState('');
  const [isKeyTyped, setKeyTyped] = useState(false);
  const form = { errors: errorsOf(create.error, { generic: t('errors.generic') }) };
  const hasOptions = type === 'single_select' || type === 'multi_select';
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const data = new FormData(element);
    try {
      await create.mutateAsync({
        recordKind: fieldText(data, 'recordKind') as CustomFieldKind,
        key,
        type,
        labelEn: fieldText(data, 'labelEn'),
        labelAr: fieldText(data, 'labelAr'),
        required: data.get('required') === 'on',
        ...(kind === 'deal' ? { tracked: data.get('tracked') === 'on' } : {}),
        ...(hasOptions ? { options: optionsFromText(fieldText(data, 'options')) } : {}),
      });
      element.reset();
      setKind('deal');
      setKey('');
      setKeyTyped(false);
      setType('text');
    } catch {
      // Shown next to the fields.
    }
  };
  return (
    <form className="card-form" aria-labelledby="new-field-title" onSubmit={(e) => void submit(e)}>
      <h3 id="new-field-title">{t('customFields.add')}</h3>
      <Field label={t('customFields.recordKind')} name="recordKind" form={form}>
        {(props) => (
          <select
            {...props}
            value={kind}
            onChange={(e) => setKind(e.target.value as CustomFieldKind)}
          >
            {KINDS.map((each) => (
              <option key={each} value={each}>
                {t(`customFields.kind_${each}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('customFields.labelEn')} name="labelEn" form={form}>
        {(props) => (
          <input
            {...props}
            required
            onChange={(e) => {
              if (!isKeyTyped) setKey(keyFromLabel(e.target.value));
            }}
          />
        )}
      </Field>
      <Field label={t('customFields.labelAr')} name="labelAr" form={form}>
        {(props) => <input {...props} required lang="ar" dir="rtl" />}
      </Field>
      <Field label={t('customFields.key')} name="key" form={form}>
        {(props) => (
          <input
            {...props}
            required
            dir="ltr"
            pattern="[a-z][a-z0-9_]{0,39}"
            value={key}
            onChange={(e) => {
              setKey(e.target.value);
              setKeyTyped(true);
            }}
          />
        )}
      </Field>
      <Field label={t('customFields.type')} name="type" form={form}>
        {(props) => (
          <select
            {...props}
            value={type}
            onChange={(e) => setType(e.target.value as CustomFieldType)}
          >
            {TYPES.map((each) => (
              <option key={each} value={each}>
                {t(`customFields.type_${each}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {hasOptions && (
        <Field label={t('customFields.options')} name="options" form={form}>
          {(props) => (
            <textarea {...props} rows={4} required placeholder={t('customFields.optionsHint')} />
          )}
        </Field>
      )}
      <label className="inline">
        <input type="checkbox" name="required" />
        {t('customFields.requiredLong')}
      </label>
      {kind === 'deal' && (
        <label className="inline">
          <input type="checkbox" name="tracked" />
          {t('customFields.trackedLong')}
        </label>
      )}
      <FormError form={form} />
      <div className="actions">
        <button type="submit" disabled={create.isPending}>
          {t('customFields.addSubmit')}
        </button>
      </div>
    </form>
  );
}

function EditFieldDialog({ field, onClose }: { field: CustomField; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const update = useUpdateCustomField();
  const [error, setError] = useState<string | null>(null);
  const hasOptions = field.type === 'single_select' || field.type === 'multi_select';
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const typed = hasOptions ? optionsFromText(fieldText(data, 'options')) : [];
    // Options left out of the text are archived, never dropped: values may hold them.
    const kept = new Set(typed.map((o) => o.key));
    const archived = field.options
      .filter((o) => !kept.has(o.key))
      .map((o) => ({ key: o.key, labelEn: o.labelEn, labelAr: o.labelAr, archived: true }));
    try {
      await update.mutateAsync({
        field,
        change: {
          labelEn: fieldText(data, 'labelEn'),
          labelAr: fieldText(data, 'labelAr'),
          required: data.get('required') === 'on',
          ...(field.recordKind === 'deal' ? { tracked: data.get('tracked') === 'on' } : {}),
          ...(hasOptions ? { options: [...typed, ...archived] } : {}),
        },
      });
      onClose();
    } catch (caught) {
      setError(messageOf(caught, t('errors.generic')));
    }
  };
  return (
    <Modal
      title={t('customFields.editNamed', { field: fieldLabel(field, i18n.language) })}
      onClose={onClose}
    >
      <form className="dialog-form" onSubmit={(e) => void submit(e)}>
        <label>
          {t('customFields.labelEn')}
          <input name="labelEn" required defaultValue={field.labelEn} />
        </label>
        <label>
          {t('customFields.labelAr')}
          <input name="labelAr" required lang="ar" dir="rtl" defaultValue={field.labelAr} />
        </label>
        {hasOptions && (
          <label>
            {t('customFields.options')}
            <textarea name="options" rows={5} defaultValue={optionsText(field)} />
          </label>
        )}
        <label className="inline">
          <input type="checkbox" name="required" defaultChecked={field.required} />
          {t('customFields.requiredLong')}
        </label>
        {field.recordKind === 'deal' && (
          <label className="inline">
            <input type="checkbox" name="tracked" defaultChecked={field.tracked} />
            {t('customFields.trackedLong')}
          </label>
        )}
        <ErrorText message={error} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            {t('record.cancel')}
          </button>
          <button type="submit">{t('record.save')}</button>
        </div>
      </form>
    </Modal>
  );
}
