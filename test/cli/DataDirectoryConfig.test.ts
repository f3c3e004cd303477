import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { dataDirectoryConfig } from '../../src/cli/DataDirectoryConfig.js';
import { temporaryDirectory } from '../helpers/temporaryDirectory.js';

const RECORDED = 'http://127.0.0.1:18790/';

describe('data directory base URL', () => {
  const environment = process.env.DT_BASE_URL;
  afterEach(() => {
    if (environment === undefined) {
      delete process.env.DT_BASE_URL;
    } else {
      process.env.DT_BASE_URL = environment;
    }
  });

  const cases: [name: string, recorded: boolean, option: string | undefined, env: string | undefined, expected: string][] = [
    ['recorded one by default', true, undefined, undefined, RECORDED],
    ['option over the recorded one', true, 'http://127.0.0.1:18791/', undefined, 'http://127.0.0.1:18791/'],
    ['environment over the recorded one', true, undefined, 'http://127.0.0.1:18792/', 'http://127.0.0.1:18792/'],
    ['built-in default without a record', false, undefined, undefined, 'http://127.0.0.1:8080/'],
  ];
  for (const [name, recorded, option, env, expected] of cases) {
    it(name, () => {
      const fresh = temporaryDirectory();
      try {
        if (recorded) {
          writeFileSync(join(fresh.path, 'server.json'), JSON.stringify({ baseUrl: RECORDED }));
        }
        if (env === undefined) {
          delete process.env.DT_BASE_URL;
        } else {
          process.env.DT_BASE_URL = env;
        }
        assert.equal(dataDirectoryConfig({ data: fresh.path, ...(option === undefined ? {} : { 'base-url': option }) }).baseUrl, expected);
      } finally {
        fresh.remove();
      }
    });
  }
});
