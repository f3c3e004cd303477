import { resolveConfig, type ServerConfig } from '../config/ServerConfig.js';
import { setLogLevel } from '../logging/Logger.js';
import { checkDataDirectory } from '../server/DigitalThreadServer.js';
import { recordedBaseUrl } from '../server/ServerFile.js';

/** Options of the commands that write into a data directory without a running server. */
export interface DataDirectoryOptions {
  data?: string;
  'base-url'?: string;
  'encryption-key-file'?: string;
}

/**
 * Resolves the configuration of a command that opens the data directory itself, such as `load` and
 * `import`. Commands log warnings only unless DT_LOG_LEVEL sets another level. A `--data` path that is a
 * file or not writable is rejected before the store opens.
 *
 * Without --base-url or DT_BASE_URL, the base URL is the one that the data directory records
 * (server.json), so that a command run next to a server on another port writes the server's IRIs.
 */
export function dataDirectoryConfig(values: DataDirectoryOptions): ServerConfig {
  const options = { dataDirectory: values.data, logLevel: process.env.DT_LOG_LEVEL ?? 'warn', encryptionKeyFile: values['encryption-key-file'] };
  let config = resolveConfig({ ...options, baseUrl: values['base-url'] });
  if (values['base-url'] === undefined && process.env.DT_BASE_URL === undefined) {
    const recorded = recordedBaseUrl(config.dataDirectory);
    if (recorded !== undefined) {
      config = resolveConfig({ ...options, baseUrl: recorded });
    }
  }
  setLogLevel(config.logLevel);
  checkDataDirectory(config.dataDirectory, '--data');
  return config;
}

