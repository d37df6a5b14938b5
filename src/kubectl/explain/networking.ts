import { defineResources, defineTypes, topLevel } from './schema.js';

/** networking.k8s.io/v1: network policies and ingresses. */
defineResources([
  ['networking.k8s.io', 'v1', 'NetworkPolicy'],
  ['networking.k8s.io', 'v1', 'Ingress'],
  ['networking.k8s.io', 'v1', 'IngressClass'],
]);

const PORTS = '[]NetworkPolicyPort|Ports the rule allows; every port when empty.';

defineTypes({
  NetworkPolicy: {
    d: 'Which traffic is allowed to and from a set of pods; once a pod is selected, anything not allowed is denied.',
    f: topLevel({ spec: 'NetworkPolicySpec|The pods the policy applies to and the traffic it allows.' }),
  },
  NetworkPolicySpec: {
    d: 'What a network policy selects and allows.',
    f: {
      egress: '[]NetworkPolicyEgressRule|Outgoing traffic allowed from the selected pods.',
      ingress: '[]NetworkPolicyIngressRule|Incoming traffic allowed to the selected pods.',
      podSelector: '!LabelSelector|The pods in the namespace the policy applies to; empty selects all.',
      policyTypes: '[]string|Which directions the policy covers: Ingress, Egress or both.',
    },
  },
  NetworkPolicyIngressRule: {
    d: 'Incoming traffic that is allowed: from these peers, to these ports.',
    f: { from: '[]NetworkPolicyPeer|Allowed sources; any source when empty.', ports: PORTS },
  },
  NetworkPolicyEgressRule: {
    d: 'Outgoing traffic that is allowed: to these peers, on these ports.',
    f: { ports: PORTS, to: '[]NetworkPolicyPeer|Allowed destinations; any destination when empty.' },
  },
  NetworkPolicyPeer: {
    d: 'A traffic peer: pods by label, namespaces by label, or an IP range.',
    f: {
      ipBlock: 'IPBlock|An IP range.',
      namespaceSelector: 'LabelSelector|Namespaces by label; with podSelector, those pods in those namespaces.',
      podSelector: 'LabelSelector|Pods by label, in the policy\'s namespace unless namespaceSelector is set.',
    },
  },
  IPBlock: { d: 'An IP range, with holes.', f: { cidr: '!string|The range, such as 10.0.0.0/16.', except: '[]string|Ranges inside cidr to leave out.' } },
  NetworkPolicyPort: {
    d: 'A port (or range) and protocol.',
    f: {
      endPort: 'integer|The last port of a range starting at port.',
      port: 'IntOrString|The port number or named port; all ports when unset.',
      protocol: 'string=SCTP,TCP,UDP|TCP, UDP or SCTP. Defaults to TCP.',
    },
  },
  Ingress: {
    d: 'HTTP(S) routing from outside the cluster to services, by host and path, served by an ingress controller.',
    f: topLevel({
      spec: 'IngressSpec|The routing rules and TLS settings.',
      status: 'IngressStatus|The addresses the ingress is reachable at. Read-only.',
    }),
  },
  IngressSpec: {
    d: 'The desired routing of an ingress.',
    f: {
      defaultBackend: 'IngressBackend|Where requests that match no rule go.',
      ingressClassName: 'string|The IngressClass, that is which controller serves this ingress.',
      rules: '[]IngressRule|Host and path rules.',
      tls: '[]IngressTLS|TLS certificates by host.',
    },
  },
  IngressBackend: {
    d: 'Where matching requests are sent: a service port or another resource.',
    f: { resource: 'TypedLocalObjectReference|Another object in the namespace.', service: 'IngressServiceBackend|A service and port.' },
  },
  IngressServiceBackend: { d: 'A service as a backend.', f: { name: '!string|The service\'s name.', port: 'ServiceBackendPort|The service port.' } },
  ServiceBackendPort: { d: 'A service port, by name or number.', f: { name: 'string|The port\'s name.', number: 'integer|The port\'s number.' } },
  IngressRule: {
    d: 'Routing for one host (or every host).',
    f: { host: 'string|The host, such as foo.example.com; wildcards like *.example.com allowed.', http: 'HTTPIngressRuleValue|The path rules.' },
  },
  HTTPIngressRuleValue: { d: 'HTTP path rules.', f: { paths: '![]HTTPIngressPath|The paths, each with a backend.' } },
  HTTPIngressPath: {
    d: 'A path and the backend it goes to.',
    f: {
      backend: '!IngressBackend|Where matching requests go.',
      path: 'string|The path to match, starting with /.',
      pathType: '!string=Exact,ImplementationSpecific,Prefix|How the path matches.',
    },
  },
  IngressTLS: { d: 'TLS for some hosts.', f: { hosts: '[]string|The hosts the certificate covers.', secretName: 'string|The TLS Secret with the certificate and key.' } },
  IngressStatus: { d: 'The observed state of an ingress.', f: { loadBalancer: 'IngressLoadBalancerStatus|The load balancer\'s addresses.' } },
  TypedLocalObjectReference: {
    d: 'A reference to an object of any type in the same namespace.',
    f: { apiGroup: 'string|The object\'s API group; core when empty.', kind: '!string|The object\'s kind.', name: '!string|The object\'s name.' },
  },
});

defineTypes({
  IngressLoadBalancerStatus: { d: 'The load balancer of an ingress.', f: { ingress: '[]IngressLoadBalancerIngress|Its ingress points.' } },
  IngressLoadBalancerIngress: {
    d: 'An ingress point of an ingress load balancer.',
    f: { hostname: 'string|A DNS name.', ip: 'string|An IP address.', ports: '[]IngressPortStatus|The state of its ports.' },
  },
  IngressPortStatus: {
    d: 'The state of one port of a load balancer.',
    f: {
      error: 'string|Why the port could not be set up, as a CamelCase reason or a domain-prefixed one; empty when it works.',
      port: '!integer|The port number.',
      protocol: '!string=SCTP,TCP,UDP|TCP, UDP or SCTP.',
    },
  },
  IngressClass: {
    d: 'A kind of ingress, naming the controller that implements it; an ingress picks one with ingressClassName.',
    f: topLevel({ spec: 'IngressClassSpec|The controller and its parameters.' }),
  },
  IngressClassSpec: {
    d: 'The desired state of an ingress class.',
    f: {
      controller: 'string|The controller that serves the class, such as k8s.io/ingress-nginx.',
      parameters: 'IngressClassParametersReference|An object holding more configuration for the controller.',
    },
  },
  IngressClassParametersReference: {
    d: 'A reference to a parameters object.',
    f: {
      apiGroup: 'string|The object\'s API group.',
      kind: '!string|The object\'s kind.',
      name: '!string|The object\'s name.',
      namespace: 'string|The object\'s namespace, for scope Namespace.',
      scope: 'string|Cluster (the default) or Namespace.',
    },
  },
});
