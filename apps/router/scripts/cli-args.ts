/** Value of `--name value` or `--name=value` on the command line. */
export function argument(name: string): string | undefined {
  const index = process.argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (index < 0) return undefined;
  const arg = process.argv[index];
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : process.argv[index + 1];
}

/** True when `--name` (or `--name=true`) is present. */
export function flag(name: string): boolean {
  const value = argument(name);
  return process.argv.includes(`--${name}`) || value === 'true';
}
