import { InvalidFilterError, parseAnalysisFilter } from '../certification/AnalysisFilters.js';
import { toJsonReport } from '../certification/render/JsonReport.js';
import { toTextReport } from '../certification/render/TextReport.js';
import { analyseTraceability } from '../certification/TraceabilityAnalysis.js';
import type { AnalysisFilter } from '../certification/TraceabilityReport.js';
import { recordCommand } from '../audit/CommandAudit.js';
import { openEvidence, parseEvidenceArgs, providerIri } from './EvidenceStore.js';
import { UsageError } from './UsageError.js';

const HELP = `Usage: digital-thread trace --provider ID [options]

Runs the traceability and gap analysis of one service provider: requirement → design → code → test
case → test result chains, objectives without evidence or independent review for each item's level,
and stale evidence. Prints the gaps; exits with 0 when there are none and 3 when there are some.
Stop the server first: the data directory can be open in one process only.

  --provider ID       service provider, for example fcc (required)
  --standard NAME     only DO-178C, DO-254 or ECSS evidence
  --level LETTER      only requirements and items of this level (A to E)
  --baseline DATE     the state as of an ISO 8601 date or date-time
  --clearance NAME    leave out resources whose export-control marking is above this clearance:
                      none (unmarked only), EAR99, EAR or ITAR (everything); default: not applied
  --format FORMAT     text (default) or json
  --data DIR          data directory (env DT_DATA, default ./data)
  --encryption-key-file FILE
                      key of an encrypted data directory (env DT_ENCRYPTION_KEY_FILE, or the key in
                      DT_ENCRYPTION_KEY)
  --help              show this text

The run is recorded in the audit log as an export.`;

/** Exit code when the analysis found gaps, so scripts can tell them from errors (1) and usage errors (2). */
export const GAPS_FOUND = 3;

export async function runTrace(args: string[]): Promise<number> {
  const values = parseEvidenceArgs('trace', args, { format: { type: 'string', default: 'text' } }, HELP);
  if (values === undefined) {
    return 0;
  }
  if (values.provider === undefined) {
    throw new UsageError(`--provider is required.\n\n${HELP}`);
  }
  if (values.format !== 'text' && values.format !== 'json') {
    throw new UsageError(`--format ${values.format} is not supported; use text or json.`);
  }
  const filter = readFilter(values);

  const opened = await openEvidence(values.data, values['encryption-key-file']);
  try {
    const provider = await providerIri(opened, values.provider);
    const report = await analyseTraceability(opened.store, provider, opened.catalogue, filter);
    const output = values.format === 'json' ? `${JSON.stringify(toJsonReport(report), null, 2)}\n` : toTextReport(report);
    await recordCommand(opened.dataDirectory, {
      action: 'export',
      command: 'digital-thread trace',
      resource: provider,
      detail: `Traceability analysis as ${values.format}, filter ${JSON.stringify(filter)}, ${report.counts.gaps} gaps.`,
      bytesOut: Buffer.byteLength(output),
    });
    process.stdout.write(output);
    return report.counts.gaps === 0 ? 0 : GAPS_FOUND;
  } finally {
    await opened.store.close();
  }
}

/** Reads --standard, --level, --baseline and --clearance, turning invalid values into usage errors. */
export function readFilter(values: { standard?: string | undefined; level?: string | undefined; baseline?: string | undefined; clearance?: string | undefined }): AnalysisFilter {
  try {
    return parseAnalysisFilter(values);
  } catch (error) {
    if (error instanceof InvalidFilterError) {
      throw new UsageError(error.message);
    }
    throw error;
  }
}
