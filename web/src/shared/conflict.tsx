/**
 * Saving from the version on screen. When someone else's change came first the server answers
 * 409; the record is read again (their change is then shown) and a dialog asks whose change to
 * keep: theirs, or mine sent again on top of theirs.
 */
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { Modal } from '../modal';
import { ErrorText, messageOf } from './api-form';

interface Conflict {
  /** Sends my change again, from the version read after the 409. */
  resend: () => Promise<unknown>;
}

export function isConflict(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409;
}

export function useVersionedSave(): {
  /**
   * Runs `attempt` from `version`; on a 409 reads the record again with `latest` (which returns
   * the new version) and opens the dialog. Resolves to false when the conflict took over.
   */
  save: (
    attempt: (version: number) => Promise<unknown>,
    version: number,
    latest: () => Promise<number>,
  ) => Promise<boolean>;
  dialog: ReactNode;
} {
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const save = async (
    attempt: (version: number) => Promise<unknown>,
    version: number,
    latest: () => Promise<number>,
  ) => {
    try {
      await attempt(version);
      return true;
    } catch (error) {
      if (!isConflict(error)) throw error;
      await latest();
      setConflict({ resend: async () => attempt(await latest()) });
      return false;
    }
  };
  const dialog = conflict && (
    <ConflictDialog conflict={conflict} onClose={() => setConflict(null)} />
  );
  return { save, dialog };
}

function ConflictDialog({ conflict, onClose }: { conflict: Conflict; onClose: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const keepMine = async () => {
    try {
      await conflict.resend();
      onClose();
    } catch (caught) {
      setError(messageOf(caught, t('errors.generic')));
    }
  };
  return (
    <Modal title={t('conflict.title')} onClose={onClose}>
      <div className="dialog-form" data-testid="conflict-dialog">
        <p>{t('conflict.body')}</p>
        <ErrorText message={error} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            {t('conflict.keepTheirs')}
          </button>
          <button type="submit" onClick={() => void keepMine()}>
            {t('conflict.keepMine')}
          </button>
        </div>
      </div>
    </Modal>
  );
}
