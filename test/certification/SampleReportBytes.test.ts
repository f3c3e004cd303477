import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { renderReport, type CsvView, type ReportFormat } from '../../src/certification/render/ReportFormats.js';
import { analyseTraceability } from '../../src/certification/TraceabilityAnalysis.js';
import type { TraceabilityReport } from '../../src/certification/TraceabilityReport.js';
import { catalogue, openSampleStore, providerIri, type SampleStore } from './CertificationFixture.js';

/**
 * SHA-256 of each report of the sample programme, by provider and output (format, then CSV view), as
 * commit f192bde rendered it before headings were marked. The sample programme has no headings, so the
 * heading rule must not change a byte. A change that alters these reports on purpose updates the digests.
 */
const DIGESTS: Record<string, Record<string, string>> = {
  fcc: {
    json: 'c72004db559a5d64b3cac71d69ea7791e77fbacfdedcaa17214a190f83e57663',
    'csv matrix': '499a02498c1ddedbf859492b1b6e5e1d37f23f02c30b1effc9f1d20d707a8f09',
    'csv gaps': '5431d2cdf9c50ec7b36ae1d6da64b6d0381f445745020c5ae875d9434b65928b',
    'csv objectives': 'fbfa283c40020e136be47f749dd1a19820af6a9352c380dd5c16025b0250923a',
    text: '46dd9dd10877556e37b1192fa6420687330c303c2d585897074d6ed02e65d551',
    xlsx: 'abec5d2b62888a0fcb3472532c2844f79c36328dad41b587379bffa2ecef426c',
    pdf: '482162c65a01466114670294bb70b36554f02982e8dc9c5bbded4e048669a9fa',
  },
  eha: {
    json: 'df2288298b17a2a3f49787c2c718c7779651f416139ea4ca11db3c7d5b8d2f85',
    'csv matrix': 'cdc4ce61a3588876370523935fae8bf34145dcc6c88c2496820d7f85fc6e32f0',
    'csv gaps': '03ecff63cce33799b72144a5998f24c581be7476a9fde8dc7462d0875692d4a3',
    'csv objectives': '0a911a8c2001b70f214995dd135b297d5e1ea0b06d3c26d49c1e4c0b3060304d',
    text: '3e463a0199e3bf8d075331318b3010285959754bf6cb7c354ca6b87addb65924',
    xlsx: 'df0c0fd636beebac85ad7f231c9859473b97bb00d778b34a52c369f952791ea5',
    pdf: '3404ce7006e916b9d34d615ee9f080ef0f191a311dba64236acd4a16dbf606af',
  },
};

describe('sample programme report bytes', () => {
  let sample: SampleStore;
  const reports = new Map<string, TraceabilityReport>();

  before(async () => {
    sample = await openSampleStore();
    for (const provider of ['fcc', 'eha']) {
      reports.set(provider, await analyseTraceability(sample.store, providerIri(provider), catalogue));
    }
  });
  after(() => sample.close());

  for (const [provider, digests] of Object.entries(DIGESTS)) {
    for (const [output, sha256] of Object.entries(digests)) {
      it(`keeps ${provider} ${output}`, async () => {
        const [format, view] = output.split(' ') as [ReportFormat, CsvView | undefined];
        const bytes = await renderReport(reports.get(provider)!, format, view);
        assert.equal(createHash('sha256').update(bytes).digest('hex'), sha256);
      });
    }
  }
});
