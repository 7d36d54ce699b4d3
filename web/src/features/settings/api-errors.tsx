import { type ReactElement, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';

/** Where a request part's name leads a path: ['body', 'probability'] is the field 'probability'. */
const REQUEST_PARTS = new Set(['body', 'params', 'querystring']);

export interface FormErrors {
  /** By field name: shown next to that field. */
  fields: Record<string, string>;
  /** What belongs to no one field, or to the whole form (a 409). */
  form: string | null;
}

const NO_ERRORS: FormErrors = { fields: {}, form: null };

export function errorsOf(error: unknown, messages: { conflict: string; generic: string }) {
  if (!(error instanceof ApiError)) return { fields: {}, form: messages.generic };
  if (error.status === 409 && error.body.details.length === 0)
    return { fields: {}, form: messages.conflict };
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  for (const detail of error.body.details) {
    const field = detail.path.find((part) => typeof part === 'string' && !REQUEST_PARTS.has(part));
    if (typeof field === 'string') fields[field] = fields[field] ?? detail.message;
    else rest.push(detail.message);
  }
  const hasFieldErrors = Object.keys(fields).length > 0;
  const form =
    error.status === 409
      ? messages.conflict
      : rest.join(' · ') || (hasFieldErrors ? null : error.message);
  return { fields, form };
}

/** A form's errors from the API and a way to send it: errors land next to their fields. */
export function useApiForm() {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [isBusy, setBusy] = useState(false);
  const run = async (action: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await action();
      return true;
    } catch (error) {
      setErrors(
        errorsOf(error, { conflict: t('settings.conflict'), generic: t('errors.generic') }),
      );
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { errors, isBusy, run };
}

export type ApiForm = ReturnType<typeof useApiForm>;

interface ControlProps {
  id: string;
  name: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

/** One labelled field and, under it, what the API said about it. */
export function Field({
  label,
  name,
  form,
  children,
  isLabelHidden = false,
}: {
  label: string;
  name: string;
  form: ApiForm;
  children: (props: ControlProps) => ReactElement;
  isLabelHidden?: boolean;
}) {
  const id = useId();
  const error = form.errors.fields[name];
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id} className={isLabelHidden ? 'visually-hidden' : undefined}>
        {label}
      </label>
      {children({
        id,
        name,
        'aria-invalid': error !== undefined,
        'aria-describedby': error ? errorId : undefined,
      })}
      {error && (
        <span id={errorId} className="error field__error">
          {error}
        </span>
      )}
    </div>
  );
}

export function FormError({ form }: { form: ApiForm }) {
  return form.errors.form ? (
    <p role="alert" className="error">
      {form.errors.form}
    </p>
  ) : null;
}
