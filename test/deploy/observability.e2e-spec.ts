import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { MetricsService } from '@app/common';
import { type EventfulCloud, startEventfulCloud } from '../support/eventful-cloud';
import { startTestApp, type TestApp } from '../support/test-app';
import { newWebhookSecret, WebhookReceiver } from '../support/webhook-receiver';
import { provokeLifecycle, refuseRevocations } from './support/lifecycle';
import { exposedSeriesNames, groupingLabels, labelMatchers, metricNames, sampleLabels } from './support/promql';
import { repoPath } from './support/repo-paths';

/** Metrics Prometheus makes itself rather than scraping them from the service. */
const PROMETHEUS_SYNTHETIC = new Set(['up']);
/** Labels Prometheus adds to every scraped series (the ServiceMonitor's job, the target's instance). */
const TARGET_LABELS = new Set(['job', 'instance']);
/** Metrics whose label values (outcomes, states, types) the queries may single out: each is provoked below. */
const LIFECYCLE_METRIC = /^upload_bff_(events|orphaned_uploads|webhook)_/;

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

/** The series name a histogram's or summary's sample carries, back to the metric that declares it. */
const declaredName = (series: string) => series.replace(/_(bucket|sum|count)$/, '');

/** The API's routes as Fastify names them in the `route` label, and whether each is documented to answer 502 (it calls a provider). */
const routes = Object.entries(
  JSON.parse(readFileSync(repoPath('openapi.json'), 'utf8')).paths as Record<string, Record<string, { responses: object }>>,
).map(([path, operations]) => ({
  route: path.replace(/\{(\w+)\}/g, ':$1'),
  callsProvider: Object.values(operations).some((operation) => '502' in operation.responses),
}));

describe('the Grafana dashboard and the Prometheus alert rules', () => {
  let cloud: EventfulCloud;
  let receiver: WebhookReceiver;
  let sut: TestApp;
  let exposed: Set<string>;
  let samples: Map<string, Map<string, Set<string>>>;

  beforeAll(async () => {
    // As in production with webhooks and event receivers on (the webhook queue's gauges exist only with a
    // WEBHOOK_URL), and with every outcome the lifecycle row and alerts single out made to happen for real.
    receiver = await WebhookReceiver.start();
    refuseRevocations(receiver);
    cloud = await startEventfulCloud();
    sut = await startTestApp({
      redis: true,
      port: cloud.port,
      env: { ...cloud.env, WEBHOOK_URL: receiver.url, WEBHOOK_SECRET: newWebhookSecret(), WEBHOOK_RETRY_SCHEDULE: '50ms' },
    });
    await provokeLifecycle(sut, cloud, receiver);
    const exposition = await (await fetch(`${sut.url}/metrics`)).text();
    exposed = exposedSeriesNames(exposition);
    samples = sampleLabels(exposition);
  });
  afterAll(async () => {
    await sut?.close();
    await cloud?.close();
    await receiver?.down();
  });

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

  it('filter and group only on labels that the metrics they read carry', () => {
    // prom-client keeps each metric's declared label names (not in its typings): a label filtered on before
    // anything was counted with it is checked too.
    const registry = sut.app.get(MetricsService).registry;
    const declared = (series: string): string[] => {
      const metric = registry.getSingleMetric(declaredName(series)) as unknown as { labelNames?: string[] } | undefined;
      return [...(metric?.labelNames ?? []), ...(series.endsWith('_bucket') ? ['le'] : [])];
    };
    const strangers = queries.flatMap((query) => {
      const metrics = metricNames(query).filter((name) => !PROMETHEUS_SYNTHETIC.has(name));
      const known = new Set([...TARGET_LABELS, ...metrics.flatMap(declared)]);
      const matched = labelMatchers(query)
        .filter((matcher) => !PROMETHEUS_SYNTHETIC.has(matcher.metric) && !TARGET_LABELS.has(matcher.label))
        .filter((matcher) => !declared(matcher.metric).includes(matcher.label))
        .map((matcher) => `${matcher.metric}{${matcher.label}}`);
      const grouped = groupingLabels(query)
        .filter((label) => !known.has(label))
        .map((label) => `by (${label}) in ${query}`);
      return [...matched, ...grouped];
    });
    expect(strangers).toEqual([]);
    expect(labelMatchers(queries.join('\n')).length).toBeGreaterThan(20);
  });

  it('single out only event and webhook outcomes that the live service reported', () => {
    const singled = queries
      .flatMap(labelMatchers)
      .filter((matcher) => LIFECYCLE_METRIC.test(matcher.metric) && !TARGET_LABELS.has(matcher.label))
      .filter((matcher) => matcher.operator === '=' || matcher.operator === '=~');
    expect(singled.map((matcher) => `${matcher.label}${matcher.operator}"${matcher.value}"`)).toContain('outcome=~"refused|mismatch"');
    // A regular expression here is a plain alternation of values (anything else would fail as unseen).
    const unseen = singled.flatMap((matcher) =>
      (matcher.operator === '=~' ? matcher.value.split('|') : [matcher.value])
        .filter((value) => !samples.get(matcher.metric)?.get(matcher.label)?.has(value))
        .map((value) => `${matcher.metric}{${matcher.label}="${value}"}`),
    );
    expect(unseen).toEqual([]);
  });

  it('select either the routes that call a provider or every upload route, never a mix', () => {
    const providerRoutes = routes.filter((route) => route.callsProvider).map((route) => route.route);
    const uploadRoutes = routes.map((route) => route.route).filter((route) => /^\/v1\/uploads(\/|$)/.test(route));
    expect(providerRoutes.length).toBeGreaterThanOrEqual(8);
    const selectors = new Set(
      queries
        .flatMap(labelMatchers)
        .filter((matcher) => matcher.label === 'route')
        .map((matcher) => matcher.value),
    );
    expect(selectors.size).toBeGreaterThan(0);
    for (const selector of selectors) {
      const selected = routes.map((route) => route.route).filter((route) => new RegExp(`^(?:${selector})$`).test(route));
      expect([
        [selector, providerRoutes],
        [selector, uploadRoutes],
      ]).toContainEqual([selector, selected]);
    }
  });

  it('cover refusals by reason, upstream outcomes and latency, store errors, events, webhooks and the runtime', () => {
    expect(namedMetrics).toEqual(
      expect.arrayContaining([
        'upload_bff_refusals_total',
        'upload_bff_store_errors_total',
        'upload_bff_idempotent_replays_total',
        'http_request_duration_seconds_count',
        'http_request_duration_seconds_bucket',
        'process_resident_memory_bytes',
        'nodejs_eventloop_lag_p99_seconds',
        'upload_bff_events_total',
        'upload_bff_orphaned_uploads_total',
        'upload_bff_webhook_deliveries_total',
        'upload_bff_webhook_attempt_duration_seconds_bucket',
        'upload_bff_webhook_queue_depth',
        'upload_bff_webhook_oldest_pending_age_seconds',
        'upload_bff_webhook_dead_letters',
        'upload_bff_webhook_dead_lettered_total',
        'upload_bff_webhook_publish_failures_total',
      ]),
    );
    const upstreamStatuses = queries.filter((query) => query.includes('/v1/uploads/')).join(' ');
    for (const status of ['502', '503', '504']) expect(upstreamStatuses).toContain(status);
  });

  it('aggregate the shared webhook queue gauges with max: every replica reports the same value', () => {
    const gauges = ['upload_bff_webhook_queue_depth', 'upload_bff_webhook_oldest_pending_age_seconds', 'upload_bff_webhook_dead_letters'];
    const reading = queries.filter((query) => gauges.some((gauge) => metricNames(query).includes(gauge)));
    expect(reading.length).toBeGreaterThanOrEqual(gauges.length + 2);
    for (const query of reading) expect([query, /\b(sum|avg|count)\b/.test(query), /\bmax\b/.test(query)]).toEqual([query, false, true]);
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
