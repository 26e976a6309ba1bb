/** Thrown when configuration is missing or unsafe; the message names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
