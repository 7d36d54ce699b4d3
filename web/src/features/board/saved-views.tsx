/**
 * The board's saved views: choosing one sets the board's pipeline and filters (in the address,
 * so a view is also a link); the board as it is now can be saved under a name, for oneself or
 * shared with the workspace; one's own view can be updated or deleted.
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useActiveFields } from '../../api/custom-fields';
import { type SavedView, useBoardViews, useDeleteView, useSaveView } from '../../api/views';
import { toMajor } from '../../format';
import { Modal } from '../../modal';
import { ErrorText, fieldText, messageOf } from '../../shared/api-form';
import { useWorkspace } from '../../workspace';
import { filtersToSave, paramsOfFilters, VIEW_PARAMS } from './board-view-params';

export function SavedViews({
  filters,
  pipelineId,
}: {
  /** The board's filters as the API names them, as shown now. */
  filters: Record<string, string | undefined>;
  pipelineId: string | null;
}) {
  const { t } = useTranslation();
  const views = useBoardViews();
  const save = useSaveView();
  const remove = useDeleteView();
  const fields = useActiveFields('deal');
  const workspace = useWorkspace();
  const [params, setParams] = useSearchParams();
  const [isSaving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const chosenId = params.get('view') ?? '';
  const chosen = views.data?.find((v) => v.id === chosenId);
  const apply = (id: string) => {
    const view = views.data?.find((v) => v.id === id);
    const next = new URLSearchParams(window.location.search);
    for (const name of [...VIEW_PARAMS, 'view']) next.delete(name);
    if (view) {
      const currency = workspace.data?.baseCurrency ?? 'USD';
      const major = (key: string, minor: string) =>
        fields.find((f) => f.key === key)?.type === 'money'
          ? String(toMajor(Number(minor), currency))
          : minor;
      for (const [name, value] of Object.entries(paramsOfFilters(view.filters, major))) {
        next.set(name, value);
      }
      if (view.pipelineId) next.set('pipeline', view.pipelineId);
      next.set('view', view.id);
    }
    setParams(next, { replace: true });
  };
  const run = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(messageOf(caught, t('errors.generic')));
    }
  };
  const current = { filters: filtersToSave(filters), pipelineId };
  return (
    <div className="saved-views">
      <label>
        {t('board.views')}
        <select value={chosen ? chosen.id : ''} onChange={(e) => apply(e.target.value)}>
          <option value="">{t('board.noView')}</option>
          {(views.data ?? []).map((view) => (
            <option key={view.id} value={view.id}>
              {view.isShared ? t('board.sharedView', { name: view.name }) : view.name}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={() => setSaving(true)}>
        {t('board.saveView')}
      </button>
      {chosen?.isMine && (
        <>
          <button
            type="button"
            onClick={() =>
              void run(() =>
                save.mutateAsync({
                  view: chosen,
                  input: { name: chosen.name, isShared: chosen.isShared, ...current },
                }),
              )
            }
          >
            {t('board.updateView', { name: chosen.name })}
          </button>
          <button
            type="button"
            onClick={() => {
              if (window.confirm(t('board.confirmDeleteView', { name: chosen.name }))) {
                void run(async () => {
                  await remove.mutateAsync(chosen);
                  apply('');
                });
              }
            }}
          >
            {t('board.deleteView', { name: chosen.name })}
          </button>
        </>
      )}
      <ErrorText message={error} />
      {isSaving && (
        <SaveViewDialog
          onClose={() => setSaving(false)}
          onSave={async (name, isShared) => {
            const view: SavedView = await save.mutateAsync({
              input: { name, isShared, ...current },
            });
            setSaving(false);
            const next = new URLSearchParams(window.location.search);
            next.set('view', view.id);
            setParams(next, { replace: true });
          }}
        />
      )}
    </div>
  );
}

function SaveViewDialog({
  onClose,
  onSave,
}: {
  onClose: () => void;
  onSave: (name: string, isShared: boolean) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    try {
      await onSave(fieldText(form, 'name').trim(), form.get('isShared') === 'on');
    } catch (caught) {
      setError(messageOf(caught, t('errors.generic')));
    }
  };
  return (
    <Modal title={t('board.saveViewTitle')} onClose={onClose}>
      <form className="dialog-form" onSubmit={(e) => void submit(e)}>
        <label>
          {t('board.viewName')}
          <input name="name" required maxLength={80} />
        </label>
        <label className="inline">
          <input type="checkbox" name="isShared" />
          {t('board.viewShared')}
        </label>
        <ErrorText message={error} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            {t('record.cancel')}
          </button>
          <button type="submit">{t('board.viewSave')}</button>
        </div>
      </form>
    </Modal>
  );
}
