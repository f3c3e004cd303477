import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, parseByteSize, resolveConfig, type ConfigInput } from '../../src/config/ServerConfig.js';

describe('ServerConfig', () => {
  it('defaults to loopback, port 8080 and ./data', () => {
    const config = resolveConfig({}, {});
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.port, 8080);
    assert.equal(config.baseUrl, 'http://127.0.0.1:8080/');
    assert.match(config.dataDirectory, /\/data$/);
    assert.equal(config.loadSample, true);
    assert.equal(config.maxBodyBytes, 10 * 1024 * 1024);
    assert.deepEqual(config.corsOrigins, []);
    assert.equal(config.logLevel, 'http');
  });

  it('flags win over environment variables', () => {
    const config = resolveConfig({ port: '9000', baseUrl: 'https://oslc.example.com/dt' }, { DT_PORT: '9100', DT_BASE_URL: 'https://other.example.com/' });
    assert.equal(config.port, 9000);
    assert.equal(config.baseUrl, 'https://oslc.example.com/dt/');
  });

  it('reads every setting from the environment', () => {
    const config = resolveConfig({}, {
      DT_HOST: '0.0.0.0',
      DT_PORT: '8443',
      DT_BASE_URL: 'https://plm.example.com/oslc-dt/',
      DT_DATA: '/var/lib/dt',
      DT_LOG_LEVEL: 'warn',
      DT_CORS_ORIGINS: 'https://elm.example.com:9443, https://windchill.example.com',
      DT_MAX_BODY: '2mb',
      DT_SAMPLE: 'false',
      DT_CACHE: '128mb',
    });
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.port, 8443);
    assert.equal(config.baseUrl, 'https://plm.example.com/oslc-dt/');
    assert.equal(config.dataDirectory, '/var/lib/dt');
    assert.equal(config.logLevel, 'warn');
    assert.deepEqual(config.corsOrigins, ['https://elm.example.com:9443', 'https://windchill.example.com']);
    assert.equal(config.maxBodyBytes, 2 * 1024 * 1024);
    assert.equal(config.loadSample, false);
    assert.equal(config.cacheBytes, 128 * 1024 * 1024);
  });

  it('base URL follows host and port when not given', () => {
    assert.equal(resolveConfig({ host: '0.0.0.0', port: '9090' }, {}).baseUrl, 'http://127.0.0.1:9090/');
    assert.equal(resolveConfig({ host: '::1', port: '9090' }, {}).baseUrl, 'http://[::1]:9090/');
  });

  const invalid: [string, ConfigInput, Record<string, string>, RegExp][] = [
    ['non-numeric port', { port: 'http' }, {}, /--port "http" is not a port number; use an integer from 1 to 65535/],
    ['port out of range', {}, { DT_PORT: '70000' }, /DT_PORT "70000" is not a port number/],
    ['bad host', { host: 'not a host!' }, {}, /--host "not a host!" is not an IP address or host name/],
    ['relative base URL', { baseUrl: 'oslc.example.com' }, {}, /--base-url "oslc.example.com" is not an absolute http or https URL/],
    ['base URL with query', { baseUrl: 'https://x.example.com/?a=1' }, {}, /without query or fragment/],
    ['ftp base URL', {}, { DT_BASE_URL: 'ftp://x.example.com/' }, /DT_BASE_URL "ftp:\/\/x.example.com\/"/],
    ['unknown log level', { logLevel: 'loud' }, {}, /--log-level "loud" is not a log level; use one of error, warn, info, http, verbose, debug/],
    ['wildcard CORS origin', { corsOrigins: ['*'] }, {}, /--cors-origin "\*" is not an origin.*a wildcard is not allowed/],
    ['CORS origin with path', {}, { DT_CORS_ORIGINS: 'https://elm.example.com/jts' }, /DT_CORS_ORIGINS "https:\/\/elm.example.com\/jts" is not an origin/],
    ['body limit without unit', { maxBody: 'ten' }, {}, /--max-body "ten" is not a size of at least 1kb/],
    ['body limit too small', { maxBody: '10' }, {}, /--max-body "10" is not a size of at least 1kb/],
    ['sample flag not boolean', {}, { DT_SAMPLE: 'maybe' }, /DT_SAMPLE "maybe" is not a boolean; use true or false/],
  ];
  for (const [name, input, env, expected] of invalid) {
    it(`rejects ${name}`, () => {
      assert.throws(() => resolveConfig(input, env), (error: Error) => error instanceof ConfigError && expected.test(error.message));
    });
  }

  it('reports every invalid setting at once', () => {
    assert.throws(
      () => resolveConfig({ port: 'x', logLevel: 'loud' }, {}),
      (error: Error) => error.message.includes('--port') && error.message.includes('--log-level'),
    );
  });

  it('parses byte sizes', () => {
    assert.deepEqual(['512', '1kb', '10MB', '1gb', '', '1.5mb', '-1'].map(parseByteSize), [512, 1024, 10 * 1024 ** 2, 1024 ** 3, undefined, undefined, undefined]);
  });
});
