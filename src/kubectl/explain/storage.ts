import { defineResources, defineTypes, topLevel } from './schema.js';

/** storage.k8s.io/v1: storage classes. */
defineResources([['storage.k8s.io', 'v1', 'StorageClass']]);

defineTypes({
  StorageClass: {
    d: 'A class of storage: the provisioner and parameters used to create PersistentVolumes for claims on demand.',
    f: topLevel({
      allowVolumeExpansion: 'boolean|Whether claims of this class may be resized.',
      allowedTopologies: '[]TopologySelectorTerm|Where volumes may be provisioned; anywhere when empty.',
      mountOptions: '[]string|Mount options for the volumes, not validated.',
      parameters: 'map[string]string|Settings passed to the provisioner.',
      provisioner: '!string|The volume plugin or CSI driver that creates the volumes.',
      reclaimPolicy: 'string=Delete,Recycle,Retain|The reclaim policy of created volumes. Defaults to Delete.',
      volumeBindingMode: 'string=Immediate,WaitForFirstConsumer|When volumes are provisioned and bound. Defaults to Immediate.',
    }),
  },
});

defineTypes({
  TopologySelectorTerm: { d: 'A topology requirement; all expressions must hold.', f: { matchLabelExpressions: '[]TopologySelectorLabelRequirement|The expressions.' } },
  TopologySelectorLabelRequirement: { d: 'A topology label and its allowed values.', f: { key: '!string|The label key.', values: '![]string|The allowed values.' } },
});
