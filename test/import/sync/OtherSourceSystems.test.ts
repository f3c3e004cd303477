import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { SyncReport } from '../../../src/import/SyncReport.js';
import { temporaryDirectory } from '../../helpers/temporaryDirectory.js';
import { csvBomWriter, ImportStore } from '../helpers/ImportStore.js';

const PLMXML = join('test', 'fixtures', 'import', 'plmxml', 'mlg-productview.plmxml');
const PLMXML_ORIGIN = `file://${join(process.cwd(), PLMXML)}`;

const directory = temporaryDirectory('dt-other-systems-');
after(() => directory.remove());
const writeCsv = csvBomWriter(directory.path);

/** Returns the warning about another source system's resources, or undefined. */
function otherSystemWarning(report: SyncReport): string | undefined {
  return report.warnings.find((issue) => issue.message.includes('while this file is from'))?.message;
}

describe('removal run under another source system', () => {
  const cases: { name: string; dryRun: boolean; verb: string }[] = [
    { name: 'dry run', dryRun: true, verb: 'would remove' },
    { name: 'real run', dryRun: false, verb: 'removes' },
  ];
  for (const { name, dryRun, verb } of cases) {
    it(`warns in a ${name}`, async () => {
      const store = await ImportStore.open();
      try {
        const first = await store.import('plmxml', PLMXML, { source: 'mlg' });
        const created = first.counts.parts.created + first.counts.bomLines.created;
        const csv = writeCsv('small.csv', ['TOP-9,,Top,1,', 'NUT-9,TOP-9,Nut,2,10']);

        const report = await store.import('csv', csv, { source: 'mlg', removeMissing: true, dryRun });

        assert.equal(report.counts.parts.removed + report.counts.bomLines.removed, created);
        assert.equal(
          otherSystemWarning(report),
          `This removal run ${verb} ${created} resources that imports of <${PLMXML_ORIGIN}> (Teamcenter PLM XML) created under source name mlg, while this file is from CSV BOM. ` +
            'Removing them is right only if this file replaces that export. If it is another document, import it with --source NAME (source=NAME on the import endpoint).',
        );
      } finally {
        await store.close();
      }
    });
  }

  it('stays silent for dated exports of one tool', async () => {
    const store = await ImportStore.open();
    try {
      await store.import('csv', writeCsv('bom-2026-01.csv', ['TOP-1,,Top,1,', 'NUT-1,TOP-1,Nut,2,10', 'BOLT-1,TOP-1,Bolt,2,20']), { source: 'bom' });
      const report = await store.import('csv', writeCsv('bom-2026-02.csv', ['TOP-1,,Top,1,', 'NUT-1,TOP-1,Nut,2,10']), { source: 'bom', removeMissing: true });

      assert.equal(report.counts.parts.removed, 1);
      assert.equal(report.counts.bomLines.removed, 1);
      assert.equal(otherSystemWarning(report), undefined);
    } finally {
      await store.close();
    }
  });
});
