import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  findCompanyDuplicates,
  findContactDuplicates,
} from '../../services/records/duplicate.service.js';
import { listMerges, mergeCompanies, mergeContacts } from '../../services/records/merge.service.js';
import { contextOf } from '../auth.js';
import { errorResponses, IdParams, writeErrorResponses } from '../schemas/common.js';
import {
  CompanyDuplicates,
  CompanyMergeResult,
  ContactDuplicates,
  ContactMergeResult,
  Merge,
  MergeBody,
  MergeListQuery,
} from '../schemas/merge.schemas.js';
import { requireIfMatch, setEtag } from '../versioning.js';

const MERGE_DESCRIPTION =
  'If-Match carries the kept record’s version, the body the duplicate’s. In one transaction ' +
  'the duplicate’s related rows move to the kept record, the kept record’s empty fields take ' +
  'the duplicate’s values, the duplicate is soft-deleted and the merge is recorded (GET ' +
  '/merges) with the duplicate as it was. Needs records.write: whoever keeps records tidies ' +
  'them (nothing is lost: every row moves, the duplicate is kept in the merge). A stale ' +
  'version of either is a 409 (the duplicate’s with detail duplicate_changed); merging a ' +
  'record into itself is a 400 (merge_into_itself).';

export const mergeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/companies/duplicates', {
    config: { access: 'read' },
    schema: {
      tags: ['Companies'],
      summary: 'Companies that look like duplicates, in pairs (at most 50)',
      description:
        'Matched as the import matches companies: the same web domain, the same name once ' +
        'folded without legal forms, or a name one letter away (similar_name).',
      response: { 200: CompanyDuplicates, ...errorResponses },
    },
    handler: (request) => findCompanyDuplicates(contextOf(request)),
  });

  app.get('/contacts/duplicates', {
    config: { access: 'read' },
    schema: {
      tags: ['Contacts'],
      summary: 'Contacts that look like duplicates, in pairs (at most 50)',
      description:
        'Matched as the import matches contacts: a shared email or phone number, or the same ' +
        'folded name.',
      response: { 200: ContactDuplicates, ...errorResponses },
    },
    handler: (request) => findContactDuplicates(contextOf(request)),
  });

  app.post('/companies/:id/merge', {
    config: { access: 'records.write' },
    schema: {
      tags: ['Companies'],
      summary: 'Merge a duplicate company into this one (If-Match required)',
      description: `${MERGE_DESCRIPTION} Moves deals, contacts, activities and external ids; fills domain, sector, size, country and owner.`,
      params: IdParams,
      body: MergeBody,
      response: { 200: CompanyMergeResult, ...writeErrorResponses },
    },
    handler: async (request, reply) => {
      const result = await mergeCompanies(
        contextOf(request),
        request.params.id,
        requireIfMatch(request),
        request.body,
      );
      setEtag(reply, result.company.version);
      return result;
    },
  });

  app.post('/contacts/:id/merge', {
    config: { access: 'records.write' },
    schema: {
      tags: ['Contacts'],
      summary: 'Merge a duplicate contact into this one (If-Match required)',
      description: `${MERGE_DESCRIPTION} Moves deal links (one per deal, keeping a role), activities, emails and phones (each address once) and external ids; fills job title, role (when other), company and owner.`,
      params: IdParams,
      body: MergeBody,
      response: { 200: ContactMergeResult, ...writeErrorResponses },
    },
    handler: async (request, reply) => {
      const result = await mergeContacts(
        contextOf(request),
        request.params.id,
        requireIfMatch(request),
        request.body,
      );
      setEtag(reply, result.contact.version);
      return result;
    },
  });

  app.get('/merges', {
    config: { access: 'read' },
    schema: {
      tags: ['Companies', 'Contacts'],
      summary: 'Merges of companies and contacts, newest first',
      querystring: MergeListQuery,
      response: { 200: z.object({ items: z.array(Merge) }), ...errorResponses },
    },
    handler: async (request) => ({ items: await listMerges(contextOf(request), request.query) }),
  });
};
