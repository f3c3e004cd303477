import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { EmbeddedStore } from '../../src/store/embedded/EmbeddedStore.js';
import { exited, startChildServer } from '../helpers/ChildServer.js';
import { freePort, MINI_PROGRAMME } from '../helpers/TestServer.js';
import { temporaryDirectory } from '../helpers/temporaryDirectory.js';

const BIN = join(process.cwd(), 'bin', 'digital-thread.js');

function run(args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, DT_LOG_LEVEL: 'warn', ...env }, timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('digital-thread command', () => {
  it('prints usage for help and no command', () => {
    for (const args of [[], ['help'], ['--help']]) {
      const result = run(args);
      assert.equal(result.status, 0);
      assert.match(result.stdout, /Usage: digital-thread <command>/);
    }
  });

  it('unknown command exits 2 with usage', () => {
    const result = run(['launch']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /Unknown command "launch"/);
  });

  it('serve with an invalid setting exits 2 naming it', () => {
    const result = run(['serve', '--port', 'eighty', '--no-sample']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--port "eighty" is not a port number/);
  });

  it('serve with an unknown flag exits 2', () => {
    const result = run(['serve', '--colour', 'blue']);
    assert.equal(result.status, 2);
    assert.equal(result.stderr, 'Unknown option --colour.\nRun "digital-thread serve --help" for the options.\n');
  });

  it('load stores files as one graph per resource and reports progress', () => {
    const directory = temporaryDirectory();
    try {
      const turtle = join(directory.path, 'extra.ttl');
      writeFileSync(turtle, `@prefix dcterms: <http://purl.org/dc/terms/> .
<http://example.org/a> dcterms:title "A" ; dcterms:relation [ dcterms:title "inline" ] .
<http://example.org/b> dcterms:title "B" .`);
      const result = run(['load', '--data', join(directory.path, 'data'), MINI_PROGRAMME, turtle]);
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /mini-programme\.trig: 118 triples in 11 graphs/);
      assert.match(result.stdout, /extra\.ttl: 4 triples in 2 graphs/);
      assert.match(result.stdout, /Total: 122 triples in 13 graphs/);
      assert.match(result.stderr, /mini-programme\.trig: read .* MB \(100%\), 118 triples/);
    } finally {
      directory.remove();
    }
  });

  it('load of a malformed file exits 1 naming file and line, and stores nothing', async () => {
    const directory = temporaryDirectory();
    try {
      const broken = join(directory.path, 'broken.ttl');
      writeFileSync(broken, '@prefix dcterms: <http://purl.org/dc/terms/> .\n<http://example.org/a> dcterms:title "A" .\n<http://example.org/b> dcterms:title "B ;\n');
      const result = run(['load', '--quiet', '--data', join(directory.path, 'data'), broken]);
      assert.equal(result.status, 1);
      assert.match(result.stderr, /broken\.ttl: invalid text\/turtle: .*line 3/);
      const store = new EmbeddedStore({ directory: join(directory.path, 'data') });
      await store.open();
      assert.equal(await store.size(), 0);
      await store.close();
    } finally {
      directory.remove();
    }
  });

  it('load refuses a data directory a running server holds', async () => {
    const directory = temporaryDirectory();
    const port = await freePort();
    try {
      const server = await startChildServer(directory.path, port);
      try {
        const result = run(['load', '--quiet', '--data', directory.path, MINI_PROGRAMME]);
        assert.equal(result.status, 1);
        assert.match(result.stderr, /The data directory is in use by process \d+/);
      } finally {
        server.process.kill('SIGTERM');
        assert.equal(await exited(server.process), 0);
      }
    } finally {
      directory.remove();
    }
  });

  it('serve refuses a data directory made for another base URL', async () => {
    const directory = temporaryDirectory();
    try {
      const loaded = run(['load', '--quiet', '--data', directory.path, '--base-url', 'http://127.0.0.1:8080/', MINI_PROGRAMME]);
      assert.equal(loaded.status, 0, loaded.stderr);
      const result = run(['serve', '--data', directory.path, '--port', String(await freePort())]);
      assert.equal(result.status, 2);
      assert.match(result.stderr, /holds resources whose IRIs start with http:\/\/127\.0\.0\.1:8080\/.*Start with --base-url http:\/\/127\.0\.0\.1:8080\//);
    } finally {
      directory.remove();
    }
  });
});
