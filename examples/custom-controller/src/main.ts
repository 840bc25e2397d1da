// `pnpm run example`: reconciles the example WebApps and prints what the controller did.
import { formatObjectName } from '@gitops-kit/core';
import { exampleApps, runExample } from './example.js';

const { cluster, report, events } = await runExample({
  apps: exampleApps,
  failImages: /:does-not-exist$/,
});

for (const o of report.objects) {
  console.log(`${formatObjectName(o.ref)}: ${o.outcome}`);
  for (const c of o.conditions)
    console.log(`    ${c.type.padEnd(12)} ${c.status.padEnd(6)} ${c.reason.padEnd(24)} ${c.message}`);
}
console.log('\nObjects in namespace apps:');
for (const kind of [
  { apiVersion: 'apps/v1', kind: 'Deployment' },
  { apiVersion: 'v1', kind: 'Service' },
  { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' },
]) {
  for (const o of await cluster.list(kind, { namespace: 'apps' })) {
    const owner = o.metadata.ownerReferences?.[0];
    console.log(
      `    ${formatObjectName({ kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name })} (owner: ${owner?.kind}/${owner?.name})`,
    );
  }
}
console.log(`\n${events.events.length} events recorded.`);

// The example checks itself: two WebApps Ready, the broken image failing its health check, the
// bad spec stalled. Anything else is a bug, and CI sees a non-zero exit.
const outcome = Object.fromEntries(report.objects.map((o) => [o.ref.name, o.outcome]));
const want = { podinfo: 'Ready', shop: 'Ready', canary: 'Failed', typo: 'Stalled' };
for (const [name, expected] of Object.entries(want)) {
  if (outcome[name] !== expected) {
    console.error(`unexpected: WebApp ${name} is ${outcome[name]}, want ${expected}`);
    process.exitCode = 1;
  }
}
