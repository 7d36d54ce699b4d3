/**
 * Forecast calls: what a rep or a manager says a period will bring (commit, best case), kept as
 * submitted. Each call is for a scope — a rep's own deals, a team, or the workspace — and the
 * call of a scope at an instant is the last one submitted for it at or before then; a team or
 * the workspace without a call of its own rolls up its members' calls (docs/forecast.md §7).
 */

export type CallScope =
  | { kind: 'owner'; userId: string }
  | { kind: 'team'; teamId: string }
  | { kind: 'workspace' };

/** The text a scope is stored under: `owner:<id>`, `team:<id>` or `workspace`. */
export function scopeKeyOf(scope: CallScope): string {
  switch (scope.kind) {
    case 'owner':
      return `owner:${scope.userId}`;
    case 'team':
      return `team:${scope.teamId}`;
    case 'workspace':
      return 'workspace';
  }
}

/** A stored scope key back as a scope. */
export function parseScopeKey(key: string): CallScope {
  if (key === 'workspace') return { kind: 'workspace' };
  if (key.startsWith('owner:')) return { kind: 'owner', userId: key.slice(6) };
  if (key.startsWith('team:')) return { kind: 'team', teamId: key.slice(5) };
  throw new Error(`Not a forecast-call scope: ${key}`);
}

export interface Call {
  userId: string;
  scopeKey: string;
  commitMinor: number;
  bestCaseMinor: number;
  submittedAt: number;
}

/** The call of a scope in force at `at`: the last submitted at or before it, or null. */
export function callInForce<C extends Call>(
  calls: readonly C[],
  scopeKey: string,
  at: number,
): C | null {
  let found: C | null = null;
  for (const call of calls) {
    if (call.scopeKey !== scopeKey || call.submittedAt > at) continue;
    if (!found || call.submittedAt >= found.submittedAt) found = call;
  }
  return found;
}

export interface RolledUpCall {
  commitMinor: number;
  bestCaseMinor: number;
  /** `own`: the scope's own call; `members`: the sum of its members' own calls. */
  basis: 'own' | 'members';
  /** How many calls it is made of (1 for an own call). */
  calls: number;
  submittedAt: number;
}

/**
 * A scope's call at `at`: its own call if one was made, else (for a team or the workspace) the
 * sum of the calls in force of `memberIds`' own deals; null when nobody called.
 * @example rolledUpCall(calls, 'team:t', ['a', 'b'], at) with only a's call of 100/150 and b's
 *   of 50/60 in force → { commitMinor: 150, bestCaseMinor: 210, basis: 'members', calls: 2 }
 */
export function rolledUpCall(
  calls: readonly Call[],
  scopeKey: string,
  memberIds: readonly string[],
  at: number,
): RolledUpCall | null {
  const own = callInForce(calls, scopeKey, at);
  if (own) {
    return {
      commitMinor: own.commitMinor,
      bestCaseMinor: own.bestCaseMinor,
      basis: 'own',
      calls: 1,
      submittedAt: own.submittedAt,
    };
  }
  if (scopeKey.startsWith('owner:')) return null;
  const members = memberIds.flatMap((id) => {
    const call = callInForce(calls, `owner:${id}`, at);
    return call ? [call] : [];
  });
  if (members.length === 0) return null;
  return {
    commitMinor: members.reduce((sum, c) => sum + c.commitMinor, 0),
    bestCaseMinor: members.reduce((sum, c) => sum + c.bestCaseMinor, 0),
    basis: 'members',
    calls: members.length,
    submittedAt: Math.max(...members.map((c) => c.submittedAt)),
  };
}
