import { z } from 'zod';
import { SEARCH_KINDS } from '../../domain/search-rank.js';
import { ACTIVITY_KINDS } from '../../services/records/activity.service.js';

export const SearchQuery = z.object({
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .describe(
      'Words in any letter forms (أ إ آ ا, ة ه, ى ي and diacritics alike, Latin case and ' +
        'accents), or a phone number in any digits (٠-٩, ۰-۹, 0-9)',
    ),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const SearchHit = z
  .object({
    kind: z.enum(SEARCH_KINDS),
    id: z.string(),
    title: z
      .string()
      .describe('A deal’s title, a company’s or contact’s name, an activity’s subject'),
    subtitle: z
      .string()
      .nullable()
      .describe(
        'A deal’s company, a company’s domain, a contact’s matched phone (or job title and ' +
          'company), an activity’s deal (or company)',
      ),
    activityKind: z.enum(ACTIVITY_KINDS).nullable().describe('Only for activities'),
  })
  .meta({ id: 'SearchHit' });

export const SearchResult = z.object({ items: z.array(SearchHit) }).meta({ id: 'SearchResult' });
