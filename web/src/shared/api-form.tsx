/**
 * Forms that send to the API: what a submitted form holds, and what the API said about it, each
 * field's error next to that field and the rest above the form's buttons.
 */
import { type UseMutationOptions, useMutation } from '@tanstack/react-query';
import { type ReactElement, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/** A text field of a submitted form ('' when absent or a file). */
export function fieldText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

/** Where a request part's name leads a path: ['body', 'probability'] is the field 'probability'. */
const REQUEST_PARTS = new Set(['body', 'params', 'querystring']);

export interface FormErrors {
  /** By field name: shown next to that field. */
  fields: Record<string, string>;
  /** What belongs to no one field, or to the whole form (a 409). */
  form: string | null;
}

export const NO_ERRORS: FormErrors = { fields: {}, form: null };

export interface ErrorMessages {
  /** For anything but a refusal from the API (the network, a bug). */
  generic: string;
  /** Said for the whole form instead of the server's words, by HTTP status (409: a conflict). */
  byStatus?: Partial<Record<number, string>>;
  /** False: the form shows no field errors, every message goes to the whole form. */
  hasFields?: boolean;
}

export function errorsOf(error: unknown, messages: ErrorMessages): FormErrors {
  if (error === null || error === undefined) return NO_ERRORS;
  if (!(error instanceof ApiError)) return { fields: {}, form: messages.generic };
  const instead = messages.byStatus?.[error.status];
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  for (const detail of error.body.details) {
    const field =
      messages.hasFields === false
        ? undefined
        : detail.path.find((part) => typeof part === 'string' && !REQUEST_PARTS.has(part));
    if (typeof field === 'string') fields[field] = fields[field] ?? detail.message;
    else rest.push(detail.message);
  }
  const hasFieldErrors = Object.keys(fields).length > 0;
  const form = instead ?? (rest.join(' · ') || (hasFieldErrors ? null : error.message));
  return { fields, form };
}

/** One sentence for a form that shows no field errors: every detail the API gave, or its message. */
export function messageOf(error: unknown, fallback: string): string {
  return errorsOf(error, { generic: fallback, hasFields: false }).form ?? fallback;
}

/**
 * A mutation sent from a form, with what the API said about its last try as `errors`, for
 * Field and FormError. The errors clear when the form is sent again.
 */
export function useFormMutation<TData, TVariables>(
  options: UseMutationOptions<TData, Error, TVariables>,
  messages: Omit<ErrorMessages, 'generic'> = {},
) {
  const { t } = useTranslation();
  const mutation = useMutation(options);
  const errors = errorsOf(mutation.error, { generic: t('errors.generic'), ...messages });
  return { ...mutation, errors };
}

/** What Field and FormError need of a form: the API's errors about it. */
export interface FormWithErrors {
  errors: FormErrors;
}

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
  form: FormWithErrors;
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

/** What the API said about the whole form, if anything. */
export function FormError({ form }: { form: FormWithErrors }) {
  return form.errors.form ? (
    <p role="alert" className="error">
      {form.errors.form}
    </p>
  ) : null;
}

/** A sentence of refusal, said to screen readers as it appears; nothing when there is none. */
export function ErrorText({ message }: { message: string | null }) {
  return message ? (
    <p role="alert" className="error">
      {message}
    </p>
  ) : null;
}
