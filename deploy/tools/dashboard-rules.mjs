// Prints every Grafana dashboard query of deploy/observability as a Prometheus rule file (one
// recording rule per query), so that `promtool check rules` parses the dashboards' PromQL too.
// Grafana's own variables are replaced by values Prometheus accepts.
//
//   node deploy/tools/dashboard-rules.mjs > dashboards.rules.json
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(import.meta.dirname, '../observability/grafana/dashboards');
const GRAFANA_VARIABLES = [[/\$__rate_interval|\$__interval|\$__range/g, '5m']];

const groups = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => {
    const dashboard = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    const rules = dashboard.panels.flatMap((panel) =>
      (panel.targets ?? []).map((target, i) => ({
        record: `dashboard:${dashboard.uid.replace(/-/g, '_')}:panel_${panel.id}_${i}`,
        expr: GRAFANA_VARIABLES.reduce((expr, [pattern, value]) => expr.replace(pattern, value), target.expr),
      })),
    );
    return { name: `dashboard ${file}`, rules };
  });
console.log(JSON.stringify({ groups }, null, 2));
