import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCommandLine } from '../../src/cli/CommandLine.js';
import { UsageError } from '../../src/cli/UsageError.js';

const OPTIONS = {
  provider: { type: 'string' },
  'base-url': { type: 'string' },
  'dry-run': { type: 'boolean' },
  'remove-missing': { type: 'boolean' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

const POINTER = 'Run "digital-thread import --help" for the options.';

function usageMessage(args: string[]): string {
  try {
    parseCommandLine('import', { args, options: OPTIONS, strict: true, allowPositionals: true });
  } catch (error) {
    assert.ok(error instanceof UsageError, String(error));
    return error.message;
  }
  assert.fail(`${args.join(' ')} was accepted`);
}

describe('parseCommandLine', () => {
  const typos: [typed: string[], message: string][] = [
    [['--dryrun'], 'Unknown option --dryrun; did you mean --dry-run?'],
    [['--dry_run'], 'Unknown option --dry_run; did you mean --dry-run?'],
    [['-dry-run'], 'Unknown option -dry-run; did you mean --dry-run?'],
    [['--Quiet'], 'Unknown option --Quiet; did you mean --quiet?'],
    [['--provder', 'fcc'], 'Unknown option --provder; did you mean --provider?'],
    [['--provder=fcc'], 'Unknown option --provder; did you mean --provider?'],
    [['--base-uri', 'http://127.0.0.1:8080/'], 'Unknown option --base-uri; did you mean --base-url?'],
    [['--remove-mising'], 'Unknown option --remove-mising; did you mean --remove-missing?'],
    [['--frobnicate'], 'Unknown option --frobnicate.'],
    [['bom.csv', '--dry-run', '--colour', 'blue'], 'Unknown option --colour.'],
  ];
  for (const [typed, message] of typos) {
    it(`names ${typed.join(' ')}`, () => {
      assert.equal(usageMessage(['csv', ...typed]), `${message}\n${POINTER}`);
    });
  }

  it('keeps other parse errors', () => {
    assert.equal(usageMessage(['csv', '--quiet=yes']), `Option '--quiet' does not take an argument\n${POINTER}`);
  });

  it('returns values and positionals', () => {
    const { values, positionals } = parseCommandLine('import', { args: ['csv', 'bom.csv', '--dry-run', '--provider', 'fcc'], options: OPTIONS, strict: true, allowPositionals: true });
    assert.deepEqual(positionals, ['csv', 'bom.csv']);
    assert.equal(values['dry-run'], true);
    assert.equal(values.provider, 'fcc');
  });
});
