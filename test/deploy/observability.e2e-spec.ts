import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { startTestApp, type TestApp } from '../support/test-app';
import { exposedSeriesNames, metricNames } from './support/promql';
import { repoPath } from './support/repo-paths';

/** Metrics Prometheus makes itself rather than scraping them from the service. */
const PROMETHEUS_SYNTHETIC = new Set(['up']);

interface AlertRule {
  alert: string;
  expr: string;
  for?: string;
  labels: { severity: string };
  annotations: { summary: string; description: string };
}

const rules = (
  parse(readFileSync(repoPath('deploy/observability/prometheus-rules.yaml'), 'utf8')) as {
    spec: { groups: { name: string; rules: AlertRule[] }[] };
  }
).spec.groups.flatMap((group) => group.rules);
const dashboard = JSON.parse(readFileSync(repoPath('deploy/observability/grafana-dashboard.json'), 'utf8'));

/** Every PromQL string in the dashboard: panel targets (rows included) and template variable queries. */
function dashboardQueries(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(dashboardQueries);
  if (!node || typeof node !== 'object') return [];
  const entries = Object.entries(node as Record<string, unknown>);
  const own = entries
    .filter(([key, value]) => (key === 'expr' || key === 'definition') && typeof value === 'string')
    .map(([, value]) => value as string);
  return [...own, ...entries.flatMap(([, value]) => dashboardQueries(value))];
}

const queries = [...rules.map((rule) => rule.expr), ...dashboardQueries(dashboard)];
const namedMetrics = [...new Set(queries.flatMap(metricNames))].sort();

describe('the Grafana dashboard and the Prometheus alert rules', () => {
  let sut: TestApp;
  let exposed: Set<string>;

  beforeAll(async () => {
    sut = await startTestApp({ redis: true });
    exposed = exposedSeriesNames(await (await fetch(`${sut.url}/metrics`)).text());
  });
  afterAll(() => sut.close());

  it('reads metric names out of PromQL (functions, labels, ranges and variables are not metrics)', () => {
    const expression =
      'histogram_quantile(0.99, sum by (le, route) (rate(http_request_duration_seconds_bucket{job="$job", route=~"/v1/.+"}' +
      '[$__rate_interval])))' +
      ' / ignoring(x) absent(up == 1) > 0.9 * 512 * 1024';
    expect(metricNames(expression).sort()).toEqual(['http_request_duration_seconds_bucket', 'up']);
    expect(metricNames('label_values(process_start_time_seconds{job="$job"}, instance)')).toEqual(['process_start_time_seconds']);
  });

  it('name only metrics that a live /metrics of the service exports', () => {
    expect(namedMetrics.length).toBeGreaterThanOrEqual(8);
    expect(namedMetrics.filter((name) => !exposed.has(name) && !PROMETHEUS_SYNTHETIC.has(name))).toEqual([]);
  });

  it('cover refusals by reason, upstream outcomes and latency, store errors and the runtime', () => {
    expect(namedMetrics).toEqual(
      expect.arrayContaining([
        'upload_bff_refusals_total',
        'upload_bff_store_errors_total',
        'upload_bff_idempotent_replays_total',
        'http_request_duration_seconds_count',
        'http_request_duration_seconds_bucket',
        'process_resident_memory_bytes',
        'nodejs_eventloop_lag_p99_seconds',
      ]),
    );
    const upstreamStatuses = queries.filter((query) => query.includes('/v1/uploads/')).join(' ');
    for (const status of ['502', '503', '504']) expect(upstreamStatuses).toContain(status);
  });

  it('give every alert a severity, a summary, a description and a unique name', () => {
    for (const rule of rules) {
      expect([rule.alert, ['critical', 'warning', 'info'].includes(rule.labels.severity)]).toEqual([rule.alert, true]);
      expect(rule.annotations.summary.length).toBeGreaterThan(10);
      expect(rule.annotations.description.length).toBeGreaterThan(10);
      if (rule.for) expect(rule.for).toMatch(/^\d+[smh]$/);
    }
    expect(new Set(rules.map((rule) => rule.alert)).size).toBe(rules.length);
  });

  it('give every dashboard panel a unique id, the data source variable and a query', () => {
    const panels = (dashboard.panels as { id: number; type: string; datasource?: { uid: string }; targets?: { expr: string }[] }[]).filter(
      (panel) => panel.type !== 'row',
    );
    expect(panels.length).toBeGreaterThan(8);
    const ids = (dashboard.panels as { id: number }[]).map((panel) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const panel of panels) {
      expect(panel.datasource?.uid).toBe('${datasource}');
      expect(panel.targets?.every((target) => target.expr.length > 0)).toBe(true);
    }
  });
});
