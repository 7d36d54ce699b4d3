import type { ComponentProps } from 'react';
import { useMembers } from '../workspace';

/** The workspace's people as options, valued by id (or by what `valueFor` makes of it). */
export function MemberOptions({ valueFor = (id) => id }: { valueFor?: (id: string) => string }) {
  const members = useMembers();
  // People who left are no one's new owner.
  return (members.data ?? [])
    .filter((member) => !member.deactivatedAt)
    .map((member) => (
      <option key={member.id} value={valueFor(member.id)}>
        {member.name}
      </option>
    ));
}

/**
 * A labelled choice of one of the workspace's people, after a first, empty choice: everyone (a
 * filter) or nobody (an owner to give). Controlled (`value`) or read from its form (`name`).
 */
export function OwnerSelect({
  label,
  emptyLabel,
  ...select
}: { label: string; emptyLabel: string } & ComponentProps<'select'>) {
  return (
    <label>
      {label}
      <select {...select}>
        <option value="">{emptyLabel}</option>
        <MemberOptions />
      </select>
    </label>
  );
}
