/** Reads the Prometheus text format the API serves at /metrics, as a scraper would. */
export interface Scrape {
  /** Every metric name a scraper can query, histogram series (`_bucket`, `_sum`, `_count`) included. */
  names: Set<string>;
  /** The sum of the samples of `name` whose labels include `labels`; 0 when there is none. */
  value(name: string, labels?: Record<string, string>): number;
}

const SAMPLE = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /(\w+)="((?:[^"\\]|\\.)*)"/g;
const HISTOGRAM_SERIES = ['_bucket', '_sum', '_count'];

export function parseScrape(text: string): Scrape {
  const names = new Set<string>();
  const samples: { name: string; labels: Record<string, string>; value: number }[] = [];
  for (const line of text.split('\n')) {
    const declared = /^# TYPE (\S+) (\S+)/.exec(line);
    if (declared) {
      const [, name, type] = declared;
      names.add(name);
      if (type === 'histogram') HISTOGRAM_SERIES.forEach((series) => names.add(name + series));
      continue;
    }
    const sample = SAMPLE.exec(line);
    if (!sample || line.startsWith('#')) continue;
    const labels = Object.fromEntries([...(sample[2] ?? '').matchAll(LABEL)].map(([, key, value]) => [key, value]));
    samples.push({ name: sample[1], labels, value: Number(sample[3]) });
  }
  return {
    names,
    value: (name, labels = {}) =>
      samples
        .filter((sample) => sample.name === name)
        .filter((sample) => Object.entries(labels).every(([key, value]) => sample.labels[key] === value))
        .reduce((sum, sample) => sum + sample.value, 0),
  };
}
