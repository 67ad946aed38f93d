/**
 * The credentials of the reliability suite, and a leak sink that scans everything the suite produces for them.
 *
 * Every credential a fake accepts or a source is built with in this package is declared here, so the leak check
 * knows what to look for. Credentials learnt at run time (TriNet access tokens minted by the fake) are added to the
 * registry as they are issued. Test files create one {@link LeakSink}, feed it every error, log line, plan, report
 * and snapshot they see, and call {@link LeakSink.assertClean} in `afterAll`: any occurrence fails the file.
 */

/** TriNet credentials the fake accepts (long, unique strings: an occurrence anywhere is a leak, not a coincidence). */
export const TRINET_CREDENTIALS = Object.freeze({
  companyId: 'RLB',
  clientId: 'rel-trinet-client-id-7Qx2Lm9Ve4',
  clientSecret: 'rel-trinet-client-secret-Zp93kLw0Ty',
});

/** The TriNet client secret a source is given when the test wants bad credentials. */
export const TRINET_WRONG_SECRET = 'rel-trinet-wrong-secret-Hb51Qc';

/** The TriNet Zenefits API token the fake accepts. */
export const ZENEFITS_TOKEN = 'rel-zenefits-token-M4c8Tq2Wn6';

/** A Zenefits token the fake does not accept. */
export const ZENEFITS_WRONG_TOKEN = 'rel-zenefits-wrong-token-Ux7Rb3';

/** The People HR API key the fake accepts. */
export const PEOPLEHR_API_KEY = 'rel-peoplehr-api-key-H2v6Rw8Ks1';

/** A People HR key the fake does not accept. */
export const PEOPLEHR_WRONG_KEY = 'rel-peoplehr-wrong-key-Gd4Yp0';

/** The secret of the People HR webhook URL. */
export const PEOPLEHR_WEBHOOK_SECRET = 'rel-peoplehr-webhook-secret-9JdKq5Xe';

/** A webhook secret that must be refused. */
export const PEOPLEHR_WRONG_WEBHOOK_SECRET = 'rel-peoplehr-wrong-webhook-Tz2Nf6';

const registry = new Set<string>([
  TRINET_CREDENTIALS.clientId,
  TRINET_CREDENTIALS.clientSecret,
  TRINET_WRONG_SECRET,
  ZENEFITS_TOKEN,
  ZENEFITS_WRONG_TOKEN,
  PEOPLEHR_API_KEY,
  PEOPLEHR_WRONG_KEY,
  PEOPLEHR_WEBHOOK_SECRET,
  PEOPLEHR_WRONG_WEBHOOK_SECRET,
]);

// Derived forms a credential travels in: the Basic header of TriNet's token call, and percent-encoding.
function derivedForms(): string[] {
  const basic = (id: string, secret: string) => Buffer.from(`${id}:${secret}`).toString('base64');
  return [
    basic(TRINET_CREDENTIALS.clientId, TRINET_CREDENTIALS.clientSecret),
    basic(TRINET_CREDENTIALS.clientId, TRINET_WRONG_SECRET),
  ];
}

/**
 * Adds a credential learnt at run time (an access token the fake issued). Values under 8 characters are refused:
 * they would match ordinary text.
 */
export function registerCredential(value: string): void {
  if (value.length < 8) throw new RangeError('registerCredential: too short to scan for');
  registry.add(value);
}

/** Every credential registered so far, with the forms it travels in (Basic header, percent-encoded). */
export function registeredCredentials(): string[] {
  const out = new Set<string>([...registry, ...derivedForms()]);
  for (const value of [...out]) out.add(encodeURIComponent(value));
  return [...out];
}

/** Where a credential was found. */
export interface Leak {
  /** What was scanned (`'trinet run 12: error.toJSON()'`). */
  where: string;
  /** Text around the hit, with the credential masked. */
  excerpt: string;
}

/** Collects what a test file produced and checks it for credentials. */
export interface LeakSink {
  /** Scans a string. */
  text(where: string, value: string): void;
  /** Scans a value as JSON (plans, reports, snapshots, log fields). */
  json(where: string, value: unknown): void;
  /** Scans an error: message, stack, `toJSON()`, and the whole cause chain (each cause's message and stack). */
  error(where: string, error: unknown): void;
  /** A logger (the `Logger` shape) whose every line and field is scanned. */
  logger(where: string): {
    debug: (message: string, fields?: Record<string, unknown>) => void;
    info: (message: string, fields?: Record<string, unknown>) => void;
    warn: (message: string, fields?: Record<string, unknown>) => void;
    error: (message: string, fields?: Record<string, unknown>) => void;
  };
  /** How many texts and characters were scanned (for the report). */
  readonly scanned: { readonly items: number; readonly chars: number };
  /** Leaks found so far. */
  readonly leaks: readonly Leak[];
  /** Throws when anything leaked. */
  assertClean(): void;
}

function safeJson(value: unknown): string {
  const seen = new WeakSet<object>();
  try {
    return (
      JSON.stringify(value, (_key, item: unknown) => {
        if (typeof item === 'bigint') return String(item);
        if (item !== null && typeof item === 'object') {
          if (seen.has(item)) return '[Circular]';
          seen.add(item);
        }
        if (item instanceof Error) return { name: item.name, message: item.message, stack: item.stack };
        return item;
      }) ?? ''
    );
  } catch (error) {
    return `unserialisable: ${String(error)}`;
  }
}

/**
 * Creates a sink scanning for every registered credential (looked up at each scan, so tokens registered later are
 * found too). `extra` adds credentials for this sink only.
 */
export function createLeakSink(extra: readonly string[] = []): LeakSink {
  const leaks: Leak[] = [];
  const scanned = { items: 0, chars: 0 };
  const text = (where: string, value: string) => {
    scanned.items++;
    scanned.chars += value.length;
    for (const needle of [...registeredCredentials(), ...extra]) {
      const at = value.indexOf(needle);
      if (at < 0) continue;
      const excerpt = `${value.slice(Math.max(0, at - 40), at)}[CREDENTIAL]${value.slice(at + needle.length, at + needle.length + 40)}`;
      leaks.push({ where, excerpt });
    }
  };
  const json = (where: string, value: unknown) => text(where, safeJson(value));
  const error = (where: string, value: unknown, depth = 0): void => {
    if (depth > 8) return;
    if (value instanceof Error) {
      text(`${where}: message`, value.message);
      if (value.stack) text(`${where}: stack`, value.stack);
      text(`${where}: String()`, String(value));
      const toJSON = (value as { toJSON?: () => unknown }).toJSON;
      if (typeof toJSON === 'function') json(`${where}: toJSON()`, toJSON.call(value));
      json(`${where}: JSON.stringify`, value);
      // Own enumerable fields too (details, status, ...), as a logger serialising the error would see them.
      json(`${where}: fields`, { ...value });
      if (value.cause !== undefined) error(`${where}.cause`, value.cause, depth + 1);
      return;
    }
    json(`${where}: thrown value`, value);
  };
  const logger = (where: string) => {
    const line = (level: string) => (message: string, fields?: Record<string, unknown>) => {
      text(`${where}: log.${level} message`, message);
      if (fields !== undefined) json(`${where}: log.${level} fields`, fields);
    };
    return { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') };
  };
  return {
    text,
    json,
    error: (where, value) => error(where, value),
    logger,
    get scanned() {
      return scanned;
    },
    leaks,
    assertClean() {
      if (leaks.length === 0) return;
      const list = leaks
        .slice(0, 10)
        .map((l) => `  ${l.where}: …${l.excerpt}…`)
        .join('\n');
      throw new Error(`${leaks.length} credential leak(s):\n${list}`);
    },
  };
}
