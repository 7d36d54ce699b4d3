import {
  type Active,
  type Announcements,
  type CollisionDetection,
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  pointerWithin,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type BoardFilters, boardQueryKey, useBoard } from '../../api/board';
import type { Card, Column } from '../../api/models';
import { AsOfNotice, AsOfPicker, useAsOf } from '../../as-of';
import { localName, usePipelineDetails } from '../../pipelines';
import { useIsPhone } from '../../shared/media';
import { useWorkspace } from '../../workspace';
import { useCardMove } from './board-api';
import { SavedViews } from './saved-views';
import { BoardColumn, stageName } from './board-column';
import { BoardFilterBar, useBoardFilters } from './board-filters';
import { CriteriaDialog, LoseDialog, MoveBackDialog, NewDealDialog } from '../deals/deal-dialogs';
import { columnCoordinates } from './column-keyboard';
import { BoardPointerSensor, BoardTouchSensor } from './drag-sensors';

export interface PendingMove {
  card: Card;
  from: Column;
  to: Column;
}

/** The column under the pointer; with the keyboard (no pointer), the nearest column. */
const columnUnderCard: CollisionDetection = (args) => {
  const underPointer = pointerWithin(args);
  return underPointer.length > 0 ? underPointer : closestCenter(args);
};

/** What a card carries while dragged: itself and the column it was picked up from. */
function draggedOf(active: Active): { card?: Card; stageId?: string } {
  return (active.data.current as { card?: Card; stageId?: string } | undefined) ?? {};
}

/** Which pipeline the board shows, when the workspace has more than one. */
function PipelinePicker({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const pipelines = usePipelineDetails();
  const active = (pipelines.data ?? []).filter((p) => !p.archived);
  if (active.length < 2) return null;
  return (
    <label>
      {t('board.pipeline')}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {active.map((pipeline) => (
          <option key={pipeline.id} value={pipeline.id}>
            {localName(pipeline, i18n.language)}
          </option>
        ))}
      </select>
    </label>
  );
}

export function BoardPage() {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspace();
  const asOf = useAsOf(workspace.data?.timeZone);
  const filters = useBoardFilters();
  const boardFilters: BoardFilters = {
    pipelineId: filters.pipelineId || undefined,
    ownerId: filters.ownerId || undefined,
    teamId: filters.teamId || undefined,
    source: filters.settledSource || undefined,
    productId: filters.productId || undefined,
    q: filters.settledQ || undefined,
    asOf: asOf.instant,
    ...filters.customField.params,
  };
  const currentKey = boardQueryKey(boardFilters);
  const isPast = asOf.instant !== undefined;
  const board = useBoard(boardFilters, !asOf.isPending);
  const [message, setMessage] = useState<string | null>(null);
  const [moveBack, setMoveBack] = useState<PendingMove | null>(null);
  const [moveBackReason, setMoveBackReason] = useState('');
  const [criteria, setCriteria] = useState<{ move: PendingMove; fields: string[] } | null>(null);
  const [losing, setLosing] = useState<Card | null>(null);
  const [isCreating, setCreating] = useState(false);
  // On a phone the board shows one stage at a time, chosen above it, and folds its filters.
  const isPhone = useIsPhone();
  const [phoneStageId, setPhoneStageId] = useState<string | null>(null);
  const sensors = useSensors(
    // Unlike dnd-kit's own, these leave the caret in the move-back dialog the drop opens.
    useSensor(BoardPointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(BoardTouchSensor, { activationConstraint: { delay: 200, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnCoordinates }),
  );

  const columns = board.data?.columns ?? [];
  const shownOnPhone =
    columns.find((c) => c.stage.id === phoneStageId)?.stage.id ?? columns[0]?.stage.id ?? '';
  const columnOf = (stageId: string | undefined) => columns.find((c) => c.stage.id === stageId);
  // The dragged card may come from a column's later pages, which the board does not hold.
  const cardTitle = (active: Active) => draggedOf(active).card?.title ?? '';
  const announcements: Announcements = {
    onDragStart: ({ active }) => t('board.pickedUp', { deal: cardTitle(active) }),
    onDragOver: ({ active, over }) => {
      const column = columnOf(over?.id as string | undefined);
      return column
        ? t('board.movedOver', {
            deal: cardTitle(active),
            stage: stageName(column, i18n.language),
          })
        : undefined;
    },
    onDragEnd: ({ active, over }) => {
      const column = columnOf(over?.id as string | undefined);
      return column
        ? t('board.dropped', {
            deal: cardTitle(active),
            stage: stageName(column, i18n.language),
          })
        : t('board.cancelled', { deal: cardTitle(active) });
    },
    onDragCancel: ({ active }) => t('board.cancelled', { deal: cardTitle(active) }),
  };

  /** Sends a move; the card moves at once and goes back if the server says no. */
  const cardMove = useCardMove(currentKey, {
    start: () => setMessage(null),
    criteriaUnmet: (move, fields) => setCriteria({ move, fields }),
    refused: setMessage,
  });
  const commit = (move: PendingMove, reason?: string) => cardMove.mutate({ move, reason });

  const onDragEnd = (event: DragEndEvent) => {
    const { card, stageId } = draggedOf(event.active);
    const to = columnOf(event.over?.id as string | undefined);
    const from = columnOf(stageId);
    if (isPast || !card || !to || !from || to.stage.id === from.stage.id) return;
    const move = { card, from, to };
    if (to.stage.position < from.stage.position) {
      setMoveBackReason('');
      setMoveBack(move);
    } else void commit(move);
  };

  const toolbar = (
    <>
      <div className="board-page__bar">
        <h1>{t('board.title')}</h1>
        <SavedViews filters={{ ...boardFilters }} pipelineId={board.data?.pipeline.id ?? null} />
        <PipelinePicker
          value={board.data?.pipeline.id ?? filters.pipelineId}
          onChange={filters.setPipelineId}
        />
        {!isPast && (
          <button type="button" onClick={() => setCreating(true)}>
            {t('board.newDeal')}
          </button>
        )}
      </div>
      {isPhone ? (
        <details className="toolbar toolbar--folded">
          <summary>{t('board.filtersAndDate')}</summary>
          <BoardFilterBar state={filters} />
          <AsOfPicker asOf={asOf} />
        </details>
      ) : (
        <div className="toolbar">
          <BoardFilterBar state={filters} />
          <AsOfPicker asOf={asOf} />
        </div>
      )}
      <AsOfNotice asOf={asOf} note={t('asOf.boardNote')} />
    </>
  );
  // The dialogs keep their place in the tree whatever the board's state, so a refetch that
  // passes through "loading" never remounts one and loses what was typed in it.
  let body: ReactNode;
  if (board.isPending) body = <p className="loading">…</p>;
  else if (board.isError) body = <p role="alert">{t('errors.generic')}</p>;
  else
    body = (
      <>
        {message && (
          <p role="alert" className="notice">
            {message}
          </p>
        )}
        <DndContext
          sensors={sensors}
          collisionDetection={columnUnderCard}
          onDragEnd={onDragEnd}
          accessibility={{
            announcements,
            screenReaderInstructions: { draggable: t('board.dragHint') },
          }}
        >
          {isPhone && columns.length > 0 && (
            <label className="stage-picker">
              {t('board.stageShown')}
              <select value={shownOnPhone} onChange={(e) => setPhoneStageId(e.target.value)}>
                {columns.map((column) => (
                  <option key={column.stage.id} value={column.stage.id}>
                    {t('board.stageWithCount', {
                      stage: stageName(column, i18n.language),
                      count: column.count,
                    })}
                  </option>
                ))}
              </select>
            </label>
          )}
          {/* Focusable, so a board that scrolls sideways scrolls by keyboard even with no card. */}
          <div
            className={isPhone ? 'board board--one' : 'board'}
            role="region"
            aria-label={t('board.stages')}
            tabIndex={0}
          >
            {(isPhone ? columns.filter((c) => c.stage.id === shownOnPhone) : columns).map(
              (column) => (
                <BoardColumn
                  key={column.stage.id}
                  column={column}
                  filters={boardFilters}
                  onLose={setLosing}
                  isReadOnly={isPast}
                />
              ),
            )}
          </div>
        </DndContext>
      </>
    );
  return (
    <div className="board-page">
      {toolbar}
      {body}
      {moveBack && (
        <MoveBackDialog
          stage={stageName(moveBack.to, i18n.language)}
          reason={moveBackReason}
          onReasonChange={setMoveBackReason}
          onCancel={() => setMoveBack(null)}
          onSubmit={(reason) => {
            const move = moveBack;
            setMoveBack(null);
            void commit(move, reason);
          }}
        />
      )}
      {criteria && (
        <CriteriaDialog
          card={criteria.move.card}
          fields={criteria.fields}
          onCancel={() => setCriteria(null)}
          onSaved={(version) => {
            const move = { ...criteria.move, card: { ...criteria.move.card, version } };
            setCriteria(null);
            void commit(move);
          }}
        />
      )}
      {losing && (
        <LoseDialog
          card={losing}
          onClose={() => {
            setLosing(null);
          }}
        />
      )}
      {isCreating && board.data && (
        <NewDealDialog
          currency={board.data.baseCurrency}
          pipelineId={board.data.pipeline.id}
          onClose={() => {
            setCreating(false);
          }}
        />
      )}
    </div>
  );
}
