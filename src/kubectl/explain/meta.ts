import { defineTypes } from './schema.js';

/** meta/v1 and shared helper types (io.k8s.apimachinery). */
defineTypes({
  ObjectMeta: {
    d: 'Metadata every persisted object carries: identity, labels and annotations, ownership and the bookkeeping the server maintains.',
    f: {
      annotations: 'map[string]string|Free-form key/value pairs for tools and people; not used for selection.',
      creationTimestamp: 'Time|When the server created the object (RFC 3339, UTC). Set by the server, read-only.',
      deletionGracePeriodSeconds: 'integer|Seconds the object is allowed to shut down gracefully once deletion was requested. Read-only.',
      deletionTimestamp: 'Time|When the object will be removed; set by the server when deletion is requested. Read-only.',
      finalizers: '[]string|Names of controllers that must finish cleanup before the object is removed from storage.',
      generateName: 'string|A prefix the server uses to generate a unique name when name is not given.',
      generation: 'integer|A sequence number for changes to the desired state, bumped by the server. Read-only.',
      labels: 'map[string]string|Key/value pairs used to organize and select objects (by selectors in services, controllers and kubectl -l).',
      managedFields: '[]ManagedFieldsEntry|Which field manager owns which fields, used by server-side apply. Rarely edited by hand.',
      name: 'string|The object\'s name, unique within its namespace (or the cluster) for its kind. Cannot be changed.',
      namespace: 'string|The namespace the object lives in; empty for cluster-scoped kinds. Cannot be changed.',
      ownerReferences: '[]OwnerReference|Objects this one depends on; it is garbage collected when all of its owners are gone.',
      resourceVersion: 'string|An opaque version of the object, used for optimistic concurrency and watches. Set by the server.',
      selfLink: 'string|Deprecated and no longer set by the server.',
      uid: 'string|A unique id the server assigns for the object\'s whole lifetime. Read-only.',
    },
  },
  ManagedFieldsEntry: {
    d: 'One field manager\'s ownership record: who applied which fields, how, and when.',
    f: {
      apiVersion: 'string|The version of the schema the owned fields are expressed in.',
      fieldsType: 'string|The format of fieldsV1; only FieldsV1 exists.',
      fieldsV1: 'FieldsV1|The set of owned fields, as a nested structure.',
      manager: 'string|The name of the workflow that manages these fields.',
      operation: 'string|The operation that recorded this entry: Apply or Update.',
      subresource: 'string|The subresource (such as status) the fields were written through, if any.',
      time: 'Time|When the fields were last changed by this manager.',
    },
  },
  OwnerReference: {
    d: 'A pointer to an owning object in the same namespace (or cluster scope).',
    f: {
      apiVersion: '!string|The owner\'s API version.',
      blockOwnerDeletion: 'boolean|If true, foreground deletion of the owner waits until this object is removed.',
      controller: 'boolean|If true, this owner is the managing controller; at most one owner can be.',
      kind: '!string|The owner\'s kind.',
      name: '!string|The owner\'s name.',
      uid: '!string|The owner\'s uid.',
    },
  },
  LabelSelector: {
    d: 'A label query over objects: matchLabels and matchExpressions must all hold. Empty matches everything, null matches nothing.',
    f: {
      matchExpressions: '[]LabelSelectorRequirement|Requirements on label keys and values, all of which must hold.',
      matchLabels: 'map[string]string|Exact key/value pairs; each is the same as an In requirement with one value.',
    },
  },
  LabelSelectorRequirement: {
    d: 'One label requirement: a key, an operator and (for In and NotIn) values.',
    f: {
      key: '!string|The label key the requirement applies to.',
      operator: '!string|How the key relates to the values: In, NotIn, Exists or DoesNotExist.',
      values: '[]string|The values for In and NotIn (non-empty); must be empty for Exists and DoesNotExist.',
    },
  },
  Condition: {
    d: 'One observed aspect of an object\'s current state.',
    f: {
      lastTransitionTime: '!Time|When the condition last changed status.',
      message: '!string|A human-readable explanation of the transition.',
      observedGeneration: 'integer|The metadata.generation the condition was computed from.',
      reason: '!string|A one-word CamelCase reason for the last transition.',
      status: '!string|True, False or Unknown.',
      type: '!string|The condition type, in CamelCase.',
    },
  },
  // Time and MicroTime are `type: string` in OpenAPI, so kubectl prints `<string>` for them, but a
  // timestamp field's DESCRIPTION still ends with the type's own description.
  Time: { d: 'A point in time, serialized in RFC 3339 form with second precision, such as 2024-05-01T12:00:00Z.', p: 'string' },
  MicroTime: { d: 'A point in time with microsecond precision, serialized in RFC 3339 form, such as 2024-05-01T12:00:00.123456Z.', p: 'string' },
  RawExtension: { d: 'An embedded object of any kind, stored as it was written (JSON); its apiVersion and kind tell how to read it.' },
  FieldsV1: { d: 'A set of field paths, encoded as a JSON tree in which every key names a field, list item or map entry.' },
  IntOrString: { d: 'A value that is either an integer or a string, such as a port number or a named port.' },
  Quantity: {
    d: 'A fixed-point amount of a resource, written with optional SI (k, M, G) or binary (Ki, Mi, Gi) suffix or a milli (m) suffix, such as 500m or 1Gi.',
  },
});
