/** Names for the API's shapes the pages use, all taken from the generated schema.d.ts. */
import type { components, paths } from './schema';

export type Schemas = components['schemas'];

/** The JSON body of a call's success (200 or 201) answer. */
type Answer<
  P extends keyof paths,
  M extends keyof paths[P] & ('get' | 'post' | 'put' | 'patch'),
> = paths[P][M] extends { responses: infer R }
  ? R extends { 200: { content: { 'application/json': infer T } } }
    ? T
    : R extends { 201: { content: { 'application/json': infer T } } }
      ? T
      : never
  : never;

/** The JSON body a call sends. */
export type RequestBody<
  P extends keyof paths,
  M extends keyof paths[P] & ('post' | 'put' | 'patch'),
> = paths[P][M] extends { requestBody?: { content: { 'application/json': infer T } } } ? T : never;

/** One page of a keyset-paged list. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type Money = Schemas['Money'];
export type Role = Schemas['Member']['role'];
export type Me = Answer<'/api/v1/auth/me', 'get'>;
export type Workspace = Schemas['Workspace'];
export type Member = Schemas['Member'];

export type Board = Schemas['Board'];
export type Column = Board['columns'][number];
export type Card = Schemas['BoardCard'];
/** A further page of one board column: GET /board/columns/:stageId/cards. */
export type ColumnCardsPage = Schemas['ColumnCards'];

export type Deal = Schemas['Deal'];
export type DealChange = RequestBody<'/api/v1/deals/{id}', 'patch'>;
export type NewDeal = RequestBody<'/api/v1/deals', 'post'>;
export type HistoryEntry = Schemas['StageHistoryEntry'];
export type LostReason = Schemas['LostReason'];

/** A pipeline as GET /pipelines gives it: with its stages, active ones in board order first. */
export type Pipeline = Schemas['Pipeline'];
export type Stage = Schemas['Stage'];
/** A team with its members' ids: GET /teams. */
export type Team = Schemas['Team'];

export type Company = Schemas['Company'];
export type Contact = Schemas['Contact'];
export type Activity = Schemas['Activity'];

export type Forecast = Schemas['Forecast'];
export type Target = Schemas['Target'];
export type NewTarget = RequestBody<'/api/v1/targets', 'post'>;
export type TargetProgress = Schemas['TargetProgress'];
export type Metrics = Schemas['Metrics'];

/** A token just made: the only answer that carries its secret. */
export type NewApiToken = Answer<'/api/v1/tokens', 'post'>;
