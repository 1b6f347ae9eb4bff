import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame's code lives: a package, a project folder, Node's internals, or V8's own work. */
function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const project = /\/(apps\/[^/]+\/src\/[^/]+|libs\/[^/]+\/src)\//.exec(url);
  if (project) return project[1];
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  return url.split('/').slice(-2).join('/');
}

/**
 * Self time per area and per function of one `.cpuprofile`, largest first, leaving out the first
 * `skipMs` of the process (its start: module loading and compilation).
 */
export function summariseProfile(file: string, skipMs = 0, top = 12): string[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  let clock = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const dt = profile.timeDeltas[i] ?? 0;
    clock += dt;
    if (!node || clock < skipMs * 1000) return;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') return;
    total += dt;
    const area = areaOf(url, functionName);
    areas.set(area, (areas.get(area) ?? 0) + dt);
    const name = `${functionName || '(anonymous)'} ${url ? `${url.split('/').slice(-2).join('/')}:${lineNumber + 1}` : ''}`.trim();
    functions.set(name, (functions.get(name) ?? 0) + dt);
  });
  const share = (us: number) => `${((100 * us) / Math.max(1, total)).toFixed(1)}%`;
  const rank = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
  return [
    `busy ${(total / 1e6).toFixed(1)} s of CPU on this thread after its first ${(skipMs / 1000).toFixed(0)} s`,
    `by area: ${rank(areas)
      .map(([a, us]) => `${a} ${share(us)}`)
      .join(', ')}`,
    ...rank(functions).map(([f, us]) => `  ${share(us).padStart(6)}  ${f}`),
  ];
}

/** The main-thread profiles in a folder, newest per process id. */
export function profilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => join(dir, f));
}
