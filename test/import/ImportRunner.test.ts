import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unreadOption } from '../../src/import/ImportRunner.js';

describe('ImportRunner', () => {
  const cases: [name: string, request: Parameters<typeof unreadOption>[0], message: string | undefined][] = [
    ['csv with a mapping', { format: 'csv', mapping: {} }, undefined],
    ['reqif with a mapping and a tool', { format: 'reqif', mapping: {}, tool: 'DOORS' }, undefined],
    ['odata with a mapping and a time', { format: 'odata', mapping: {}, modifiedSince: '2026-01-01T00:00:00Z' }, undefined],
    ['step with a mapping', { format: 'step', mapping: {} }, 'The step format takes no mapping (--mapping, mapping=); only csv, reqif, and odata take one, so leave it out.'],
    ['plmxml with a mapping', { format: 'plmxml', mapping: { columns: {} } }, 'The plmxml format takes no mapping (--mapping, mapping=); only csv, reqif, and odata take one, so leave it out.'],
    ['csv with a tool', { format: 'csv', tool: 'Polarion' }, 'The csv format takes no exporting tool (--tool, tool=); only reqif takes one, so leave it out.'],
    ['csv with a time', { format: 'csv', modifiedSince: '2026-01-01T00:00:00Z' }, 'The csv format takes no modification time (--since); only odata takes one, so leave it out.'],
    ['reqif with a time', { format: 'reqif', modifiedSince: '2026-01-01T00:00:00Z' }, 'The reqif format takes no modification time (--since); only odata takes one, so leave it out.'],
  ];
  for (const [name, request, message] of cases) {
    it(`unread options: ${name}`, () => {
      assert.equal(unreadOption(request), message);
    });
  }
});
