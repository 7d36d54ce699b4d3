import { z } from 'zod';

export const Team = z
  .object({
    id: z.string(),
    name: z.string(),
    managerUserId: z.string().nullable(),
    memberIds: z.array(z.string()),
    createdAt: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'Team' });

const editableFields = {
  name: z.string().trim().min(1).max(120),
  managerUserId: z.string().min(1).nullable(),
};

export const CreateTeamBody = z.object(editableFields).partial().required({ name: true }).strict();

export const UpdateTeamBody = z.object(editableFields).partial().strict();

export const MemberTeamBody = z
  .object({ teamId: z.string().min(1).nullable().describe('null takes the person out of teams') })
  .strict();

export const MemberTeam = z
  .object({ userId: z.string(), teamId: z.string().nullable() })
  .meta({ id: 'MemberTeam' });
