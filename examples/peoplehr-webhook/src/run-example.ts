import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runSync, type SyncPlan } from '@hrsync/core';
import {
  createPeopleHrSource,
  createPeopleHrWebhookHandler,
  createPeopleHrWebhookUrl,
  type PeopleHrChange,
  planPeopleHrChange,
} from '@hrsync/peoplehr';
import {
  createPeopleHrFake,
  type PeopleHrFakeEvent,
  type PeopleHrWebhookFormat,
} from '@hrsync/peoplehr/testing';
import { createHostDb, type HostUser } from './host-db.ts';
import { sendFetchResponse, toFetchRequest } from './node-fetch-bridge.ts';

const API_KEY = 'example-people-hr-api-key';

/** One delivery of the demo and what the receiver answered. */
export interface Delivery {
  label: string;
  status: number;
  body: string;
}

/** What the demo did: every delivery, every one-person plan, and the host's users at the end. */
export interface ExampleResult {
  deliveries: Delivery[];
  plans: { change: PeopleHrChange; plan: SyncPlan }[];
  users: readonly HostUser[];
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve(`http://127.0.0.1:${port}`);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

/** Serves a Fetch-API handler on loopback through node:http. */
async function serve(
  handler: (request: Request) => Promise<Response>,
): Promise<{ origin: string; server: Server }> {
  let origin = '';
  const server = createServer((req, res) => {
    handler(toFetchRequest(req, origin))
      .then((response) => sendFetchResponse(response, res))
      .catch(() => {
        res.writeHead(500).end();
      });
  });
  origin = await listen(server);
  return { origin, server };
}

/**
 * The demo: a fake People HR on loopback, a host app with one user, a first full sync, then People HR webhook
 * events delivered over HTTP to a `node:http` receiver that turns each into a one-person plan and applies it.
 */
export async function runExample(options: { print: (line: string) => void }): Promise<ExampleResult> {
  const { print } = options;
  const result: ExampleResult = { deliveries: [], plans: [], users: [] };

  // People HR (the fake), reached over real HTTP on loopback.
  const fake = createPeopleHrFake({ apiKeys: [API_KEY] });
  const peopleHr = await serve(fake.handler);
  const source = createPeopleHrSource({ apiKey: API_KEY, baseUrl: peopleHr.origin });

  // The host app: one user who already exists, matched by email on the first sync.
  const db = createHostDb([
    {
      hostId: 'u1',
      firstName: 'Armen',
      lastName: 'Tamzarian',
      workEmail: 'armen.tamzarian@northwind.example',
    },
  ]);
  const nameOf = (sourceId: string | undefined) => {
    const user = db.users().find((u) => u.sourceId === sourceId);
    return user ? `${user.firstName} ${user.lastName}` : (sourceId ?? '?');
  };

  const verified = await source.verify();
  print(`Connected to People HR: ${verified.companyName} (company ${verified.companyId}).`);
  const first = await runSync({ source, destination: db });
  const s = first.plan.summary;
  print(
    `First full sync: ${s.creates} created, ${s.links} linked by email, ${s.updates} updated, ${s.archives} archived, ${s.issues} issues.`,
  );

  // The webhook receiver, behind a URL with a fresh secret (what the admin pastes into People HR).
  // The receiver is served first (its port makes the URL), then given the handler built for that URL's secret.
  let webhooks: ReturnType<typeof createPeopleHrWebhookHandler> | undefined;
  const receiver = await serve((request) =>
    webhooks ? webhooks(request) : Promise.resolve(new Response(null, { status: 503 })),
  );
  const { url: webhookUrl, secret } = createPeopleHrWebhookUrl(`${receiver.origin}/hooks/peoplehr`);
  const handler = createPeopleHrWebhookHandler({
    secret,
    source,
    async onChange(change) {
      const plan = planPeopleHrChange(change, await db.loadCurrent());
      result.plans.push({ change, plan });
      for (const line of describePlan(change, plan, nameOf)) print(`    ${line}`);
      if (!plan.blocked) await db.apply(plan);
    },
    onError: (error) => print(`    ! ${String(error)}`),
  });
  webhooks = handler;
  print(`Webhook URL for People HR (Settings → API): ${webhookUrl.replace(secret, '<secret>')}`);

  const deliver = async (
    label: string,
    event: PeopleHrFakeEvent,
    format: PeopleHrWebhookFormat = 'json',
    url = webhookUrl,
  ) => {
    const response = await fake.sendWebhook(url, event, { format });
    const body = await response.text();
    result.deliveries.push({ label, status: response.status, body });
    print(`\n→ ${label} (${format}): HTTP ${response.status} ${body}`);
    await handler.idle();
  };

  await deliver(
    'New Starter Added: Ada Byron (PW21)',
    fake.addEmployee({
      employeeId: 'PW21',
      firstName: 'Ada',
      lastName: 'Byron',
      email: 'ada.byron@northwind.example',
      jobRole: 'Data Analyst',
      department: 'Development',
      location: 'Head Office',
      reportsTo: 'PW2',
      startDate: '2024-09-02',
    }),
  );
  const promotion = fake.updateEmployee('PW21', { jobRole: 'Senior Data Analyst' });
  await deliver('Employee Detail Updated: PW21 Job Role', promotion, 'form');
  await deliver('The same delivery again', promotion, 'form');
  await deliver('Holiday Requested (ActionId 4)', {
    ActionId: 4,
    Action: 'Holiday Requested',
    EmployeeId: 'PW2',
  });
  await deliver('Marked Leaver: PW4', fake.markLeaver('PW4'), 'text');
  await deliver('Employee Deleted: S20', fake.deleteEmployee('S20'));
  await deliver(
    'A delivery to the URL without its secret',
    { ActionId: 18, EmployeeId: 'PW1' },
    'json',
    `${receiver.origin}/hooks/peoplehr`,
  );

  await handler.close();
  await close(receiver.server);
  await close(peopleHr.server);
  result.users = db.users();
  print('\nThe host app’s users now:');
  for (const u of result.users) {
    print(
      `  ${u.hostId.padEnd(4)} ${`${u.firstName} ${u.lastName}`.padEnd(20)} ${(u.title ?? '').padEnd(26)} ${u.archived ? 'archived' : 'active'}`,
    );
  }
  const actions = [...new Set(fake.actions)];
  const reads = new Set(['GetCompanyInformation', 'GetAllEmployeeDetail', 'GetEmployeeDetailById']);
  const writes = actions.filter((a) => !reads.has(a));
  print(
    `\nPeople HR calls made: ${fake.calls.length} (${actions.join(', ')}); ${writes.length === 0 ? 'no write action' : `WRITE ACTIONS: ${writes.join(', ')}`}.`,
  );
  return result;
}

function describePlan(
  change: PeopleHrChange,
  plan: SyncPlan,
  nameOf: (id: string | undefined) => string,
): string[] {
  const lines = [`one-person plan (${change.type} ${change.employeeNumber}):`];
  for (const link of plan.links)
    lines.push(`link    ${link.hostId} ← ${link.sourceId} (matched by ${link.matchedBy})`);
  for (const { employee: e } of plan.creates) {
    const manager = e.managerId ? `, reports to ${nameOf(e.managerId)}` : '';
    lines.push(`create  ${e.firstName} ${e.lastName} <${e.workEmail}>, ${e.title ?? 'no title'}${manager}`);
  }
  for (const u of plan.updates) {
    const changes = u.changes.map(
      (c) => `${c.field}: ${JSON.stringify(c.before)} → ${JSON.stringify(c.after)}`,
    );
    lines.push(`update  ${u.hostId} ${changes.join('; ')}`);
  }
  for (const r of plan.reactivations) lines.push(`reactivate ${r.hostId}`);
  for (const a of plan.archives) lines.push(`archive ${a.hostId} (${a.reason})`);
  for (const i of plan.issues) lines.push(`issue   ${i.code}: ${i.message} ${i.fix}`);
  if (plan.blocked) lines.push(`BLOCKED ${plan.blocked.code}: ${plan.blocked.message}`);
  if (lines.length === 1) lines.push('nothing to change');
  return lines;
}
