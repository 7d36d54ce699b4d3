import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';
import {
  endLine,
  headerLine,
  parseWorkspaceLine,
  recordLine,
  WORKSPACE_FILE_FORMAT,
} from './workspace-file.js';

const header = {
  format: WORKSPACE_FILE_FORMAT,
  formatVersion: 1,
  workspaceId: 'w1',
  exportedAt: '2026-03-01T09:00:00.000Z',
  migrations: ['2026-11-26-0001-initial'],
} as const;

describe('workspace file lines', () => {
  it('write keys in sorted order, so the same data gives the same bytes', () => {
    expect(recordLine('deals', { title: 'صفقة', id: 'd1', amount_minor: null, version: 2 })).toBe(
      '{"row":{"amount_minor":null,"id":"d1","title":"صفقة","version":2},"table":"deals"}',
    );
    expect(recordLine('deals', { version: 2, id: 'd1' })).toBe(
      recordLine('deals', { id: 'd1', version: 2 }),
    );
    expect(headerLine({ ...header, migrations: [...header.migrations] })).toBe(
      '{"exportedAt":"2026-03-01T09:00:00.000Z","format":"qanat-workspace","formatVersion":1,' +
        '"migrations":["2026-11-26-0001-initial"],"workspaceId":"w1"}',
    );
  });

  it('read back what they wrote', () => {
    const row = { id: 'd1', title: '=1+1 "quoted"\nnext line', amount_minor: 12_345, note: null };
    expect(parseWorkspaceLine(recordLine('deals', row), 2)).toEqual({
      kind: 'record',
      table: 'deals',
      row,
    });
    expect(parseWorkspaceLine(headerLine({ ...header, migrations: ['m'] }), 1)).toEqual({
      kind: 'header',
      header: { ...header, migrations: ['m'] },
    });
    expect(parseWorkspaceLine(endLine(7), 9)).toEqual({ kind: 'end', records: 7 });
  });

  it('refuse values JSON would not bring back as they were', () => {
    expect(() => recordLine('deals', { id: 'd1', at: new Date() })).toThrow(TypeError);
    expect(() => recordLine('deals', { id: 'd1', amount: 10n })).toThrow(TypeError);
    expect(() => recordLine('deals', { id: 'd1', amount: Number.NaN })).toThrow(TypeError);
  });

  it.each([
    ['{"row":{"id":"d1"},"table":"deals"', 'not JSON'],
    ['[1,2]', 'not a JSON object'],
    ['{"hello":"world"}', 'neither a header'],
    ['{"table":"deals","row":{"id":{"nested":true}}}', 'neither text, a number nor null'],
    ['{"table":"deals","row":{"id; drop table deals":"x"}}', 'bad column name'],
    [
      '{"format":"qanat-workspace","formatVersion":2,"workspaceId":"w","exportedAt":"x","migrations":[]}',
      'format version 2',
    ],
    ['{"end":"qanat-workspace"}', 'counts no records'],
  ])('refuse %s with a message naming the line', (text, message) => {
    try {
      parseWorkspaceLine(text, 5);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).message).toContain('Line 5');
      expect((error as DomainError).message).toContain(message);
    }
  });
});
