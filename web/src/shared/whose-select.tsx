import { useTranslation } from 'react-i18next';
import { useTeams } from '../api/teams';
import { useMembers } from '../workspace';

/** `member:<id>` / `team:<id>` / '' as the API's `ownerId` or `teamId` (nothing for ''). */
export function whoseQuery(whose: string): { ownerId?: string; teamId?: string } {
  const [kind, id] = whose.split(':');
  if (!id) return {};
  return kind === 'member' ? { ownerId: id } : kind === 'team' ? { teamId: id } : {};
}

/** A labelled choice of whose work to look at: the first choice, one member, or one team. */
export function WhoseSelect(props: {
  label: string;
  emptyLabel: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const { t } = useTranslation();
  const members = useMembers();
  const teams = useTeams();
  return (
    <label>
      {props.label}
      <select value={props.value} onChange={(event) => props.onChange(event.target.value)}>
        <option value="">{props.emptyLabel}</option>
        <optgroup label={t('myDay.members')}>
          {(members.data ?? []).map((member) => (
            <option key={member.id} value={`member:${member.id}`}>
              {member.name}
            </option>
          ))}
        </optgroup>
        {(teams.data ?? []).length > 0 && (
          <optgroup label={t('myDay.teams')}>
            {(teams.data ?? []).map((team) => (
              <option key={team.id} value={`team:${team.id}`}>
                {team.name}
              </option>
            ))}
          </optgroup>
        )}
      </select>
    </label>
  );
}
