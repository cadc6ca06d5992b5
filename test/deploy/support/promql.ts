/** Words of PromQL that are not metric names when they stand alone. */
const KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'and',
  'or',
  'unless',
  'bool',
  'offset',
  'inf',
  'nan',
]);

/**
 * The metric names a PromQL expression (or a Grafana label_values() query) reads. Strings, label matchers,
 * ranges, grouping label lists, template variables and numbers are removed first; an identifier followed by
 * "(" is a function or an aggregation; what remains is a metric name.
 */
export function metricNames(expression: string): string[] {
  const stripped = expression
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\$\{?\w+\}?/g, ' ')
    .replace(/\b\d+(?:\.\d+)?(?:e[+-]?\d+)?(?:ms|[smhdwy])?\b/gi, ' ');
  // label_values(metric, label): the second argument is a label, not a metric.
  const withoutLabelArguments = stripped.replace(/\blabel_values\s*\(([^,)]*),[^)]*\)/g, 'label_values($1)');
  const names = new Set<string>();
  for (const match of withoutLabelArguments.matchAll(/[A-Za-z_:][A-Za-z0-9_:]*/g)) {
    const isCall = /^\s*\(/.test(withoutLabelArguments.slice(match.index + match[0].length));
    if (!isCall && !KEYWORDS.has(match[0].toLowerCase())) names.add(match[0]);
  }
  return [...names];
}

/** Series names a Prometheus text exposition can produce, from its # TYPE lines (histogram and summary suffixes included). */
export function exposedSeriesNames(exposition: string): Set<string> {
  const names = new Set<string>();
  for (const [, name, type] of exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    names.add(name);
    if (type === 'histogram') ['_bucket', '_sum', '_count'].forEach((suffix) => names.add(`${name}${suffix}`));
    if (type === 'summary') ['_sum', '_count'].forEach((suffix) => names.add(`${name}${suffix}`));
  }
  return names;
}

export interface LabelMatcher {
  metric: string;
  label: string;
  operator: '=' | '!=' | '=~' | '!~';
  value: string;
}

/** The label matchers of every selector `metric{label="value", ...}` in an expression. */
export function labelMatchers(expression: string): LabelMatcher[] {
  return [...expression.matchAll(/([A-Za-z_:][\w:]*)\s*\{([^}]*)\}/g)].flatMap(([, metric, matchers]) =>
    [...matchers.matchAll(/(\w+)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"/g)].map(([, label, operator, value]) => ({
      metric,
      label,
      operator: operator as LabelMatcher['operator'],
      value,
    })),
  );
}

/** The labels an expression aggregates or joins on: the lists after by, without, on, ignoring, group_left and group_right. */
export function groupingLabels(expression: string): string[] {
  return [...expression.matchAll(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)/g)].flatMap(([, labels]) =>
    labels
      .split(',')
      .map((label) => label.trim())
      .filter(Boolean),
  );
}

/** Every label value of every sample in a Prometheus text exposition: series name -> label -> values. */
export function sampleLabels(exposition: string): Map<string, Map<string, Set<string>>> {
  const series = new Map<string, Map<string, Set<string>>>();
  for (const [, name, labels = ''] of exposition.matchAll(/^([A-Za-z_:][\w:]*)(?:\{(.*)\})?\s+\S+/gm)) {
    const byLabel = series.get(name) ?? new Map<string, Set<string>>();
    series.set(name, byLabel);
    for (const [, label, value] of labels.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
      byLabel.set(label, (byLabel.get(label) ?? new Set()).add(value));
    }
  }
  return series;
}
