import { describe, expect, it } from 'vitest';
import { isAfter, isDecisionMaker, requalificationStage } from './requalification.js';
import { DEFAULT_STAGES, type Stage } from './stage.js';

const stagesOf = (seeds: Partial<Stage>[]): Stage[] =>
  seeds.map((seed, index) => ({
    ...DEFAULT_STAGES[0]!,
    id: seed.key ?? `s${index}`,
    pipelineId: 'p',
    position: index,
    archived: false,
    isFirstQualified: false,
    ...seed,
  }));

describe('requalificationStage', () => {
  it('is the stage keyed qualification in the default pipeline', () => {
    const stages = stagesOf(DEFAULT_STAGES.map((s) => ({ ...s })));
    expect(requalificationStage(stages)?.key).toBe('qualification');
  });

  it('is the stage before the first qualified one when none is keyed qualification', () => {
    const stages = stagesOf([
      { key: 'new' },
      { key: 'discovery' },
      { key: 'demo', isFirstQualified: true },
      { key: 'won', kind: 'won' },
    ]);
    expect(requalificationStage(stages)?.key).toBe('discovery');
  });

  it('falls back to the first open stage, skipping archived ones', () => {
    const stages = stagesOf([{ key: 'old', archived: true }, { key: 'intake' }, { key: 'close' }]);
    expect(requalificationStage(stages)?.key).toBe('intake');
    expect(requalificationStage(stagesOf([{ key: 'won', kind: 'won' }]))).toBeNull();
  });

  it('tells a stage after the target from one at or before it', () => {
    const stages = stagesOf([{ key: 'a' }, { key: 'b' }, { key: 'c' }]);
    expect(isAfter(stages, 'c', 'b')).toBe(true);
    expect(isAfter(stages, 'b', 'b')).toBe(false);
    expect(isAfter(stages, 'a', 'b')).toBe(false);
  });
});

describe('isDecisionMaker', () => {
  it('is the decision-maker role on the deal or on the contact, as the exit criterion reads it', () => {
    expect(isDecisionMaker('decision_maker', 'user')).toBe(true);
    expect(isDecisionMaker(null, 'decision_maker')).toBe(true);
    expect(isDecisionMaker('influencer', 'decision_maker')).toBe(true);
    expect(isDecisionMaker(null, 'champion')).toBe(false);
    expect(isDecisionMaker('influencer', 'user')).toBe(false);
  });
});
