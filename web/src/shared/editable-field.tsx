/**
 * A field of a record page shown as text with an Edit button; editing turns it into a small
 * form (Enter saves, Escape cancels) and focus comes back to the button afterwards.
 */
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText, messageOf } from './api-form';

export function EditableField({
  label,
  value,
  editor,
  onSave,
  canEdit = true,
}: {
  label: string;
  value: ReactNode;
  /** The inputs, named for the form; the first takes `id` (labelled by the field's label). */
  editor: (id: string) => ReactNode;
  /** Saves what the form holds; resolves when done (or when a conflict dialog took over). */
  onSave: (form: FormData) => Promise<unknown>;
  canEdit?: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [isEditing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const wasEditing = useRef(false);
  useEffect(() => {
    if (isEditing) {
      const first = formRef.current?.querySelector<HTMLElement>('input, select, textarea');
      first?.focus();
    } else if (wasEditing.current) {
      editButton.current?.focus();
    }
    wasEditing.current = isEditing;
  }, [isEditing]);
  const stop = () => {
    setError(null);
    setEditing(false);
  };
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaving(true);
    try {
      await onSave(new FormData(event.currentTarget));
      stop();
    } catch (caught) {
      setError(messageOf(caught, t('errors.generic')));
    } finally {
      setSaving(false);
    }
  };
  return (
    <div className="editable">
      <dt>{isEditing ? <label htmlFor={id}>{label}</label> : label}</dt>
      <dd>
        {isEditing ? (
          <form
            ref={formRef}
            className="editable__form"
            onSubmit={(e) => void submit(e)}
            onKeyDown={(event) => {
              // Keys from a dialog opened by the editor (through its portal) are that dialog's.
              const isOwnKey = formRef.current?.contains(event.target as Node) ?? false;
              if (event.key === 'Escape' && isOwnKey) {
                event.preventDefault();
                stop();
              }
            }}
          >
            {editor(id)}
            <button type="submit" disabled={isSaving}>
              {t('record.save')}
            </button>
            <button type="button" onClick={stop}>
              {t('record.cancel')}
            </button>
            <ErrorText message={error} />
          </form>
        ) : (
          <>
            <span className="editable__value">{value}</span>
            {canEdit && (
              <button
                ref={editButton}
                type="button"
                className="link-button editable__edit"
                aria-label={t('record.editField', { field: label })}
                onClick={() => setEditing(true)}
              >
                {t('record.edit')}
              </button>
            )}
          </>
        )}
      </dd>
    </div>
  );
}
