import { resolveConfig, type ServerConfig } from '../config/ServerConfig.js';
import { setLogLevel } from '../logging/Logger.js';
import { checkDataDirectory } from '../server/DigitalThreadServer.js';

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
 */
export function dataDirectoryConfig(values: DataDirectoryOptions): ServerConfig {
  const config = resolveConfig({
    dataDirectory: values.data,
    baseUrl: values['base-url'],
    logLevel: process.env.DT_LOG_LEVEL ?? 'warn',
    encryptionKeyFile: values['encryption-key-file'],
  });
  setLogLevel(config.logLevel);
  checkDataDirectory(config.dataDirectory, '--data');
  return config;
}
