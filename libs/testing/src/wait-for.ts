/**
 * Polls `probe` until it returns a value other than undefined/false, or fails after `timeoutMs`
 * naming what was awaited. For conditions with no event to wait on (a row written, a port open).
 */
export async function waitFor<T>(description: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 20000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}${cause}`);
}
