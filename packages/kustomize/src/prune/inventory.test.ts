import { describe, expect, it } from 'vitest';
import { Action, changeSetEntry, formatChangeSet } from '../apply/changeSet.js';
import { inventoryFromChangeSet, listInventory, mergeInventory, staleObjects } from './inventory.js';

// Inventory format from kustomize-controller api/v1/inventory_types.go and internal/inventory.
describe('inventory', () => {
  const entries = [
    changeSetEntry({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'apps' } }, Action.Created),
    changeSetEntry(
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'apps' } },
      Action.Configured,
    ),
    changeSetEntry(
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'system:x' } },
      Action.Unchanged,
    ),
  ];

  it('builds {id, v} entries in change-set order', () => {
    expect(inventoryFromChangeSet(entries)).toEqual({
      entries: [
        { id: '_apps__Namespace', v: 'v1' },
        { id: 'apps_web_apps_Deployment', v: 'v1' },
        { id: '_system__x_rbac.authorization.k8s.io_ClusterRole', v: 'v1' },
      ],
    });
  });

  it('formats the change set as Flux logs it', () => {
    expect(formatChangeSet(entries)).toBe(
      'Namespace/apps created\nDeployment/apps/web configured\nClusterRole/system:x unchanged',
    );
  });

  it('finds stale objects by id, sorted', () => {
    const prev = {
      entries: [
        { id: 'apps_web_apps_Deployment', v: 'v1' },
        { id: 'apps_old_apps_Deployment', v: 'v1' },
        { id: 'apps_cfg__ConfigMap', v: 'v1' },
      ],
    };
    const next = { entries: [{ id: 'apps_web_apps_Deployment', v: 'v2' }] };
    expect(staleObjects(prev, next)).toEqual([
      { apiVersion: 'v1', kind: 'ConfigMap', name: 'cfg', namespace: 'apps' },
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'old', namespace: 'apps' },
    ]);
    expect(staleObjects(undefined, next)).toEqual([]);
  });

  it('lists and merges', () => {
    const inv = inventoryFromChangeSet(entries);
    expect(listInventory(inv).map((r) => r.kind)).toEqual(['Namespace', 'ClusterRole', 'Deployment']);
    const merged = mergeInventory(inv, [
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'apps' },
      { apiVersion: 'v1', kind: 'ConfigMap', name: 'c', namespace: 'apps' },
    ]);
    expect(merged.entries.map((e) => e.id)).toEqual([...inv.entries.map((e) => e.id), 'apps_c__ConfigMap']);
  });
});
