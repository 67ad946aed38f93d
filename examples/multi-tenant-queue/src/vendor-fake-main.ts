// One vendor's fakes in a process of their own (forked by the demo with an IPC channel), so that the time a vendor
// fake takes to answer (rendering pages of people) never delays another vendor's arrival timestamps: each fake counts
// requests on arrival, and a busy event loop would bunch arrivals together.
import { budgetsAt, VENDORS, type VendorId } from './budgets.ts';
import { configFromEnv } from './config.ts';
import { createTenants } from './tenants.ts';
import { startVendorFakes } from './vendor-fakes.ts';

/** Messages between the demo and a fake process. */
export type FakeProcessMessage =
  | { type: 'ready'; url: string }
  | { type: 'traffic'; traffic: ReturnType<Awaited<ReturnType<typeof startVendorFakes>>['traffic']> };

const vendor = process.env.FAKE_VENDOR as VendorId;
if (!VENDORS.includes(vendor)) throw new Error(`FAKE_VENDOR must be one of ${VENDORS.join(', ')}`);
const config = configFromEnv();
const fakes = await startVendorFakes({
  tenants: createTenants(config.companies, config.seed),
  budgets: budgetsAt(config.timeScale),
  outageMs: Number(process.env.OUTAGE_MS ?? 3000),
  noiseRate: Number(process.env.NOISE_RATE ?? 0.005),
  seed: config.seed,
  vendors: [vendor],
});
const send = (message: FakeProcessMessage) => process.send?.(message);
process.on('message', (message: { type?: string }) => {
  if (message.type === 'traffic') send({ type: 'traffic', traffic: fakes.traffic() });
  if (message.type === 'close') void fakes.close().then(() => process.exit(0));
});
process.on('disconnect', () => void fakes.close().then(() => process.exit(0)));
send({ type: 'ready', url: fakes.urls[vendor] as string });
