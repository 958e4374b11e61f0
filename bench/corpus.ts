/**
 * The benchmark's corpus, generated from a seed: the same bytes on every run and machine.
 *
 * - `notes`: runbooks and change notes of 3.5–8.6 KiB, each with about 1 KiB of front matter,
 *   written the way teams write them (steps with commands, expected result, rollback, metrics
 *   tables, task lists, code blocks, links). About two in five carry a warning of ours (a stale
 *   review, a missing rollback, a placeholder owner, an empty section, a key typo...) so that
 *   every linter has real work to do.
 * - `large`: long runbooks (an operations handbook: many procedures built from the same
 *   sections) of given sizes, and a runbook holding a host inventory table of many rows.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatBytes } from './measure';
import { Random } from './random';

export const KIB = 1024;
export const MIB = 1024 * KIB;

export interface CorpusOptions {
  seed: number;
  /** How many runbooks and change notes (2,000 for the benchmark). */
  notes: number;
  /** Sizes of the long runbooks, in bytes. */
  largeNoteBytes: readonly number[];
  /** Rows of the inventory table note. */
  tableRows: number;
}

export interface CorpusNote {
  /** Absolute path, with the platform's separators. */
  path: string;
  text: string;
  bytes: number;
}

export interface Corpus {
  root: string;
  /** The folder holding the `notes` (and nothing else): what the CLIs are pointed at. */
  notesFolder: string;
  notes: CorpusNote[];
  /** One per entry of `largeNoteBytes`, in that order. */
  largeNotes: CorpusNote[];
  tableNote: CorpusNote;
}

/** Note sizes are drawn from this range, skewed towards the short end as real notes are (mean ≈ 5.9 KiB). */
const NOTE_BYTES = { min: 3.5 * KIB, max: 8.6 * KIB, skew: 1.26 };
const FRONT_MATTER_BYTES = { min: 850, max: 1250 };

const SERVICES = [
  'api-gateway', 'billing-worker', 'search-indexer', 'auth-service', 'cache-proxy', 'orders-db', 'media-resizer',
  'notification-queue', 'reporting-etl', 'session-store', 'payments-api', 'feature-flags', 'image-cdn', 'ledger-service',
  'checkout-web', 'inventory-sync', 'email-sender', 'audit-log', 'metrics-collector', 'rate-limiter',
] as const;
const TEAMS = [
  '@platform-oncall', '@db-team', '@web-team', '@sre', '@payments-oncall', '@search-team', 'data-platform', '@identity',
  'infra-team', 'ops@example.com', '@storage-oncall', '@edge-team',
] as const;
const PEOPLE = ['@alice', '@bob', '@chen', '@dana', '@emeka', '@farah', '@gustavo', '@hana', '@ivan', '@jo'] as const;
const REGIONS = ['eu-west-1', 'us-east-1', 'ap-southeast-2', 'eu-central-1'] as const;
const TOOLS = ['kubectl', 'helm', 'systemctl', 'journalctl', 'psql', 'redis-cli', 'curl', 'jq', 'terraform', 'aws', 'git', 'ansible', 'vault', 'promtool'] as const;
const STACK = ['kubernetes', 'postgres', 'redis', 'nginx', 'kafka', 'elasticsearch', 'python services', 'go services', 'node services', 'terraform', 'rabbitmq', 's3'] as const;
const ALERTS = ['HighLatency', 'QueueLag', 'HighMemory', 'ErrorBudgetBurn', 'DiskAlmostFull', 'ReplicationLag', 'CertificateExpiry', 'PodCrashLooping'] as const;
const STATUSES = ['draft', 'reviewed', 'reviewed', 'published', 'expanded', 'archived'] as const;
const CHECKLIST = [
  'capture the current behavior', 'create a safe backup', 'test the smallest change', 'watch logs after release',
  'write the final note', 'announce the maintenance window', 'silence the expected alerts', 'confirm the dashboards are green',
  'hand over to the next on-call', 'update the ticket with the timeline',
] as const;

interface Metric {
  name: string;
  unit: string;
  /** A typical "before" value; "after" is drawn around a better value. */
  before: number;
  better: 'lower' | 'higher';
}
const METRICS: readonly Metric[] = [
  { name: 'p95 latency', unit: 'ms', before: 840, better: 'lower' },
  { name: 'error rate', unit: '%', before: 2.4, better: 'lower' },
  { name: 'queue lag', unit: 's', before: 95, better: 'lower' },
  { name: 'cache hit ratio', unit: 'ratio', before: 0.61, better: 'higher' },
  { name: 'worker RSS', unit: 'MiB', before: 3100, better: 'lower' },
  { name: 'CPU usage', unit: '%', before: 78, better: 'lower' },
  { name: 'replication lag', unit: 's', before: 42, better: 'lower' },
  { name: 'job throughput', unit: 'jobs/s', before: 180, better: 'higher' },
];

const RUNBOOK_TITLES: readonly ((service: string) => string)[] = [
  (s) => `Restart the ${s} workers without dropping requests`,
  (s) => `Rotate the ${s} signing keys`,
  (s) => `Fail over the ${s} primary database`,
  (s) => `Drain a ${s} node before maintenance`,
  (s) => `Scale out ${s} ahead of a traffic peak`,
  (s) => `Purge the ${s} cache after a bad deploy`,
  (s) => `Rebuild the ${s} search index`,
  (s) => `Renew the TLS certificates of ${s}`,
  (s) => `Recover ${s} from a full disk`,
  (s) => `Roll back a failed ${s} release`,
  (s) => `Replay dead-lettered ${s} messages`,
  (s) => `Restore ${s} from the nightly snapshot`,
];
const CHANGE_TITLES: readonly ((service: string) => string)[] = [
  (s) => `Raise the connection pool of ${s}`,
  (s) => `Add an index for the slow ${s} listing`,
  (s) => `Move ${s} to the new node pool`,
  (s) => `Cap the retry budget of ${s}`,
  (s) => `Shorten the ${s} cache TTL for session pages`,
  (s) => `Split the ${s} queue by priority`,
  (s) => `Upgrade ${s} to the next minor release`,
  (s) => `Turn on request hedging in ${s}`,
  (s) => `Lower the ${s} log level in production`,
  (s) => `Pin the ${s} base image digest`,
];

/** What one note is about: every sentence, command and table of the note is drawn from it. */
interface Topic {
  random: Random;
  service: string;
  team: string;
  region: string;
  namespace: string;
  metric: Metric;
  ticket: string;
}

function newTopic(random: Random): Topic {
  const service = random.pick(SERVICES);
  return {
    random,
    service,
    team: random.pick(TEAMS),
    region: random.pick(REGIONS),
    namespace: random.pick(['prod', 'production', 'payments', 'edge', 'data']),
    metric: random.pick(METRICS),
    ticket: `OPS-${random.int(1000, 9999)}`,
  };
}

function slugify(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** A day between two months (inclusive), every month equally likely. */
function date(random: Random, from: [year: number, month: number], to: [year: number, month: number]): string {
  const months = (to[0] - from[0]) * 12 + (to[1] - from[1]);
  const index = from[1] - 1 + random.int(0, months);
  const year = from[0] + Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
}

function round(value: number): number {
  return value >= 10 ? Math.round(value) : Math.round(value * 100) / 100;
}

function metricValues(topic: Topic): { before: number; after: number } {
  const { metric, random } = topic;
  const before = round(metric.before * (0.7 + random.next() * 0.6));
  const factor = metric.better === 'lower' ? 0.2 + random.next() * 0.5 : 1.1 + random.next() * 0.4;
  const after = metric.unit === 'ratio' ? Math.min(0.99, round(before * factor)) : round(before * factor);
  return { before, after };
}

// ---- Inline text -------------------------------------------------------------------------------

function command(topic: Topic): string {
  const { random, service, namespace, region } = topic;
  const instance = random.int(1, 6);
  return random.pick([
    `kubectl -n ${namespace} rollout restart deployment/${service}`,
    `kubectl -n ${namespace} rollout status deployment/${service} --timeout=10m`,
    `kubectl -n ${namespace} get pods -l app=${service} -o wide`,
    `kubectl -n ${namespace} scale deployment/${service} --replicas=${random.int(3, 24)}`,
    `sudo systemctl reload ${service}@${instance}`,
    `journalctl -fu ${service}@${instance} --since "10 min ago"`,
    `curl -fsS https://${service}.internal.example.com/health | jq .`,
    `helm upgrade ${service} charts/${service} -f deploy/${service}/values.yaml --atomic`,
    `redis-cli -h ${service}-cache.internal -p 6379 info memory`,
    `psql "$DATABASE_URL" -c 'select state, count(*) from pg_stat_activity group by state;'`,
    `terraform plan -target=module.${service.replace(/-/g, '_')}`,
    `aws s3 sync s3://backups-${region}/${service}/latest ./restore/`,
    `vault kv get secret/${service}/signing-key`,
    `./scripts/deploy.sh ${service} --env production --dry-run`,
  ]);
}

function link(topic: Topic): string {
  const { random, service } = topic;
  return random.pick([
    `[the ${service} dashboard](https://grafana.example.com/d/${random.hex(8)}/${service})`,
    `[the architecture notes](https://wiki.example.com/${service}/architecture)`,
    `[${topic.ticket}](https://tracker.example.com/browse/${topic.ticket})`,
    `[the on-call handbook](../handbook/on-call.md)`,
    `[the logs](https://logs.example.com/app/${service}?range=1h)`,
  ]);
}

const SENTENCES: readonly ((topic: Topic) => string)[] = [
  (t) => `Check ${link(t)} before you start: the ${t.metric.name} should be flat for at least ten minutes.`,
  (t) => `Run \`${command(t)}\` and wait until every pod reports *Ready*.`,
  (t) =>
    t.metric.better === 'lower'
      ? `If the ${t.metric.name} climbs above ${round(t.metric.before * 1.5)} ${t.metric.unit}, stop and page ${t.team}.`
      : `If the ${t.metric.name} drops below ${round(t.metric.before * 0.5)} ${t.metric.unit}, stop and page ${t.team}.`,
  (t) => `The ${t.service} deployment in ${t.region} serves about ${t.random.int(2, 90) * 100} requests per second at peak.`,
  () => `**Do not** restart more than one replica at a time; the load balancer needs a healthy majority.`,
  (t) => `Idle connections are closed after \`${t.random.int(15, 120)}s\`, so expect a short spike in \`5xx\` responses.`,
  (t) => `This usually takes ${t.random.int(5, 40)} minutes; on a busy day it can take twice as long.`,
  (t) => `The alert \`${toPascal(t.service)}${t.random.pick(ALERTS)}\` fires when the ${t.metric.name} stays above its threshold for five minutes.`,
  (t) => `Keep a terminal with \`${t.random.pick(TOOLS)}\` open in a second window while you work.`,
  (t) => `Write down the current ${t.metric.name} in the incident channel so that the next person can compare.`,
  (t) => `Most of the time the cause is a slow downstream dependency, _not_ ${t.service} itself.`,
  (t) => `The configuration lives in \`deploy/${t.service}/values.yaml\`; change it there, never on the hosts.`,
  (t) => `Leave the change running for an hour before you close ${link(t)}.`,
  (t) => `The last time this happened the ${t.metric.name} went from ${t.metric.before} ${t.metric.unit} to twice that within minutes.`,
  (t) => `Ask ${t.random.pick(PEOPLE)} if the numbers look different from what this note describes.`,
  () => `Nothing here needs a maintenance window, but announce it in #ops anyway.`,
  (t) => `The ${t.service} pods are spread over three zones, so losing one node costs a third of the capacity at most.`,
  (t) => `Use the read-only replica (\`${t.service}-ro.internal\`) for any query that scans more than a few thousand rows.`,
  () => `Expect the first requests after a restart to be slow while the caches warm up.`,
  (t) => `The runbook was last exercised in a game day on ${date(t.random, [2025, 1], [2026, 10])}; it took ${t.random.int(8, 50)} minutes.`,
];

function toPascal(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_match, _dash: string, letter: string) => letter.toUpperCase());
}

/** Wraps at 100 columns like the example notes, never starting a line with a list, heading, quote or table marker. */
function wrap(text: string, width = 100): string {
  const words = text.split(' ');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const startsBlock = /^(?:[-+*#>|=]|\d+[.)])/.test(word);
    if (line !== '' && line.length + 1 + word.length > width && !startsBlock) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}

function paragraph(topic: Topic, sentences = topic.random.int(2, 5)): string {
  return wrap(
    topic.random
      .sample(SENTENCES, sentences)
      .map((sentence) => sentence(topic))
      .join(' '),
  );
}

/** A paragraph of `bytes` bytes or a little less: fills a note up to its drawn size. */
function paragraphOfSize(topic: Topic, bytes: number): string {
  let text = '';
  // Sentences differ in length: after one does not fit, a few more tries find a shorter one.
  for (let misses = 0; misses < 12; ) {
    const next = topic.random.pick(SENTENCES)(topic);
    const grown = text === '' ? next : `${text} ${next}`;
    if (Buffer.byteLength(grown) <= bytes) text = grown;
    else misses++;
  }
  return wrap(text);
}

// ---- Blocks ------------------------------------------------------------------------------------

function fence(language: string, lines: readonly string[]): string {
  return ['```' + language, ...lines, '```'].join('\n');
}

function shellBlock(topic: Topic): string {
  const lines: string[] = [];
  for (let i = topic.random.int(2, 6); i > 0; i--) lines.push(command(topic));
  return fence(topic.random.pick(['sh', 'sh', 'bash', 'console']), lines);
}

function logLine({ random, service }: Topic): string {
  const time = [random.int(0, 23), random.int(0, 59), random.int(0, 59)].map((part) => String(part).padStart(2, '0')).join(':');
  const level = random.pick(['INFO', 'INFO', 'INFO', 'WARN', 'ERROR']);
  const event = random.pick(['request finished', 'pool exhausted, waiting', 'retrying upstream call', 'worker ready', 'shutting down gracefully', 'slow query']);
  return `${date(random, [2026, 1], [2026, 10])}T${time}Z ${level} ${service} ${event} duration_ms=${random.int(2, 4000)}`;
}

function codeBlock(topic: Topic): string {
  const { random, service } = topic;
  switch (random.int(0, 4)) {
    case 0:
      return shellBlock(topic);
    case 1:
      return fence('sql', [
        `EXPLAIN ANALYZE SELECT id, status, updated_at`,
        `  FROM ${service.replace(/-/g, '_')}_jobs`,
        `  WHERE status = 'pending' AND updated_at < now() - interval '${random.int(5, 60)} minutes'`,
        `  ORDER BY updated_at LIMIT ${random.int(1, 10) * 100};`,
      ]);
    case 2:
      return fence('yaml', [
        `${service}:`,
        `  replicas: ${random.int(3, 24)}`,
        `  resources:`,
        `    requests: { cpu: ${random.int(1, 8) * 250}m, memory: ${random.int(1, 16) * 256}Mi }`,
        `  pool:`,
        `    max_connections: ${random.int(2, 40) * 10}`,
        `    idle_timeout: ${random.int(15, 120)}s`,
      ]);
    case 3:
      return fence('json', [
        '{',
        `  "service": "${service}",`,
        `  "ok": ${random.chance(0.8)},`,
        `  "version": "${random.int(1, 9)}.${random.int(0, 30)}.${random.int(0, 9)}",`,
        `  "checks": { "db": "ok", "cache": "${random.pick(['ok', 'degraded'])}", "queue_depth": ${random.int(0, 5000)} }`,
        '}',
      ]);
    default: {
      const lines: string[] = [];
      for (let i = random.int(3, 8); i > 0; i--) lines.push(logLine(topic));
      return fence('text', lines);
    }
  }
}

const STEPS = [
  'Announce the start in #ops', 'Take a snapshot first', 'Silence the expected alerts', 'Drain the first replica',
  'Restart the replicas one by one', 'Apply the new configuration', 'Watch the queue drain', 'Check the error rate',
  'Confirm that the health endpoint answers', 'Scale the deployment back', 'Record the result in the ticket',
] as const;

function stepList(topic: Topic): string {
  const { random } = topic;
  const items: string[] = [];
  for (let i = 1, count = random.int(3, 8); i <= count; i++) {
    let item = `${i}. ${random.pick(STEPS)}: \`${command(topic)}\`.`;
    if (random.chance(0.25)) item += `\n\n   ${paragraph(topic, 1).replace(/\n/g, '\n   ')}`;
    if (random.chance(0.15)) item += `\n\n   ${shellBlock(topic).replace(/\n/g, '\n   ')}`;
    if (random.chance(0.15)) item += `\n   - ${random.pick(['wait for the pod to be Ready', 'compare with the dashboard', 'skip this on staging'])}`;
    items.push(item);
  }
  return items.join('\n');
}

function bulletList(topic: Topic): string {
  return topic.random
    .sample(SENTENCES, topic.random.int(2, 6))
    .map((sentence) => `- ${sentence(topic)}`)
    .join('\n');
}

function taskList(topic: Topic, allDone: boolean): string {
  return topic.random
    .sample(CHECKLIST, topic.random.int(4, 7))
    .map((item) => `- [${allDone || topic.random.chance(0.6) ? 'x' : ' '}] ${item}`)
    .join('\n');
}

function metricsTable(topic: Topic): string {
  const rows = ['| metric | before | after |', '| --- | ---: | ---: |'];
  for (const metric of topic.random.sample(METRICS, topic.random.int(2, 4))) {
    const values = metricValues({ ...topic, metric });
    rows.push(`| ${metric.name} | ${values.before} ${metric.unit} | ${values.after} ${metric.unit} |`);
  }
  return rows.join('\n');
}

function hostRow(random: Random, index: number): string {
  const service = random.pick(SERVICES);
  return `| ${service}-${String(index).padStart(4, '0')}.internal | ${random.pick(['primary', 'replica', 'worker', 'cache', 'ingress'])} | ${random.pick(REGIONS)} | ${random.int(1, 9)}.${random.int(0, 30)}.${random.int(0, 9)} | ${random.pick(TEAMS)} | \`${random.hex(12)}\` |`;
}

function hostTable(random: Random, rows: number): string {
  const lines = ['| host | role | region | version | owner | image |', '| --- | --- | --- | --- | --- | --- |'];
  for (let i = 1; i <= rows; i++) lines.push(hostRow(random, i));
  return lines.join('\n');
}

function section(depth: number, title: string, ...blocks: string[]): string {
  return [`${'#'.repeat(depth)} ${title}`, ...blocks].join('\n\n');
}

/** Sections that make a note longer without changing what the rules find in it, by the titles they go by. */
const FILLERS: readonly { titles: readonly string[]; blocks: (topic: Topic, depth: number) => string[] }[] = [
  {
    titles: ['Troubleshooting: the pods do not become ready', 'Troubleshooting: the queue keeps growing', 'Troubleshooting: requests time out', 'When the health check flaps'],
    blocks: (t, depth) => [paragraph(t), section(depth + 1, t.random.pick(['Symptoms', 'Likely causes', 'What to try first'])), paragraph(t), codeBlock(t)],
  },
  { titles: ['Background', 'History', 'Why this exists'], blocks: (t) => [paragraph(t), paragraph(t)] },
  { titles: ['Verification', 'Smoke tests', 'Checking the result'], blocks: (t) => [paragraph(t, 2), codeBlock(t), bulletList(t)] },
  {
    titles: ['Escalation', 'Who to call'],
    blocks: (t) => [`If the steps above do not help within ${t.random.int(10, 45)} minutes, page ${t.team} and post in #incidents.`, `> **Note:** ${paragraph(t, 2).replace(/\n/g, '\n> ')}`],
  },
  { titles: ['References', 'See also', 'Related runbooks'], blocks: (t) => [[link(t), link(t), link(t)].map((item) => `- ${item}`).join('\n')] },
  {
    titles: ['Notes', 'Known issues', 'Gotchas'],
    blocks: (t) => [bulletList(t), t.random.chance(0.3) ? `![${t.service} request flow](https://wiki.example.com/${t.service}/flow.png)` : paragraph(t, 2)],
  },
  { titles: ['How it works', 'Architecture', 'Data flow'], blocks: (t) => [paragraph(t), codeBlock(t), paragraph(t, 2)] },
];

/** The filler sections of one note, each title used once, in a random order. */
function fillerDeck(topic: Topic, depth = 2): () => string {
  const deck = topic.random.shuffle(FILLERS.flatMap((filler) => filler.titles.map((title) => ({ title, blocks: filler.blocks }))));
  let next = 0;
  return () => {
    const { title, blocks } = deck[next++ % deck.length] as (typeof deck)[number];
    return section(depth, title, ...blocks(topic, depth));
  };
}

// ---- Front matter ------------------------------------------------------------------------------

function quoteIfNeeded(value: string): string {
  return /^[@`'"[{&*!|>%]|: | #|:$/.test(value) ? JSON.stringify(value) : value;
}

function yamlList(values: readonly string[]): string {
  return `[${values.map(quoteIfNeeded).join(', ')}]`;
}

/** Further keys, known ones and a team's own, in a random order: the front matter takes as many as fit its drawn size. */
function optionalKeys(topic: Topic): string[] {
  const { random, service } = topic;
  return random.shuffle(
    [
      `labels: ${yamlList(random.sample(['on-call', 'database', 'kubernetes', 'incident', 'maintenance', 'security', 'performance', 'capacity'], random.int(2, 4)))}`,
      `service: ${service}`,
      `environments: [production, staging]`,
      `stack: ${yamlList(random.sample(STACK, random.int(2, 4)))}`,
      `tools: ${yamlList(random.sample(TOOLS, random.int(2, 5)))}`,
      `alerts:\n${random.sample(ALERTS, random.int(1, 3)).map((alert) => `  - ${toPascal(service)}${alert}`).join('\n')}`,
      `dashboards:\n  - https://grafana.example.com/d/${random.hex(8)}/${service}\n  - https://logs.example.com/app/${service}`,
      `escalation: "${random.pick(PEOPLE)}"`,
      `reference: ops-ref-${String(random.int(0, 999999)).padStart(6, '0')}-${random.int(1000, 9999)}`,
      `hash: ${random.hex(24)}`,
      `reading_time: ${random.int(3, 25)}`,
      `difficulty: ${random.pick(['beginner', 'intermediate', 'advanced'])}`,
      `ticket: ${topic.ticket}`,
      `reviewers: ${yamlList(random.sample(PEOPLE, 2))}`,
      `notes:\n  - ${quoteIfNeeded(random.pick(['drill this twice a year', 'staging behaves differently: fewer replicas', 'keep in sync with the terraform module']))}\n  - last drill took ${random.int(8, 50)} minutes`,
    ],
  );
}

function frontMatter(topic: Topic, required: string[]): string {
  const target = topic.random.int(FRONT_MATTER_BYTES.min, FRONT_MATTER_BYTES.max);
  const lines = [...required];
  for (const extra of optionalKeys(topic)) {
    if (lines.join('\n').length >= target) break;
    lines.push(extra);
  }
  const summary = `summary: >-\n  ${wrap(paragraph(topic, 2).replace(/\n/g, ' ').replace(/[`*_]/g, ''), 96).replace(/\n/g, '\n  ')}`;
  if (lines.join('\n').length < target) lines.push(summary);
  return ['---', ...lines, '---'].join('\n');
}

/** Whether a note's checklist is all ticked: most reviewed notes are done, a few forgot (RN010). */
function settled(revisionLine: string, random: Random): boolean {
  return /status: (reviewed|published|archived)/.test(revisionLine) && random.chance(0.9);
}

function revision(random: Random): string {
  return `revision: { status: ${random.pick(STATUSES)}, version: ${random.int(0, 4)}.${random.int(0, 12)}.${random.int(0, 9)}, last_reviewed: ${date(random, [2025, 7], [2026, 10])} }`;
}

// ---- Notes -------------------------------------------------------------------------------------

/** How often a note carries each problem: about one note in four has one (stale reviews come on top, from the dates). */
const PROBLEMS = {
  noRollback: 0.06,
  placeholderRollback: 0.04,
  placeholderOwner: 0.03,
  noOwner: 0.02,
  emptySection: 0.03,
  keyTypo: 0.03,
  imageWithoutAlt: 0.02,
  noChecklist: 0.03,
};

function ownerLines(topic: Topic): { frontMatter: string[]; body: string[] } {
  const { random } = topic;
  if (random.chance(PROBLEMS.noOwner)) return { frontMatter: [], body: [] };
  if (random.chance(PROBLEMS.placeholderOwner)) return { frontMatter: [random.pick(['owner: TODO', 'owner: "<owner>"', 'owner: TBD'])], body: [] };
  if (random.chance(0.15)) return { frontMatter: [], body: [`**Owner:** ${topic.team}`] };
  const key = random.chance(PROBLEMS.keyTypo) ? random.pick(['onwer', 'ownr']) : 'owner';
  return { frontMatter: [random.chance(0.2) ? `${key}: ${yamlList([topic.team, random.pick(PEOPLE)])}` : `${key}: ${JSON.stringify(topic.team)}`], body: [] };
}

function rollbackSection(topic: Topic): string[] {
  const { random } = topic;
  if (random.chance(PROBLEMS.noRollback)) return [];
  if (random.chance(PROBLEMS.placeholderRollback)) return [section(2, 'Rollback', random.pick(['TODO', 'TBD', 'TODO: how to undo this']))];
  return [section(2, random.pick(['Rollback', 'Rollback', 'Rollback plan', 'Back-out plan']), paragraph(topic, random.int(1, 3)), ...(random.chance(0.5) ? [shellBlock(topic)] : []))];
}

function metricSection(topic: Topic): string[] {
  const { random } = topic;
  if (random.chance(PROBLEMS.emptySection)) return [`## Metrics`];
  const title = random.pick(['Metrics', 'Metric', 'Success metric']);
  if (random.chance(0.5)) return [section(2, title, metricsTable(topic))];
  const values = metricValues(topic);
  return [section(2, title, `The ${topic.metric.name} goes from ${values.before} ${topic.metric.unit} to ${values.after} ${topic.metric.unit} or better; see ${link(topic)}.`)];
}

/** Adds filler sections before the closing ones until the note reaches `targetBytes`, give or take a few bytes. */
function fillTo(topic: Topic, head: string[], tail: string[], targetBytes: number): string {
  const body = [...head];
  const separator = 2; // the blank line between blocks
  let remaining = targetBytes - Buffer.byteLength([...body, ...tail].join('\n\n')) - 1;
  const nextFiller = fillerDeck(topic);
  while (remaining > 600) {
    const next = nextFiller();
    const cost = Buffer.byteLength(next) + separator;
    if (cost > remaining) break;
    body.push(next);
    remaining -= cost;
  }
  if (remaining > 300) {
    const heading = section(2, topic.random.pick(['Remarks', 'Lessons learned', 'Open questions']));
    body.push(heading);
    remaining -= Buffer.byteLength(heading) + separator;
  }
  if (remaining > 40) body.push(paragraphOfSize(topic, remaining - separator));
  return `${[...body, ...tail].join('\n\n')}\n`;
}

function drawNoteBytes(random: Random): number {
  return Math.round(NOTE_BYTES.min + (NOTE_BYTES.max - NOTE_BYTES.min) * random.next() ** NOTE_BYTES.skew);
}

/** Draws notes until one falls within the size range: the fixed sections alone can exceed a small drawn size. */
function withinSizeRange(draw: () => { title: string; text: string }): { title: string; text: string } {
  for (;;) {
    const note = draw();
    const bytes = Buffer.byteLength(note.text);
    if (bytes >= NOTE_BYTES.min && bytes <= NOTE_BYTES.max) return note;
  }
}

function runbook(random: Random): { title: string; text: string } {
  const topic = newTopic(random);
  const title = random.pick(RUNBOOK_TITLES)(topic.service);
  const owner = ownerLines(topic);
  const status = revision(random);
  const head = [
    frontMatter(topic, ['kind: runbook', `title: ${title}`, ...owner.frontMatter, status]),
    `# ${title}`,
    ...owner.body,
    paragraph(topic),
    ...(random.chance(0.6) ? [section(2, 'Context', paragraph(topic), ...(random.chance(0.3) ? [`> **Note:** ${paragraph(topic, 1).replace(/\n/g, '\n> ')}`] : []))] : []),
    ...(random.chance(0.5) ? [section(2, 'Before you start', bulletList(topic))] : []),
    section(2, 'Steps', stepList(topic), ...(random.chance(0.5) ? [codeBlock(topic)] : [])),
    section(2, random.pick(['Expected result', 'Expected result', 'Success criteria']), paragraph(topic, random.int(1, 3))),
    ...(random.chance(PROBLEMS.imageWithoutAlt) ? [`![](https://wiki.example.com/${topic.service}/diagram.png)`] : []),
    ...rollbackSection(topic),
    ...metricSection(topic),
  ];
  const tail = random.chance(PROBLEMS.noChecklist) ? [] : [section(2, 'Checklist', taskList(topic, settled(status, random)))];
  return { title, text: fillTo(topic, head, tail, drawNoteBytes(random)) };
}

function changeNote(random: Random, day: string): { title: string; text: string } {
  const topic = newTopic(random);
  const title = random.pick(CHANGE_TITLES)(topic.service);
  const owner = ownerLines(topic);
  const files = random.sample(
    [`deploy/${topic.service}/values.yaml`, `src/${topic.service}/pool.go`, `src/${topic.service}/config.py`, `terraform/modules/${topic.service}/main.tf`, `docs/${topic.service}.md`, `migrations/${random.int(100, 999)}_add_index.sql`, `charts/${topic.service}/templates/deployment.yaml`],
    random.int(1, 4),
  );
  const filesInFrontMatter = random.chance(0.6);
  const values = metricValues(topic);
  const metricInFrontMatter = random.chance(0.4);
  const status = revision(random);
  const frontMatterLines = [
    'kind: change-note',
    `title: ${title}`,
    ...owner.frontMatter,
    `date: ${day}`,
    status,
    ...(filesInFrontMatter ? [`files_touched:\n${files.map((file) => `  - ${file}`).join('\n')}`] : []),
    ...(metricInFrontMatter ? [`metric: { name: ${topic.metric.name}, before: ${values.before}, after: ${values.after}, unit: ${quoteIfNeeded(topic.metric.unit)} }`] : []),
  ];
  const reason = random.chance(0.3) ? [`**Reason:** ${paragraph(topic, 1)}`] : [section(2, random.pick(['Reason', 'Why', 'Motivation']), paragraph(topic, random.int(1, 3)))];
  const head = [
    frontMatter(topic, frontMatterLines),
    `# ${title}`,
    ...owner.body,
    ...reason,
    section(2, 'What changed', paragraph(topic), bulletList(topic)),
    ...(filesInFrontMatter ? [] : [section(2, 'Files touched', files.map((file) => `- \`${file}\``).join('\n'))]),
    section(2, random.pick(['Command used', 'Commands used', 'Command']), shellBlock(topic)),
    ...(metricInFrontMatter ? [] : metricSection(topic)),
    ...rollbackSection(topic),
  ];
  const tail = random.chance(0.3) ? [section(2, 'Checklist', taskList(topic, settled(status, random)))] : [];
  return { title, text: fillTo(topic, head, tail, drawNoteBytes(random)) };
}

/**
 * A long runbook (an operations handbook): the usual required sections once, then procedures,
 * each a level-2 section with the subsections of a runbook, until the note reaches `bytes`.
 * Procedure subsections are not field headings, so the long note is not one long list of findings.
 */
function handbook(random: Random, bytes: number, title: string): string {
  const topic = newTopic(random);
  const parts = [
    frontMatter(topic, ['kind: runbook', `title: ${title}`, `owner: ${JSON.stringify(topic.team)}`, revision(random)]),
    `# ${title}`,
    paragraph(topic),
    section(2, 'Expected result', paragraph(topic, 2)),
    section(2, 'Rollback', paragraph(topic, 2), shellBlock(topic)),
    section(2, 'Metrics', metricsTable(topic)),
    section(2, 'Checklist', taskList(topic, false)),
  ];
  let size = Buffer.byteLength(parts.join('\n\n'));
  while (size < bytes) {
    const procedure = newTopic(random);
    const next = section(
      2,
      random.pick(RUNBOOK_TITLES)(procedure.service),
      paragraph(procedure),
      section(3, 'Steps', stepList(procedure)),
      section(3, 'Verification', paragraph(procedure, 2), codeBlock(procedure)),
      ...(random.chance(0.3) ? [section(3, 'Capacity', metricsTable(procedure))] : []),
      ...(random.chance(0.5) ? [fillerDeck(procedure, 3)()] : []),
      section(3, 'If it goes wrong', paragraph(procedure, 2)),
    );
    parts.push(next);
    size += Buffer.byteLength(next) + 2;
  }
  return `${parts.join('\n\n')}\n`;
}

/** A runbook whose inventory is one table of `rows` rows: the worst case for table parsing. */
function inventoryRunbook(random: Random, rows: number): string {
  const topic = newTopic(random);
  const title = 'Host inventory and restart order';
  return `${[
    frontMatter(topic, ['kind: runbook', `title: ${title}`, `owner: ${JSON.stringify(topic.team)}`, revision(random)]),
    `# ${title}`,
    paragraph(topic),
    section(2, 'Inventory', hostTable(random, rows)),
    section(2, 'Expected result', paragraph(topic, 2)),
    section(2, 'Rollback', paragraph(topic, 2)),
    section(2, 'Metrics', metricsTable(topic)),
    section(2, 'Checklist', taskList(topic, false)),
  ].join('\n\n')}\n`;
}

function writeNote(file: string, text: string): CorpusNote {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return { path: file, text, bytes: Buffer.byteLength(text) };
}

/**
 * Writes the corpus under `root` (which must be empty or missing) and returns its notes. Runbooks
 * go to `notes/runbooks/<team>/`, change notes to `notes/changes/<year>/`, as in a real repository;
 * the large notes to `large/`, outside the folder the CLIs lint as a whole.
 */
export function writeCorpus(root: string, options: CorpusOptions): Corpus {
  const random = new Random(options.seed);
  const notesFolder = path.join(root, 'notes');
  const taken = new Set<string>();
  const unique = (file: string) => {
    let candidate = file;
    for (let i = 2; taken.has(candidate); i++) candidate = file.replace(/\.md$/, `-${i}.md`);
    taken.add(candidate);
    return candidate;
  };
  const notes: CorpusNote[] = [];
  for (let i = 0; i < options.notes; i++) {
    if (random.chance(0.55)) {
      const { title, text } = withinSizeRange(() => runbook(random));
      const team = random.pick(TEAMS).replace(/^@|@.*$/g, '');
      notes.push(writeNote(unique(path.join(notesFolder, 'runbooks', team, `${slugify(title)}.md`)), text));
    } else {
      const day = date(random, [2024, 1], [2026, 11]);
      const { title, text } = withinSizeRange(() => changeNote(random, day));
      notes.push(writeNote(unique(path.join(notesFolder, 'changes', day.slice(0, 4), `${day}-${slugify(title)}.md`)), text));
    }
  }
  const largeNotes = options.largeNoteBytes.map((bytes) =>
    writeNote(path.join(root, 'large', 'runbooks', `operations-handbook-${slugify(formatBytes(bytes))}.md`), handbook(random, bytes, `Operations handbook (${formatBytes(bytes)})`)),
  );
  const tableNote = writeNote(path.join(root, 'large', 'runbooks', `host-inventory-${options.tableRows}-rows.md`), inventoryRunbook(random, options.tableRows));
  return { root, notesFolder, notes, largeNotes, tableNote };
}
