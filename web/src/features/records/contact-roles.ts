/** The parts a contact plays, on a deal and in their company, as the API names them. */
export const CONTACT_ROLES = ['decision_maker', 'influencer', 'champion', 'user', 'other'] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

const ROLE_KEYS: Record<ContactRole, string> = {
  decision_maker: 'lists.contacts.roleNames.decisionMaker',
  influencer: 'lists.contacts.roleNames.influencer',
  champion: 'lists.contacts.roleNames.champion',
  user: 'lists.contacts.roleNames.user',
  other: 'lists.contacts.roleNames.other',
};

/** The translation key of a role; a role the list does not know is shown as it is. */
export function roleKey(role: string | null): string | null {
  return role && role in ROLE_KEYS ? ROLE_KEYS[role as ContactRole] : null;
}
