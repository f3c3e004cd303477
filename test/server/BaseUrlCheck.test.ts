import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigError, resolveConfig } from '../../src/config/ServerConfig.js';
import { checkBaseUrl } from '../../src/server/DigitalThreadServer.js';
import { temporaryDirectory } from '../helpers/temporaryDirectory.js';

const RECORDED = 'http://127.0.0.1:8080/';
const OTHER = 'http://127.0.0.1:18790/';

describe('checkBaseUrl', () => {
  const directory = temporaryDirectory();
  after(() => directory.remove());
  writeFileSync(join(directory.path, 'server.json'), JSON.stringify({ baseUrl: RECORDED }));
  const config = resolveConfig({ dataDirectory: directory.path, baseUrl: OTHER }, {});
  const mismatch = `The data directory ${directory.path} holds resources whose IRIs start with ${RECORDED}, but the base URL is now ${OTHER}. `;

  const fixes: [command: 'serve' | 'load' | 'import', fix: string][] = [
    ['serve', `Start with --base-url ${RECORDED} (and the port it names), or use another --data directory.`],
    ['load', `Give the load --base-url ${RECORDED} (or set DT_BASE_URL=${RECORDED}), or load into another --data directory.`],
    ['import', `Give the import --base-url ${RECORDED} (or set DT_BASE_URL=${RECORDED}) to match the data, or import into another --data directory.`],
  ];
  for (const [command, fix] of fixes) {
    it(`mismatch fix for ${command}`, () => {
      assert.throws(() => checkBaseUrl(config, command), (error: Error) => {
        assert.ok(error instanceof ConfigError, error.name);
        assert.equal(error.message, mismatch + fix);
        return true;
      });
    });
  }

  it('accepts the recorded base URL', () => {
    assert.doesNotThrow(() => checkBaseUrl(resolveConfig({ dataDirectory: directory.path, baseUrl: RECORDED }, {}), 'import'));
  });

  it('dry run records nothing', () => {
    const fresh = temporaryDirectory();
    try {
      checkBaseUrl(resolveConfig({ dataDirectory: fresh.path, baseUrl: OTHER }, {}), 'import', false);
      assert.equal(existsSync(join(fresh.path, 'server.json')), false);
    } finally {
      fresh.remove();
    }
  });
});
