import { z } from 'zod';
import { EXPORT_FORMATS } from '../../services/transfer/export/list-export.service.js';
import { ActivityListQuery } from './activity.schemas.js';
import { Locale } from './common.js';
import { CompanyListFields } from './company.schemas.js';
import { ContactListFields } from './contact.schemas.js';
import { withCustomFieldFilters } from './custom-field.schemas.js';
import { DealListFields } from './deal.schemas.js';

/** An export reads every page itself: the list's filters and order, without its paging. */
const withoutPaging = { limit: true, cursor: true } as const;
const language = {
  lang: Locale.optional().describe(
    'Language of the headers, stage and pipeline names; default: the workspace’s',
  ),
};

export const DealExportQuery = withCustomFieldFilters(
  DealListFields.omit(withoutPaging).extend(language),
);
export const CompanyExportQuery = withCustomFieldFilters(
  CompanyListFields.omit(withoutPaging).extend(language),
);
export const ContactExportQuery = withCustomFieldFilters(
  ContactListFields.omit(withoutPaging).extend(language),
);
export const ActivityExportQuery = ActivityListQuery.omit(withoutPaging).extend(language);

export const ExportParams = z.object({ format: z.enum(EXPORT_FORMATS) });
