/** Stages are data: these types describe one, and the default pipeline is just seed data. */
export type StageKind = 'open' | 'won';
export type ForecastCategory = 'pipeline' | 'best_case' | 'commit';

export const EXIT_CRITERIA = [
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
] as const;
export type ExitCriterion = (typeof EXIT_CRITERIA)[number];

export interface Stage {
  id: string;
  pipelineId: string;
  key: string;
  nameEn: string;
  nameAr: string;
  position: number;
  kind: StageKind;
  /** Configured probability of winning from this stage, in whole percent. */
  probability: number;
  forecastCategory: ForecastCategory;
  /** An open deal untouched for longer than this is stale; null disables the check. */
  rottingDays: number | null;
  exitCriteria: ExitCriterion[];
  /** The first stage whose entry makes a deal a sales-qualified lead. */
  isFirstQualified: boolean;
  archived: boolean;
}

export type StageSeed = Omit<Stage, 'id' | 'pipelineId' | 'archived'>;

/** The seven stages of a classic B2B process (docs/concepts.md#the-default-pipeline). */
export const DEFAULT_STAGES: readonly StageSeed[] = [
  {
    key: 'lead_generation',
    nameEn: 'Lead generation',
    nameAr: 'توليد العملاء المحتملين',
    position: 1,
    kind: 'open',
    probability: 5,
    forecastCategory: 'pipeline',
    rottingDays: 30,
    exitCriteria: [],
    isFirstQualified: false,
  },
  {
    key: 'prospecting',
    nameEn: 'Prospecting',
    nameAr: 'التنقيب',
    position: 2,
    kind: 'open',
    probability: 10,
    forecastCategory: 'pipeline',
    rottingDays: 21,
    exitCriteria: [],
    isFirstQualified: false,
  },
  {
    key: 'qualification',
    nameEn: 'Lead qualification',
    nameAr: 'تأهيل العملاء المحتملين',
    position: 3,
    kind: 'open',
    probability: 20,
    forecastCategory: 'pipeline',
    rottingDays: 21,
    exitCriteria: ['company', 'contact'],
    isFirstQualified: false,
  },
  {
    key: 'initial_contact',
    nameEn: 'Initial contact',
    nameAr: 'الاتصال الأولي',
    position: 4,
    kind: 'open',
    probability: 35,
    forecastCategory: 'pipeline',
    rottingDays: 14,
    exitCriteria: ['amount'],
    isFirstQualified: true,
  },
  {
    key: 'proposal',
    nameEn: 'Proposal',
    nameAr: 'العرض',
    position: 5,
    kind: 'open',
    probability: 60,
    forecastCategory: 'best_case',
    rottingDays: 14,
    exitCriteria: ['expectedCloseDate'],
    isFirstQualified: false,
  },
  {
    key: 'negotiation',
    nameEn: 'Negotiation & closing',
    nameAr: 'التفاوض والإغلاق',
    position: 6,
    kind: 'open',
    probability: 90,
    forecastCategory: 'commit',
    rottingDays: 10,
    exitCriteria: [],
    isFirstQualified: false,
  },
  {
    key: 'follow_up',
    nameEn: 'Post-sale follow-up',
    nameAr: 'متابعة ما بعد البيع',
    position: 7,
    kind: 'won',
    probability: 100,
    forecastCategory: 'commit',
    rottingDays: null,
    exitCriteria: [],
    isFirstQualified: false,
  },
];

/** Active stages of one pipeline in board order. */
export function orderStages<T extends Pick<Stage, 'position' | 'archived'>>(stages: T[]): T[] {
  return stages.filter((s) => !s.archived).sort((a, b) => a.position - b.position);
}

/** The stage a deal enters when it is won: the first active `won` stage. */
export function findWonStage<T extends Pick<Stage, 'kind' | 'position' | 'archived'>>(
  stages: T[],
): T | undefined {
  return orderStages(stages).find((s) => s.kind === 'won');
}
