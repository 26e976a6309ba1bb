/**
 * Thrown when configuration is missing or unsafe. `problems` holds one sentence per bad variable,
 * each naming it, so a build or a start can list everything to fix at once.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
  readonly problems: string[];

  constructor(problems: string | string[]) {
    const list = typeof problems === 'string' ? [problems] : problems;
    super(list.join(' '));
    this.problems = list;
  }
}
