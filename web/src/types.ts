/** Shapes of the API's answers, as the web app reads them (see /api/docs). */
export interface Money {
  minor: number;
  currency: string;
}

export interface Me {
  user: { id: string; email: string; name: string; locale: string | null } | null;
  role: 'admin' | 'manager' | 'rep';
  workspaceId: string;
  csrfToken: string | null;
}

export interface Card {
  id: string;
  title: string;
  status: string;
  companyName: string | null;
  ownerName: string | null;
  amountMinor: number | null;
  currency: string;
  daysInStage: number;
  nextStep: { subject: string; dueAt: string | null } | null;
  isStale: boolean;
  version: number;
}

export interface BoardStage {
  id: string;
  key: string;
  nameEn: string;
  nameAr: string;
  kind: 'open' | 'won';
  probability: number;
  position: number;
}

export interface Column {
  stage: BoardStage;
  count: number;
  total: Money;
  weighted: Money;
  cards: Card[];
  nextCursor: string | null;
}

/** A further page of one board column: GET /board/columns/:stageId/cards. */
export interface ColumnCardsPage {
  cards: Card[];
  nextCursor: string | null;
}

export interface Board {
  pipeline: { id: string; nameEn: string; nameAr: string };
  baseCurrency: string;
  columns: Column[];
}

export interface Deal {
  id: string;
  pipelineId: string;
  stageId: string;
  title: string;
  companyId: string | null;
  ownerId: string | null;
  amountMinor: number | null;
  currency: string;
  expectedCloseDate: string | null;
  status: 'open' | 'won' | 'lost';
  openedAt: string | null;
  version: number;
}

export interface HistoryEntry {
  id: string;
  fromStageId: string | null;
  toStageId: string;
  fromStatus: string | null;
  toStatus: string;
  at: string | null;
  reason: string | null;
}

export interface LostReason {
  id: string;
  labelEn: string;
  labelAr: string;
}

export interface Workspace {
  id: string;
  name: string;
  baseCurrency: string;
  defaultLocale: 'en' | 'ar';
  timeZone: string;
  weekStart: number;
  repsSeeOwnDealsOnly: boolean;
  probabilityMode: 'configured' | 'historical';
  version: number;
}

export interface Member {
  id: string;
  name: string;
  email: string;
  role: 'admin' | 'manager' | 'rep';
}

export interface Pipeline {
  id: string;
  nameEn: string;
  nameAr: string;
  isDefault: boolean;
  archived: boolean;
}

export interface Stage {
  id: string;
  pipelineId: string;
  key: string;
  nameEn: string;
  nameAr: string;
  position: number;
  kind: 'open' | 'won';
  probability: number;
  forecastCategory: 'pipeline' | 'best_case' | 'commit';
  rottingDays: number | null;
  archived: boolean;
  version: number;
}

/** A pipeline as GET /pipelines gives it: with its stages, active ones in board order first. */
export interface PipelineDetail extends Pipeline {
  version: number;
  stages: Stage[];
}

/** A deal as the list gives it. */
export interface DealRow extends Deal {
  stageEnteredAt: string | null;
  updatedAt: string | null;
  createdAt: string | null;
}

export interface Company {
  id: string;
  name: string;
  domain: string | null;
  sector: string | null;
  size: string | null;
  country: string | null;
  ownerId: string | null;
  createdAt: string | null;
  updatedAt: string | null;
  version: number;
}

export interface ContactChannel {
  value: string;
  normalized: string;
  label: string | null;
}

export interface Contact {
  id: string;
  name: string;
  jobTitle: string | null;
  role: string;
  companyId: string | null;
  ownerId: string | null;
  emails: ContactChannel[];
  phones: ContactChannel[];
  createdAt: string | null;
  updatedAt: string | null;
  version: number;
}

export interface Activity {
  id: string;
  kind: string;
  subject: string;
  note: string | null;
  dueAt: string | null;
  isDone: boolean;
  doneAt: string | null;
  ownerId: string | null;
  dealId: string | null;
  companyId: string | null;
  contactId: string | null;
  version: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
