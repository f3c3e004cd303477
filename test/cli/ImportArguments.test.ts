import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { freePort, MINI_PROGRAMME } from '../helpers/TestServer.js';
import { runCli as run } from '../helpers/DigitalThreadCli.js';
import { temporaryDirectory } from '../helpers/temporaryDirectory.js';


describe('digital-thread import arguments', () => {
  const directory = temporaryDirectory();
  const data = join(directory.path, 'data');
  const bom = join(directory.path, 'bom.csv');
  before(() => {
    const loaded = run(['load', '--quiet', '--data', data, MINI_PROGRAMME]);
    assert.equal(loaded.status, 0, loaded.stderr);
    writeFileSync(bom, 'Part Number,Parent,Title,Qty\nA-1,,Top,1\n');
  });
  after(() => directory.remove());

  it('names a directory given as the file', () => {
    const folder = join(directory.path, 'exports');
    mkdirSync(folder);
    const result = run(['import', 'csv', folder, '--data', data, '--provider', 'fcc']);
    assert.equal(result.status, 1);
    assert.equal(result.stderr, `${folder} is a directory; give the CSV file in it.\n`);
  });

  it('names a missing file', () => {
    const missing = join(directory.path, 'absent.reqif');
    const result = run(['import', 'reqif', missing, '--data', data, '--provider', 'fcc']);
    assert.equal(result.status, 1);
    assert.equal(result.stderr, `${missing} was not found; check the path.\n`);
  });

  it('odata rejects a path', () => {
    const result = run(['import', 'odata', 'not-a-url', '--data', data, '--provider', 'fcc']);
    assert.equal(result.status, 1);
    assert.equal(result.stderr, 'The odata format reads from the Windchill REST Services root URL, but not-a-url is no http(s) URL; give one such as https://plm.example.com/Windchill/servlet/odata.\n');
  });

  const credentialUrls: [name: string, url: string][] = [
    ['user and password', 'http://wcadmin:s3cret-Pa55@127.0.0.1:18739/Windchill/servlet/odata'],
    ['user only', 'http://wcadmin@127.0.0.1:18739/Windchill/servlet/odata'],
  ];
  for (const [name, url] of credentialUrls) {
    it(`odata rejects a URL with ${name}`, () => {
      const result = run(['import', 'odata', url, '--data', data, '--provider', 'fcc', '--dry-run']);
      assert.equal(result.status, 1);
      assert.equal(
        result.stderr,
        'The Windchill REST Services URL http://127.0.0.1:18739/Windchill/servlet/odata is given with a user name or password; leave them out of the URL and set DT_ODATA_AUTHORIZATION to "Basic " followed by the Base64 of user:password.\n',
      );
      assert.ok(!result.stderr.includes('wcadmin'));
      assert.equal(result.stdout, '');
    });
  }

  it('prints 100 rejection issues', () => {
    const many = join(directory.path, 'many.csv');
    // Each row's quantity differs, because the same message on several rows is reported once.
    const rows = Array.from({ length: 150 }, (_, index) => `P-${index},A-1,Part ${index},many${index}`);
    writeFileSync(many, ['Part Number,Parent,Title,Qty', 'A-1,,Top,1', ...rows].join('\n'));
    const result = run(['import', 'csv', many, '--data', data, '--provider', 'fcc', '--dry-run', '--quiet']);
    assert.equal(result.status, 1);
    const lines = result.stderr.trimEnd().split('\n');
    assert.equal(lines[0], 'The import was rejected with 150 errors; nothing was written:');
    assert.equal(lines.length, 102);
    assert.equal(lines[1], '  error: many.csv line 3: The quantity "many0" is not a number; write it as 2, 0.5 or 1/2.');
    // 150 errors, and no warning that A-1 has no components, because its rejected rows were its components.
    assert.equal(lines[101], '  ... and 50 more (--json prints every one)');
  });

  it('held directory names the endpoint', () => {
    // The test process acts as a running server: the lock names a process that is running.
    const lock = join(data, 'LOCK');
    writeFileSync(lock, String(process.pid));
    try {
      const result = run(['import', 'csv', bom, '--data', data, '--provider', 'fcc', '--dry-run']);
      assert.equal(result.status, 1);
      assert.equal(
        result.stderr,
        `The data directory is in use by process ${process.pid} (${lock}); stop that process or choose another directory with --data. ` +
          'A running server imports on its endpoint instead: POST the file to /import/csv?provider=fcc&dryRun=true (see "Importing from PLM and requirements tools" in the README).\n',
      );
    } finally {
      rmSync(lock);
    }
  });

  const typos: [option: string, message: string][] = [
    ['--dryrun', 'Unknown option --dryrun; did you mean --dry-run?'],
    ['--remove_missing', 'Unknown option --remove_missing; did you mean --remove-missing?'],
    ['--jsno', 'Unknown option --jsno; did you mean --json?'],
    ['--verbose', 'Unknown option --verbose.'],
  ];
  for (const [option, message] of typos) {
    it(`unknown option ${option}`, () => {
      const result = run(['import', 'csv', bom, '--data', data, '--provider', 'fcc', option]);
      assert.equal(result.status, 2);
      assert.equal(result.stderr, `${message}\nRun "digital-thread import --help" for the options.\n`);
    });
  }

  it('base URL mismatch names --base-url', () => {
    const result = run(['import', 'csv', bom, '--data', data, '--provider', 'fcc', '--quiet', '--base-url', 'http://127.0.0.1:18790/']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /, but the base URL is now http:\/\/127\.0\.0\.1:18790\/\. Give the import --base-url http:\/\/127\.0\.0\.1:8080\/ \(or set DT_BASE_URL=http:\/\/127\.0\.0\.1:8080\/\) to match the data, or import into another --data directory\.\n$/);
  });

  it('load base URL mismatch', () => {
    const result = run(['load', '--quiet', '--data', data, '--base-url', 'http://127.0.0.1:18790/', MINI_PROGRAMME]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /\. Give the load --base-url http:\/\/127\.0\.0\.1:8080\/ \(or set DT_BASE_URL=http:\/\/127\.0\.0\.1:8080\/\), or load into another --data directory\.\n$/);
  });

  // Five attempts with the default backoff: the waits add up to 7.5 s at most.
  it('quiet odata pull prints only the error', async () => {
    // freePort closes the server it bound, so nothing listens on the port.
    const root = `http://127.0.0.1:${await freePort()}/Windchill/servlet/odata`;
    const result = run(['import', 'odata', root, '--data', data, '--provider', 'fcc', '--quiet'], { DT_LOG_LEVEL: 'info' });
    assert.equal(result.status, 1);
    assert.equal(result.stdout, '');
    assert.equal(
      result.stderr,
      `GET ${root}/ProdMgmt/Parts?$expand=Uses($expand=Uses) failed: connection refused (ECONNREFUSED) after 5 attempts; check the URL and that Windchill is reachable.\n`,
    );
  });
});
