import { describe, expect, it } from 'vitest';
import { encodeAnswer, NO_QUALIFICATION, qualificationScore } from './qualification.js';

describe('qualificationScore', () => {
  it('is 0 when nothing is known and 100 when every part is sure', () => {
    expect(qualificationScore(NO_QUALIFICATION)).toBe(0);
    const sure = { value: 'x', confidence: 'high' as const };
    expect(qualificationScore({ need: sure, budget: sure, authority: sure, timing: sure })).toBe(
      100,
    );
  });

  it('counts a sure part in full, a fairly sure one 2/3, a guess 1/3, rounding once', () => {
    expect(
      qualificationScore({
        need: { value: 'n', confidence: 'high' },
        budget: { value: 'b', confidence: 'medium' },
        authority: null,
        timing: { value: 't', confidence: 'low' },
      }),
    ).toBe(50);
    // One fairly sure part alone: 16.67 → 17.
    expect(
      qualificationScore({ ...NO_QUALIFICATION, budget: { value: 'b', confidence: 'medium' } }),
    ).toBe(17);
  });
});

describe('encodeAnswer', () => {
  it('writes the confidence before the answer, and nothing for an unknown part', () => {
    expect(encodeAnswer({ value: 'CFO signs', confidence: 'high' })).toBe('high: CFO signs');
    expect(encodeAnswer(null)).toBeNull();
  });
});
