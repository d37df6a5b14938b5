import { defineResources, defineTypes, topLevel } from './schema.js';

/** coordination.k8s.io/v1: leases. */
defineResources([['coordination.k8s.io', 'v1', 'Lease']]);

defineTypes({
  Lease: {
    d: 'A lock with a holder and an expiry, used for node heartbeats and leader election.',
    f: topLevel({ spec: 'LeaseSpec|The holder and timing of the lease.' }),
  },
  LeaseSpec: {
    d: 'The state of a lease.',
    f: {
      acquireTime: 'MicroTime|When the current holder took the lease.',
      holderIdentity: 'string|Who holds the lease.',
      leaseDurationSeconds: 'integer|How long candidates wait before taking the lease over, counted from renewTime.',
      leaseTransitions: 'integer|How many times the lease changed holder.',
      preferredHolder: 'string|Who should hold the lease next.',
      renewTime: 'MicroTime|When the holder last renewed the lease.',
      strategy: 'string|How leader election picks a holder.',
    },
  },
});
