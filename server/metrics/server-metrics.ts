import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { SecurityEventType } from '../../shared/api/two-factor';
import type { DatabaseErrorKind } from '../db/error-counting';
import { secondFactorLabels, type SignInStep } from './labels';

/** Where the gauges read their values at scrape time (never on a request's path). */
export interface MetricSources {
  hashing(): { running: number; waiting: number; shed: number };
  databaseErrors(): ReadonlyMap<DatabaseErrorKind, number>;
  /** Accounts with 2FA on and at most LOW_BACKUP_CODES unused codes: one query, run by the scrape. */
  accountsLowOnBackupCodes(): Promise<number>;
  /** Epoch ms after which the served TLS certificate expires; null without TLS. */
  tlsNotAfter: number | null;
}

export const LOW_BACKUP_CODES = 2;

/**
 * The server's Prometheus metrics, one registry per app (tests run several apps in one process). Label values
 * come only from fixed sets (outcomes, error codes, route patterns): never a username, a code or an address.
 */
export class ServerMetrics {
  readonly registry = new Registry();
  private readonly signIns: Counter<'step' | 'outcome'>;
  private readonly secondFactorChecks: Counter<'method' | 'outcome'>;
  private readonly lockouts: Counter;
  private readonly backupCodesUsed: Counter;
  private readonly requestDuration: Histogram<'method' | 'route' | 'status_code'>;
  private readonly requestChildren = new Map<string, { observe(seconds: number): void }>();
  private readonly counterChildren = new Map<string, { inc(): void }>();

  constructor(sources: MetricSources) {
    const registers = [this.registry];
    this.signIns = new Counter({
      name: 'securus_sign_ins_total',
      help: 'Sign-in requests by step (password, second_factor) and outcome (authenticated, 2fa_required or the error code).',
      labelNames: ['step', 'outcome'],
      registers,
    });
    this.secondFactorChecks = new Counter({
      name: 'securus_second_factor_checks_total',
      help: 'Second-factor checks by method (totp, backup_code, unknown) and outcome (accepted, wrong, replayed, malformed, locked, two_factor_off).',
      labelNames: ['method', 'outcome'],
      registers,
    });
    this.lockouts = new Counter({ name: 'securus_lockouts_total', help: 'Accounts locked.', registers });
    this.backupCodesUsed = new Counter({
      name: 'securus_backup_codes_used_total',
      help: 'Backup codes spent.',
      registers,
    });
    this.requestDuration = new Histogram({
      name: 'securus_http_request_duration_seconds',
      help: 'API request latency by route pattern, method and status code.',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    registerSourceGauges(this.registry, sources);
  }

  /**
   * Node's own metrics (memory, event-loop delay, GC). Only for a server that is scraped: each call starts an
   * event-loop monitor that lives as long as the process.
   */
  collectProcessMetrics(): void {
    collectDefaultMetrics({ register: this.registry, prefix: 'securus_' });
  }

  countSignIn(step: SignInStep, outcome: string): void {
    childOf(this.counterChildren, `sign-in ${step} ${outcome}`, () => this.signIns.labels({ step, outcome })).inc();
  }

  /** Called by recordSecurityEvent for every audited event: a counter increment, nothing else. */
  countSecurityEvent(type: SecurityEventType, reason: string | undefined): void {
    if (type === 'account_locked') {
      this.lockouts.inc();
    } else if (type === 'backup_code_used') {
      this.backupCodesUsed.inc();
    } else {
      const labels = secondFactorLabels(type, reason);
      if (labels) {
        childOf(this.counterChildren, `2fa ${labels.method} ${labels.outcome}`, () =>
          this.secondFactorChecks.labels(labels),
        ).inc();
      }
    }
  }

  observeRequest(method: string, route: string, statusCode: number, seconds: number): void {
    childOf(this.requestChildren, `${method} ${route} ${statusCode}`, () =>
      this.requestDuration.labels({ method, route, status_code: String(statusCode) }),
    ).observe(seconds);
  }
}

/** The child of one label set, looked up in prom-client once and kept: it hashes the label object on every call. */
function childOf<C>(children: Map<string, C>, key: string, make: () => C): C {
  let child = children.get(key);
  if (!child) {
    child = make();
    children.set(key, child);
  }
  return child;
}

function registerSourceGauges(registry: Registry, sources: MetricSources): void {
  const registers = [registry];
  new Gauge({
    name: 'securus_password_hash_queue_depth',
    help: 'Password hashes waiting for a slot in the bounded hashing queue.',
    registers,
    collect() {
      this.set(sources.hashing().waiting);
    },
  });
  new Gauge({
    name: 'securus_password_hashes_running',
    help: 'Password hashes running now.',
    registers,
    collect() {
      this.set(sources.hashing().running);
    },
  });
  new Counter({
    name: 'securus_password_hash_shed_total',
    help: 'Requests refused with server_busy (503) because the hashing queue was full.',
    registers,
    collect() {
      this.reset();
      this.inc(sources.hashing().shed);
    },
  });
  new Counter({
    name: 'securus_database_errors_total',
    help: 'Failed database queries by kind (constraint, busy, connection, other).',
    labelNames: ['kind'],
    registers,
    collect() {
      this.reset();
      for (const [kind, count] of sources.databaseErrors()) {
        this.inc({ kind }, count);
      }
    },
  });
  new Gauge({
    name: 'securus_accounts_low_on_backup_codes',
    help: `Accounts with 2FA on and at most ${LOW_BACKUP_CODES} unused backup codes left.`,
    registers,
    async collect() {
      this.set(await sources.accountsLowOnBackupCodes());
    },
  });
  const { tlsNotAfter } = sources;
  if (tlsNotAfter !== null) {
    new Gauge({
      name: 'securus_tls_certificate_not_after_seconds',
      help: 'When the served TLS certificate expires (Unix time).',
      registers,
    }).set(Math.floor(tlsNotAfter / 1000));
  }
}
