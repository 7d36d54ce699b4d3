import { z } from 'zod';
import { ROLES } from '../../domain/permissions.js';
import { Currency, Locale } from './common.js';

export const LoginBody = z
  .object({
    email: z.email().max(320),
    password: z.string().min(1).max(1000),
    workspaceId: z.string().optional(),
  })
  .strict();

export const Me = z
  .object({
    user: z
      .object({
        id: z.string(),
        email: z.string(),
        name: z.string(),
        locale: z.string().nullable(),
      })
      .nullable(),
    role: z.enum(ROLES),
    workspaceId: z.string(),
  })
  .meta({ id: 'Me' });

export const LoginResponse = z.object({ csrfToken: z.string(), me: Me });

export const WorkspaceSettingsFields = {
  name: z.string().trim().min(1).max(200),
  baseCurrency: Currency,
  defaultLocale: Locale,
  timeZone: z.string().min(1).max(64),
  weekStart: z.number().int().min(0).max(6),
  repsSeeOwnDealsOnly: z.boolean(),
  probabilityMode: z.enum(['configured', 'historical']),
};

export const Workspace = z
  .object({
    id: z.string(),
    name: z.string(),
    baseCurrency: z.string(),
    defaultLocale: Locale,
    timeZone: z.string(),
    weekStart: z.number().int(),
    repsSeeOwnDealsOnly: z.boolean(),
    probabilityMode: z.enum(['configured', 'historical']),
    createdAt: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'Workspace' });

export const Password = z.string().min(10).max(1000);

export const SetupBody = z
  .object({
    workspace: z.object(WorkspaceSettingsFields).partial().required({ name: true }).strict(),
    admin: z
      .object({
        email: z.email().max(320),
        name: z.string().trim().min(1).max(200),
        password: Password,
        locale: Locale.nullish(),
      })
      .strict(),
  })
  .strict();

export const Member = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    locale: z.string().nullable(),
    role: z.enum(ROLES),
    joinedAt: z.string().nullable(),
    deactivatedAt: z
      .string()
      .nullable()
      .describe('When the person was deactivated (left); they sign in no more'),
    version: z.number().int(),
  })
  .meta({ id: 'Member' });

export const AddUserBody = z
  .object({
    email: z.email().max(320),
    name: z.string().trim().min(1).max(200),
    password: Password,
    role: z.enum(ROLES),
    locale: Locale.nullish(),
  })
  .strict();

export const ApiToken = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    role: z.enum(ROLES),
    createdBy: z.string().nullable(),
    createdAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiToken' });
