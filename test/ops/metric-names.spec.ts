import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { collectDefaultMetrics, Registry } from 'prom-client';

const root = join(__dirname, '../..');
const observability = join(root, 'deploy/observability');

/** Metrics that come from what scrapes the services, not from Otklik's code. */
const SCRAPER_METRICS: Record<string, string> = {
  up: 'Prometheus: 1 when the last scrape of a target succeeded',
  probe_success: 'blackbox exporter (deploy/observability/blackbox.yml): 1 when a probe succeeded',
};
const HISTOGRAM_SUFFIXES = ['_bucket', '_sum', '_count'];
const PROMQL_WORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'Inf', 'NaN', 'inf', 'nan']);

interface Query {
  where: string;
  expr: string;
}
interface RuleFile {
  groups: Array<{ name: string; rules: Array<{ alert?: string; record?: string; expr: string; annotations?: Record<string, string> }> }>;
}
interface Panel {
  title: string;
  targets?: Array<{ expr?: string }>;
  panels?: Panel[];
}

/** Names of the metrics (and recorded series) a PromQL expression reads. */
export function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\$\{?\w+\}?/g, ' ');
  const names: string[] = [];
  for (const match of bare.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)) {
    const before = bare[(match.index ?? 0) - 1] ?? ' ';
    const after = bare.slice((match.index ?? 0) + match[0].length).trimStart();
    if (/[0-9.]/.test(before) || after.startsWith('(') || PROMQL_WORDS.has(match[0])) continue;
    names.push(match[0]);
  }
  return names;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !/\.(int-)?spec\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** Every metric name the services register: literals of the files that use prom-client, and prom-client's process metrics. */
function exportedMetrics(): Set<string> {
  const names = new Set<string>();
  for (const file of [...sourceFiles(join(root, 'apps')), ...sourceFiles(join(root, 'libs'))]) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes("from 'prom-client'")) continue;
    for (const [, name] of text.matchAll(/'((?:otklik|ingest)_[a-z0-9_]+)'/g)) names.add(name);
  }
  const defaults = new Registry();
  collectDefaultMetrics({ register: defaults });
  for (const metric of defaults.getMetricsAsArray()) names.add(metric.name);
  return names;
}

function rules(): RuleFile {
  return load(readFileSync(join(observability, 'prometheus/alerts.yml'), 'utf8')) as RuleFile;
}

function dashboardQueries(): Query[] {
  const dir = join(observability, 'grafana/dashboards');
  const walk = (file: string, panels: Panel[]): Query[] =>
    panels.flatMap((panel) => [...(panel.targets ?? []).flatMap((t) => (t.expr ? [{ where: `${file} · ${panel.title}`, expr: t.expr }] : [])), ...walk(file, panel.panels ?? [])]);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .flatMap((file) => {
      const dashboard = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { panels: Panel[] };
      return walk(file, dashboard.panels);
    });
}

function ruleQueries(): Query[] {
  return rules().groups.flatMap((g) => g.rules.map((r) => ({ where: `alerts.yml · ${r.alert ?? r.record}`, expr: r.expr })));
}

/** Queries naming a metric that nothing exports, as `where: metric`. */
function unknownMetrics(queries: Query[]): string[] {
  const exported = exportedMetrics();
  const recorded = new Set(rules().groups.flatMap((g) => g.rules.flatMap((r) => (r.record ? [r.record] : []))));
  const known = (name: string) =>
    exported.has(name) || recorded.has(name) || name in SCRAPER_METRICS || HISTOGRAM_SUFFIXES.some((suffix) => name.endsWith(suffix) && exported.has(name.slice(0, -suffix.length)));
  return queries.flatMap(({ where, expr }) =>
    metricNames(expr)
      .filter((name) => !known(name))
      .map((name) => `${where}: ${name}`),
  );
}

describe('dashboards and alerts read metrics the services export', () => {
  it('reads the metric names of a query, leaving out functions, labels, ranges and keywords', () => {
    const expr =
      'sum by (group) (rate(otklik_messages_consumed_total{topic=~"a.b"}[5m] offset 1h)) > 0 and on (group) up == bool 0' +
      ' or histogram_quantile(0.9, sum by (le) (rate(otklik_handler_duration_seconds_bucket[$__rate_interval])))';

    expect(metricNames(expr)).toEqual(['otklik_messages_consumed_total', 'up', 'otklik_handler_duration_seconds_bucket']);
  });

  it('reports a metric no service exports', () => {
    expect(unknownMetrics([{ where: 'spec', expr: 'rate(otklik_messages_consumed_total[5m]) + otklik_no_such_metric_total' }])).toEqual(['spec: otklik_no_such_metric_total']);
  });

  it('finds the queries of every dashboard and rule', () => {
    expect(dashboardQueries().length).toBeGreaterThanOrEqual(20);
    expect(ruleQueries().length).toBeGreaterThanOrEqual(15);
  });

  it('every Grafana dashboard query names only exported metrics', () => {
    expect(unknownMetrics(dashboardQueries())).toEqual([]);
  });

  it('every alert and recording rule names only exported metrics', () => {
    expect(unknownMetrics(ruleQueries())).toEqual([]);
  });

  it('every alert links a runbook that exists', () => {
    const alerts = rules().groups.flatMap((g) => g.rules.filter((r) => r.alert));
    const missing = alerts.filter((a) => !a.annotations?.runbook_url || !existsSync(join(root, a.annotations.runbook_url)));

    expect(missing.map((a) => a.alert)).toEqual([]);
  });
});
