/**
 * What the pipeline and team settings send to the API, and what the API says back in the reader's
 * language: a stale version is someone else's change, known refusals get their own sentence, and
 * anything else keeps the server's words.
 */
import { type QueryClient, type UseMutationOptions, useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, answer, client, ifMatch } from '../../api/client';
import type { Pipeline, RequestBody, Stage, Team } from '../../api/models';
import { type ErrorMessages, errorsOf } from '../../shared/api-form';

/** The translation function, as the sections pass it. */
type Translate = (key: string, values?: Record<string, string>) => string;

export type ExitCriterion = Stage['exitCriteria'][number];
export type StageKind = Stage['kind'];

/** Every exit criterion the API accepts (src/domain/stage.ts), in the order the form lists them. */
export const EXIT_CRITERIA: readonly ExitCriterion[] = [
  'amount',
  'expectedCloseDate',
  'company',
  'contact',
  'decisionMaker',
  'nextStep',
  'need',
  'budget',
  'authority',
  'timing',
  'qualified',
];

export const STAGE_KINDS: readonly StageKind[] = ['open', 'won'];

export function exitCriterionName(criterion: ExitCriterion, t: Translate): string {
  switch (criterion) {
    case 'amount':
      return t('settings.exitCriteria.amount');
    case 'expectedCloseDate':
      return t('settings.exitCriteria.expectedCloseDate');
    case 'company':
      return t('settings.exitCriteria.company');
    case 'contact':
      return t('settings.exitCriteria.contact');
    case 'decisionMaker':
      return t('settings.exitCriteria.decisionMaker');
    case 'nextStep':
      return t('settings.exitCriteria.nextStep');
    case 'need':
    case 'budget':
    case 'authority':
    case 'timing':
      return t('settings.exitCriteria.bant', { part: t(`qualification.parts.${criterion}`) });
    case 'qualified':
      return t('settings.exitCriteria.qualified');
  }
}

export function stageKindName(kind: StageKind, t: Translate): string {
  switch (kind) {
    case 'open':
      return t('settings.stages.kind_open');
    case 'won':
      return t('settings.stages.kind_won');
  }
}

// ---- Pipelines and stages -------------------------------------------------------------------

export type NewPipeline = RequestBody<'/api/v1/pipelines', 'post'>;
export type PipelineChange = RequestBody<'/api/v1/pipelines/{id}', 'patch'>;
export type NewStage = RequestBody<'/api/v1/pipelines/{id}/stages', 'post'>;
export type StageChange = RequestBody<'/api/v1/stages/{id}', 'patch'>;

export function createPipeline(body: NewPipeline): Promise<Pipeline> {
  return answer(client.POST('/api/v1/pipelines', { body }));
}

/** Renames, moves or makes default a pipeline, from the version the page shows. */
export function changePipeline(pipeline: Pipeline, body: PipelineChange): Promise<Pipeline> {
  return answer(
    client.PATCH('/api/v1/pipelines/{id}', {
      params: { path: { id: pipeline.id } },
      headers: ifMatch(pipeline.version),
      body,
    }),
  );
}

export function addStage(pipeline: Pipeline, body: NewStage): Promise<Pipeline> {
  return answer(
    client.POST('/api/v1/pipelines/{id}/stages', {
      params: { path: { id: pipeline.id } },
      headers: ifMatch(pipeline.version),
      body,
    }),
  );
}

export function reorderStages(pipeline: Pipeline, stageIds: string[]): Promise<Pipeline> {
  return answer(
    client.PUT('/api/v1/pipelines/{id}/stage-order', {
      params: { path: { id: pipeline.id } },
      headers: ifMatch(pipeline.version),
      body: { stageIds },
    }),
  );
}

export function changeStage(stage: Stage, body: StageChange): Promise<Stage> {
  return answer(
    client.PATCH('/api/v1/stages/{id}', {
      params: { path: { id: stage.id } },
      headers: ifMatch(stage.version),
      body,
    }),
  );
}

export function archiveStage(stage: Stage): Promise<Stage> {
  return answer(
    client.POST('/api/v1/stages/{id}/archive', {
      params: { path: { id: stage.id } },
      headers: ifMatch(stage.version),
    }),
  );
}

// ---- Teams ----------------------------------------------------------------------------------

/** Teams scope targets, the forecast and metrics: each of them is read again after a change. */
const TEAM_DERIVED_KEYS = ['teams', 'targets', 'forecast', 'metrics'];

export async function refreshAfterTeamChange(queryClient: QueryClient): Promise<void> {
  await Promise.all(
    TEAM_DERIVED_KEYS.map((key) => queryClient.invalidateQueries({ queryKey: [key] })),
  );
}

export type TeamFields = RequestBody<'/api/v1/teams', 'post'>;

export function createTeam(body: TeamFields): Promise<Team> {
  return answer(client.POST('/api/v1/teams', { body }));
}

export function changeTeam(team: Team, body: Partial<TeamFields>): Promise<Team> {
  return answer(
    client.PATCH('/api/v1/teams/{id}', {
      params: { path: { id: team.id } },
      headers: ifMatch(team.version),
      body,
    }),
  );
}

export async function deleteTeam(team: Team): Promise<void> {
  await client.DELETE('/api/v1/teams/{id}', {
    params: { path: { id: team.id } },
    headers: ifMatch(team.version),
  });
}

/** Puts a person in a team, or in none (null); a person is in at most one team. */
export async function setMemberTeam(userId: string, teamId: string | null): Promise<void> {
  await client.PUT('/api/v1/users/{id}/team', {
    params: { path: { id: userId } },
    body: { teamId },
  });
}

// ---- Refusals in the reader's language ------------------------------------------------------

/** Field errors the API marks with a code of their own. */
function detailByCode(code: string | undefined, t: Translate): string | undefined {
  switch (code ?? '') {
    case 'duplicate_name':
      return t('settings.refusals.duplicateName');
    case 'team_has_targets':
      return t('settings.refusals.teamHasTargets');
    case 'unknown_reference':
      return t('settings.refusals.unknownReference');
    case 'not_the_active_stages':
      return t('settings.conflict');
    default:
      return undefined;
  }
}

/** A value the request's schema refused, e.g. a name of spaces only, by the field it is in. */
function detailByField(field: string | undefined, t: Translate): string | undefined {
  switch (field ?? '') {
    case 'name':
    case 'nameEn':
    case 'nameAr':
      return t('settings.refusals.name');
    case 'probability':
      return t('settings.refusals.probability');
    case 'rottingDays':
      return t('settings.refusals.rottingDays');
    default:
      return undefined;
  }
}

type Detail = ApiError['body']['details'][number];

const fieldOf = (detail: Detail) =>
  detail.path.find(
    (part): part is string =>
      typeof part === 'string' && part !== 'body' && part !== 'params' && part !== 'querystring',
  );

/**
 * The API's refusal with every sentence the reader can get in their language translated:
 * `sentences` say what a refusal code means for this form (CONFLICT when archiving a stage),
 * a stale version (VERSION_CONFLICT) is always someone else's change in the meantime.
 */
export function inReadersLanguage(
  error: unknown,
  t: Translate,
  sentences: Partial<Record<string, string>> = {},
): unknown {
  if (!(error instanceof ApiError)) return error;
  const { code } = error.body;
  const sentence =
    sentences[code] ?? (code === 'VERSION_CONFLICT' ? t('settings.conflict') : undefined);
  const isSchemaRefusal = code === 'VALIDATION_FAILED';
  const details = error.body.details.map((detail) => ({
    ...detail,
    message:
      detailByCode(detail.code, t) ??
      sentence ??
      (isSchemaRefusal ? detailByField(fieldOf(detail), t) : undefined) ??
      detail.message,
  }));
  return new ApiError(error.status, {
    ...error.body,
    message: sentence ?? error.body.message,
    details,
  });
}

/**
 * A pipeline or team settings change, its errors (in the reader's language) ready for Field and
 * FormError. `sentences` name what a refusal code means for this form.
 */
export function useSettingsChange<TData, TVariables>(
  options: UseMutationOptions<TData, Error, TVariables>,
  {
    sentences,
    ...messages
  }: Omit<ErrorMessages, 'generic' | 'byStatus'> & {
    sentences?: Partial<Record<string, string>>;
  } = {},
) {
  const { t } = useTranslation();
  const mutation = useMutation(options);
  const errors = errorsOf(inReadersLanguage(mutation.error, t, sentences), {
    generic: t('errors.generic'),
    ...messages,
  });
  return { ...mutation, errors };
}
