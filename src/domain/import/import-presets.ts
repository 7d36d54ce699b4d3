import type { ImportKind } from './import-fields.js';

export const PRESETS = ['generic', 'pipedrive', 'hubspot', 'salesforce'] as const;
export type PresetName = (typeof PRESETS)[number];

export interface Preset {
  /** Column header in the CRM's export → field. */
  columns: Record<string, string>;
  /** The CRM's default stage names → stage keys of Qanat's default pipeline (or won/lost). */
  stages: Record<string, string>;
}

/**
 * Column names of the deal exports of three common CRMs, as their export screens write them
 * (English interface). A mapping file can override any column or value.
 */
const DEAL_PRESETS: Record<Exclude<PresetName, 'generic'>, Preset> = {
  pipedrive: {
    columns: {
      'Deal - ID': 'externalId',
      'Deal - Title': 'title',
      'Deal - Value': 'amount',
      'Deal - Currency': 'currency',
      'Deal - Stage': 'stage',
      'Deal - Status': 'status',
      'Organization - Name': 'company',
      'Deal - Organization': 'company',
      'Deal - Owner': 'owner',
      'Deal - Deal created': 'openedAt',
      'Deal - Add time': 'openedAt',
      'Deal - Expected close date': 'expectedCloseDate',
      'Deal - Won time': 'wonAt',
      'Deal - Lost time': 'lostAt',
      'Deal - Lost reason': 'lostReason',
      'Deal - Source': 'source',
    },
    stages: {
      'Lead In': 'lead_generation',
      Qualified: 'qualification',
      'Contact Made': 'initial_contact',
      'Demo Scheduled': 'initial_contact',
      'Proposal Made': 'proposal',
      'Negotiations Started': 'negotiation',
    },
  },
  hubspot: {
    columns: {
      'Record ID': 'externalId',
      'Deal Name': 'title',
      Amount: 'amount',
      Currency: 'currency',
      'Deal Stage': 'stage',
      'Close Date': 'closeDate',
      'Create Date': 'openedAt',
      'Deal owner': 'owner',
      'Deal Owner': 'owner',
      'Associated Company': 'company',
      'Closed Lost Reason': 'lostReason',
      'Deal source': 'source',
    },
    stages: {
      'Appointment Scheduled': 'initial_contact',
      'Qualified To Buy': 'qualification',
      'Presentation Scheduled': 'proposal',
      'Decision Maker Bought-In': 'negotiation',
      'Contract Sent': 'negotiation',
      'Closed Won': 'won',
      'Closed Lost': 'lost',
    },
  },
  salesforce: {
    columns: {
      'Opportunity ID': 'externalId',
      'Opportunity Name': 'title',
      Amount: 'amount',
      'Opportunity Currency': 'currency',
      Stage: 'stage',
      'Close Date': 'closeDate',
      'Created Date': 'openedAt',
      'Account Name': 'company',
      'Opportunity Owner': 'owner',
      'Loss Reason': 'lostReason',
      'Lead Source': 'source',
    },
    stages: {
      Prospecting: 'prospecting',
      Qualification: 'qualification',
      'Needs Analysis': 'initial_contact',
      'Value Proposition': 'proposal',
      'Id. Decision Makers': 'proposal',
      'Perception Analysis': 'proposal',
      'Proposal/Price Quote': 'proposal',
      'Negotiation/Review': 'negotiation',
      'Closed Won': 'won',
      'Closed Lost': 'lost',
    },
  },
};

/** The preset's columns and stage names for a kind; the generic preset only guesses. */
export function presetFor(name: PresetName, kind: ImportKind): Preset {
  if (name === 'generic' || kind !== 'deals') return { columns: {}, stages: {} };
  return DEAL_PRESETS[name];
}

/** Fewer shared column names than this is a coincidence ("Amount", "Currency"), not an export. */
const MIN_PRESET_COLUMNS = 3;

/**
 * The preset whose columns a header row carries, so `--preset` can be left out for a CRM export.
 * A tie, or fewer than three of its column names, is the generic preset.
 * @example detectPreset(['Deal - ID', 'Deal - Title', 'Deal - Value']) === 'pipedrive'
 * @example detectPreset(['Title', 'Amount', 'Currency']) === 'generic'
 */
export function detectPreset(headers: string[]): PresetName {
  let best: PresetName = 'generic';
  let bestCount = MIN_PRESET_COLUMNS - 1;
  let isTie = false;
  for (const [name, preset] of Object.entries(DEAL_PRESETS) as [PresetName, Preset][]) {
    const count = headers.filter((h) => h in preset.columns).length;
    if (count > bestCount) {
      best = name;
      bestCount = count;
      isTie = false;
    } else if (count === bestCount && best !== 'generic') {
      isTie = true;
    }
  }
  return isTie ? 'generic' : best;
}
