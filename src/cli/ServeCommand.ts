import { resolveConfig, SETTINGS } from '../config/ServerConfig.js';
import { getLogger } from '../logging/Logger.js';
import { DigitalThreadServer } from '../server/DigitalThreadServer.js';
import { parseCommandLine } from './CommandLine.js';

const HELP = `Usage: digital-thread serve [options]

Starts the OSLC provider. Every option can also be set with the environment variable shown.

${Object.values(SETTINGS)
  .map((setting) => `  ${setting.flag.padEnd(26)} ${setting.env.padEnd(27)} ${setting.description}`)
  .join('\n')}
  --help                            show this text`;

/** Runs the server until SIGINT or SIGTERM, then shuts down cleanly. */
export async function runServe(args: string[]): Promise<number> {
  const parsed = parseCommandLine('serve', {
    args,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      'base-url': { type: 'string' },
      data: { type: 'string' },
      'log-level': { type: 'string' },
      'cors-origin': { type: 'string', multiple: true },
      'frame-origin': { type: 'string', multiple: true },
      'max-body': { type: 'string' },
      cache: { type: 'string' },
      'sparql-timeout': { type: 'string' },
      'sparql-workers': { type: 'string' },
      'sparql-max-result': { type: 'string' },
      'no-sample': { type: 'boolean' },
      roles: { type: 'string' },
      'allow-unauthenticated': { type: 'boolean' },
      'oidc-issuer': { type: 'string' },
      'oidc-client-id': { type: 'string' },
      'oidc-client-secret-file': { type: 'string' },
      'oidc-audience': { type: 'string' },
      'oidc-scope': { type: 'string' },
      'clock-skew': { type: 'string' },
      'basic-auth': { type: 'string' },
      'session-same-site': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'tls-min-version': { type: 'string' },
      'rate-limit': { type: 'string' },
      'max-header-size': { type: 'string' },
      'encryption-key-file': { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (parsed.values.help === true) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }

  const values = parsed.values;
  const config = resolveConfig({
    host: values.host,
    port: values.port,
    baseUrl: values['base-url'],
    dataDirectory: values.data,
    logLevel: values['log-level'],
    corsOrigins: values['cors-origin'],
    frameOrigins: values['frame-origin'],
    maxBody: values['max-body'],
    cache: values.cache,
    sparqlTimeout: values['sparql-timeout'],
    sparqlWorkers: values['sparql-workers'],
    sparqlMaxResult: values['sparql-max-result'],
    noSample: values['no-sample'],
    roles: values.roles,
    allowUnauthenticated: values['allow-unauthenticated'],
    oidcIssuer: values['oidc-issuer'],
    oidcClientId: values['oidc-client-id'],
    oidcClientSecretFile: values['oidc-client-secret-file'],
    oidcAudience: values['oidc-audience'],
    oidcScope: values['oidc-scope'],
    clockSkew: values['clock-skew'],
    basicAuth: values['basic-auth'],
    sessionSameSite: values['session-same-site'],
    tlsCert: values['tls-cert'],
    tlsKey: values['tls-key'],
    tlsMinVersion: values['tls-min-version'],
    rateLimit: values['rate-limit'],
    maxHeaderSize: values['max-header-size'],
    encryptionKeyFile: values['encryption-key-file'],
  });

  const server = await DigitalThreadServer.start(config);
  const logger = getLogger('serve');
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: string): void => {
      if (stopping) {
        logger.warn('Second signal; exiting without a clean shutdown', { signal });
        process.exit(1);
      }
      stopping = true;
      logger.info('Stopping on signal', { signal });
      server.stop().then(resolve, (error: unknown) => {
        logger.error('Shutdown failed', { error: String(error) });
        resolve();
      });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return 0;
}
