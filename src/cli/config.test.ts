import { describe, expect, it } from 'vitest';
import { isPretty, loadConfig } from './config.js';

describe('settings', () => {
  it('logs readable lines on a terminal and JSON elsewhere unless told which', () => {
    const auto = loadConfig({}).LOG_FORMAT;
    expect(auto).toBe('auto');
    expect(isPretty(auto, true)).toBe(true);
    expect(isPretty(auto, false)).toBe(false);
    expect(isPretty(auto, undefined)).toBe(false);
    expect(isPretty(loadConfig({ LOG_FORMAT: 'json' }).LOG_FORMAT, true)).toBe(false);
    expect(isPretty(loadConfig({ LOG_FORMAT: 'pretty' }).LOG_FORMAT, false)).toBe(true);
  });

  it('names the setting it cannot read', () => {
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(/Invalid setting LOG_FORMAT/);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/Invalid setting PORT/);
  });
});
