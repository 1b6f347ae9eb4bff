/** `--name value` and `--name=value` pairs from a command line (what `nx run … --data x` forwards). */
export function cliOptions(argv: readonly string[]): Record<string, string | undefined> {
  const options: Record<string, string | undefined> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) continue;
    const eq = arg.indexOf('=');
    if (eq > 0) options[arg.slice(2, eq)] = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) options[arg.slice(2)] = argv[++i];
    else options[arg.slice(2)] = 'true';
  }
  return options;
}
