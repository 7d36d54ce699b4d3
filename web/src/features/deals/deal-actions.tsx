/**
 * Move, win, lose and reopen from the deal's page, with the board's rules: a move back asks why,
 * missing exit criteria are asked for, a stale version opens the conflict dialog.
 */
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import {
  keepDeal,
  moveDeal,
  refreshAfterDealChange,
  reopenDeal,
  useLatestDeal,
  winDeal,
} from '../../api/deals';
import type { Deal, Stage } from '../../api/models';
import { localName } from '../../pipelines';
import { ErrorText, fieldText, messageOf } from '../../shared/api-form';
import { useVersionedSave } from '../../shared/conflict';
import { CriteriaDialog, LoseDialog, MoveBackDialog, ReopenDialog } from './deal-dialogs';

type Open =
  | 'none'
  | 'lose'
  | 'reopen'
  | { back: Stage }
  | { criteria: string[]; to: Stage; reason?: string };

export function DealActions({ deal, stages }: { deal: Deal; stages: Stage[] }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const selectId = useId();
  const latest = useLatestDeal();
  const { save, dialog } = useVersionedSave();
  const [open, setOpen] = useState<Open>('none');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const active = stages.filter((s) => !s.archived);
  const current = stages.find((s) => s.id === deal.stageId);
  const openStages = active.filter((s) => s.kind === 'open');
  const refresh = () => refreshAfterDealChange(queryClient);
  const send = async (to: Stage, moveReason?: string) => {
    setError(null);
    try {
      await save(
        async (version) => {
          const at = { id: deal.id, version };
          keepDeal(
            queryClient,
            await (to.kind === 'won' ? winDeal(at) : moveDeal(at, to.id, moveReason)),
          );
          await refresh();
        },
        deal.version,
        () => latest(deal.id),
      );
      setOpen('none');
    } catch (caught) {
      if (caught instanceof ApiError && caught.body.code === 'EXIT_CRITERIA_UNMET') {
        const fields = caught.body.details.map((d) => String(d.path[0]));
        setOpen({ criteria: fields, to, ...(moveReason ? { reason: moveReason } : {}) });
      } else {
        setError(messageOf(caught, t('errors.generic')));
      }
    }
  };
  const submitMove = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const to = active.find((s) => s.id === fieldText(new FormData(event.currentTarget), 'stageId'));
    if (!to || !current) return;
    if (to.position < current.position && to.kind === 'open') {
      setReason('');
      setOpen({ back: to });
    } else void send(to);
  };
  const name = (stage: Stage) => localName(stage, i18n.language);
  return (
    <div className="deal-actions">
      {deal.status === 'open' ? (
        <>
          <form className="inline-form" onSubmit={submitMove}>
            <label htmlFor={selectId}>{t('record.moveTo')}</label>
            <select id={selectId} name="stageId" defaultValue="" required>
              <option value="" disabled>
                {t('record.chooseStage')}
              </option>
              {active
                .filter((s) => s.id !== deal.stageId)
                .map((stage) => (
                  <option key={stage.id} value={stage.id}>
                    {name(stage)}
                  </option>
                ))}
            </select>
            <button type="submit">{t('record.move')}</button>
          </form>
          {active.some((s) => s.kind === 'won') && (
            <button
              type="button"
              className="button--won"
              onClick={() => {
                const won = active.find((s) => s.kind === 'won');
                if (won) void send(won);
              }}
            >
              {t('record.win')}
            </button>
          )}
          <button type="button" className="button--lost" onClick={() => setOpen('lose')}>
            {t('record.lose')}
          </button>
        </>
      ) : (
        <button type="button" onClick={() => setOpen('reopen')}>
          {t('record.reopen')}
        </button>
      )}
      <ErrorText message={error} />
      {open === 'lose' && <LoseDialog card={deal} onClose={() => setOpen('none')} />}
      {open === 'reopen' && (
        <ReopenDialog
          deal={deal}
          stages={openStages.map((s) => ({ id: s.id, name: name(s) }))}
          onClose={() => setOpen('none')}
          onSubmit={(why, stageId) =>
            save(
              async (version) => {
                keepDeal(queryClient, await reopenDeal({ id: deal.id, version }, why, stageId));
                await refresh();
              },
              deal.version,
              () => latest(deal.id),
            )
          }
        />
      )}
      {typeof open === 'object' && 'back' in open && (
        <MoveBackDialog
          stage={name(open.back)}
          reason={reason}
          onReasonChange={setReason}
          onCancel={() => setOpen('none')}
          onSubmit={(why) => void send(open.back, why)}
        />
      )}
      {typeof open === 'object' && 'criteria' in open && (
        <CriteriaDialog
          card={deal}
          fields={open.criteria}
          onCancel={() => setOpen('none')}
          onSaved={(version) => {
            const { to, reason: why } = open;
            setOpen('none');
            void (async () => {
              try {
                const at = { id: deal.id, version };
                keepDeal(
                  queryClient,
                  await (to.kind === 'won' ? winDeal(at) : moveDeal(at, to.id, why)),
                );
              } catch (caught) {
                setError(messageOf(caught, t('errors.generic')));
              }
              await refresh();
            })();
          }}
        />
      )}
      {dialog}
    </div>
  );
}
