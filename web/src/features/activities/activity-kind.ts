export const ACTIVITY_KINDS = ['call', 'email', 'meeting', 'task', 'note'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** The translation key of a kind (shared with the activities list). */
export function kindKey(kind: ActivityKind): string {
  return `lists.activities.kind_${kind}`;
}
