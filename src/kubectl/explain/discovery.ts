import { defineResources, defineTypes, topLevel } from './schema.js';

/** discovery.k8s.io/v1: endpoint slices. */
defineResources([['discovery.k8s.io', 'v1', 'EndpointSlice']]);

defineTypes({
  EndpointSlice: {
    d: 'Part of the endpoints of a service; large services are split across several slices.',
    f: topLevel({
      addressType: '!string=FQDN,IPv4,IPv6|The kind of addresses the slice holds.',
      endpoints: '![]Endpoint|The endpoints.',
      ports: '[]EndpointPort@discovery|The ports every endpoint serves.',
    }),
  },
  Endpoint: {
    d: 'One endpoint of a slice.',
    f: {
      addresses: '![]string|The endpoint\'s addresses, of the slice\'s address type.',
      conditions: 'EndpointConditions|Whether it is ready, serving, terminating.',
      deprecatedTopology: 'map[string]string|Deprecated topology labels.',
      hints: 'EndpointHints|Hints for topology aware routing.',
      hostname: 'string|The endpoint\'s hostname.',
      nodeName: 'string|The node hosting the endpoint.',
      targetRef: 'ObjectReference|The object (usually a pod) behind the endpoint.',
      zone: 'string|The zone the endpoint is in.',
    },
  },
  EndpointHints: {
    d: 'Hints for consumers of the slice about how to route to an endpoint.',
    f: { forZones: '[]ForZone|The zones whose clients should use this endpoint (topology aware routing).' },
  },
  ForZone: { d: 'A zone an endpoint should serve.', f: { name: '!string|The zone\'s name.' } },
  EndpointConditions: {
    d: 'The state of an endpoint.',
    f: {
      ready: 'boolean|Ready to receive traffic.',
      serving: 'boolean|Serving, regardless of terminating.',
      terminating: 'boolean|Shutting down.',
    },
  },
  'EndpointPort@discovery': {
    d: 'A port endpoints serve.',
    f: {
      appProtocol: 'string|The application protocol.',
      name: 'string|The port\'s name.',
      port: 'integer|The port number.',
      protocol: 'string=SCTP,TCP,UDP|TCP, UDP or SCTP. Defaults to TCP.',
    },
  },
});
