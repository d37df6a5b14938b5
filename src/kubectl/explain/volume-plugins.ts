import { defineTypes } from './schema.js';

/**
 * The core group's in-tree volume plugins: sources a pod volume or a
 * PersistentVolume can name directly. Most are deprecated in favour of CSI
 * drivers and the simulation mounts none of them, but `kubectl explain`
 * still lists their fields. The Persistent* variants point at secrets in any
 * namespace (SecretReference) where the pod variants use the pod's own
 * namespace (LocalObjectReference).
 */

const FS_TYPE = 'string|The filesystem to format and mount the device with, such as ext4 or xfs; ext4 when empty.';
const READ_ONLY = 'boolean|Mount the volume read-only. Defaults to false.';
const PARTITION = 'integer|The partition of the device to mount; the whole device when 0 or unset.';
const LOCAL_SECRET = (what: string) => `LocalObjectReference|The Secret in the pod's namespace holding ${what}.`;
const SECRET_REF = (what: string) => `SecretReference|The Secret (name and namespace) holding ${what}.`;

const cephfs = (secretRef: string) => ({
  monitors: '![]string|Addresses of the Ceph monitors.',
  path: 'string|The path inside the Ceph filesystem to mount; / when empty.',
  readOnly: READ_ONLY,
  secretFile: 'string|A keyring file on the node for the Ceph user; /etc/ceph/user.secret when empty.',
  secretRef,
  user: 'string|The Ceph user (rados user name); admin when empty.',
});

const cinder = (secretRef: string) => ({
  fsType: FS_TYPE,
  readOnly: READ_ONLY,
  secretRef,
  volumeID: '!string|The Cinder volume id.',
});

const flex = (secretRef: string) => ({
  driver: '!string|The name of the FlexVolume driver.',
  fsType: 'string|The filesystem to use; the driver\'s default when empty.',
  options: 'map[string]string|Extra options passed to the driver.',
  readOnly: READ_ONLY,
  secretRef,
});

const iscsi = (secretRef: string) => ({
  chapAuthDiscovery: 'boolean|Use CHAP authentication for iSCSI discovery.',
  chapAuthSession: 'boolean|Use CHAP authentication for the iSCSI session.',
  fsType: FS_TYPE,
  initiatorName: 'string|A custom iSCSI initiator name; with it, a new interface <portal>:<volume name> is created.',
  iqn: '!string|The iSCSI Qualified Name of the target.',
  iscsiInterface: 'string|The iSCSI interface to use; default (tcp transport) when empty.',
  lun: '!integer|The target\'s logical unit number.',
  portals: '[]string|More target portals (ip or ip:port; port 3260 by default) for multipath.',
  readOnly: READ_ONLY,
  secretRef,
  targetPortal: '!string|The target portal, as ip or ip:port (port 3260 by default).',
});

const rbd = (secretRef: string) => ({
  fsType: FS_TYPE,
  image: '!string|The name of the RADOS image.',
  keyring: 'string|The keyring file for the RADOS user; /etc/ceph/keyring when empty.',
  monitors: '![]string|Addresses of the Ceph monitors.',
  pool: 'string|The RADOS pool; rbd when empty.',
  readOnly: READ_ONLY,
  secretRef,
  user: 'string|The RADOS user; admin when empty.',
});

const scaleIO = (secretRef: string) => ({
  fsType: 'string|The filesystem to mount the volume with; xfs when empty.',
  gateway: '!string|The address of the ScaleIO API gateway.',
  protectionDomain: 'string|The ScaleIO protection domain of the storage.',
  readOnly: READ_ONLY,
  secretRef,
  sslEnabled: 'boolean|Talk to the gateway over SSL. Defaults to false.',
  storageMode: 'string|ThickProvisioned (the default) or ThinProvisioned.',
  storagePool: 'string|The ScaleIO storage pool of the protection domain.',
  system: '!string|The name of the ScaleIO storage system.',
  volumeName: 'string|The name of an existing ScaleIO volume.',
});

const storageos = (secretRef: string) => ({
  fsType: FS_TYPE,
  readOnly: READ_ONLY,
  secretRef,
  volumeName: 'string|The StorageOS volume, by its name within the namespace.',
  volumeNamespace: 'string|The StorageOS namespace of the volume; the pod\'s namespace when empty, default when that has no StorageOS match.',
});

defineTypes({
  AWSElasticBlockStoreVolumeSource: {
    d: 'An AWS EBS disk attached to the node and mounted into the pod; it must exist in the node\'s availability zone. Deprecated: use the EBS CSI driver.',
    f: { fsType: FS_TYPE, partition: PARTITION, readOnly: READ_ONLY, volumeID: '!string|The id of the EBS volume.' },
  },
  AzureDiskVolumeSource: {
    d: 'An Azure data disk mounted into the pod. Deprecated: use the Azure Disk CSI driver.',
    f: {
      cachingMode: 'string|Host caching: None, ReadOnly or ReadWrite.',
      diskName: '!string|The name of the data disk in blob storage.',
      diskURI: '!string|The URI of the data disk in blob storage.',
      fsType: FS_TYPE,
      kind: 'string|Shared (several disks per storage account), Dedicated (one per account) or Managed (an Azure managed disk, the default).',
      readOnly: READ_ONLY,
    },
  },
  AzureFileVolumeSource: {
    d: 'An Azure File share mounted into the pod. Deprecated: use the Azure File CSI driver.',
    f: {
      readOnly: READ_ONLY,
      secretName: '!string|The Secret with the storage account name and key.',
      shareName: '!string|The name of the share.',
    },
  },
  AzureFilePersistentVolumeSource: {
    d: 'An Azure File share backing a PersistentVolume. Deprecated: use the Azure File CSI driver.',
    f: {
      readOnly: READ_ONLY,
      secretName: '!string|The Secret with the storage account name and key.',
      secretNamespace: 'string|The Secret\'s namespace; the pod\'s when empty.',
      shareName: '!string|The name of the share.',
    },
  },
  CephFSVolumeSource: { d: 'A Ceph filesystem mounted into the pod. Deprecated.', f: cephfs(LOCAL_SECRET('the Ceph user\'s key')) },
  CephFSPersistentVolumeSource: { d: 'A Ceph filesystem backing a PersistentVolume. Deprecated.', f: cephfs(SECRET_REF('the Ceph user\'s key')) },
  CinderVolumeSource: { d: 'An OpenStack Cinder volume attached to the node and mounted into the pod. Deprecated: use the Cinder CSI driver.', f: cinder(LOCAL_SECRET('the OpenStack credentials')) },
  CinderPersistentVolumeSource: { d: 'An OpenStack Cinder volume backing a PersistentVolume. Deprecated: use the Cinder CSI driver.', f: cinder(SECRET_REF('the OpenStack credentials')) },
  FCVolumeSource: {
    d: 'A Fibre Channel disk attached to the node and mounted into the pod; give targetWWNs with lun, or wwids.',
    f: {
      fsType: FS_TYPE,
      lun: 'integer|The target\'s logical unit number.',
      readOnly: READ_ONLY,
      targetWWNs: '[]string|The target\'s worldwide names (WWNs).',
      wwids: '[]string|The volume\'s worldwide identifiers (WWIDs); not set together with targetWWNs and lun.',
    },
  },
  FlexVolumeSource: { d: 'A volume provided by an exec-based FlexVolume driver on the node. Deprecated: use a CSI driver.', f: flex(LOCAL_SECRET('what the driver needs, passed to its plugin script')) },
  FlexPersistentVolumeSource: { d: 'A PersistentVolume provided by an exec-based FlexVolume driver. Deprecated: use a CSI driver.', f: flex(SECRET_REF('what the driver needs, passed to its plugin script')) },
  FlockerVolumeSource: {
    d: 'A Flocker dataset; needs the Flocker control service. Deprecated.',
    f: {
      datasetName: 'string|The dataset\'s name, kept as its metadata; deprecated.',
      datasetUUID: 'string|The dataset\'s UUID, its unique identifier.',
    },
  },
  GCEPersistentDiskVolumeSource: {
    d: 'A Google Compute Engine persistent disk attached to the node and mounted into the pod. Deprecated: use the GCE PD CSI driver.',
    f: { fsType: FS_TYPE, partition: PARTITION, pdName: '!string|The name of the persistent disk in GCE.', readOnly: READ_ONLY },
  },
  GitRepoVolumeSource: {
    d: 'A directory populated with a git clone when the pod starts. Deprecated: clone from an init container into an emptyDir instead.',
    f: {
      directory: 'string|The directory to clone into, inside the volume; "." clones into its root; the repository\'s name when empty.',
      repository: '!string|The repository URL.',
      revision: 'string|The commit to check out.',
    },
  },
  GlusterfsVolumeSource: {
    d: 'A GlusterFS volume mounted into the pod. Removed from the kubelet; kept in the API only.',
    f: {
      endpoints: '!string|The Endpoints object listing the Glusterfs cluster\'s nodes.',
      path: '!string|The name of the Glusterfs volume.',
      readOnly: READ_ONLY,
    },
  },
  GlusterfsPersistentVolumeSource: {
    d: 'A GlusterFS volume backing a PersistentVolume. Removed from the kubelet; kept in the API only.',
    f: {
      endpoints: '!string|The Endpoints object listing the Glusterfs cluster\'s nodes.',
      endpointsNamespace: 'string|The namespace of that Endpoints object; the claim\'s namespace when empty.',
      path: '!string|The name of the Glusterfs volume.',
      readOnly: READ_ONLY,
    },
  },
  ISCSIVolumeSource: { d: 'An iSCSI disk attached to the node and mounted into the pod; read-write by one pod at a time.', f: iscsi(LOCAL_SECRET('the CHAP credentials')) },
  ISCSIPersistentVolumeSource: { d: 'An iSCSI disk backing a PersistentVolume; read-write by one node at a time.', f: iscsi(SECRET_REF('the CHAP credentials')) },
  PhotonPersistentDiskVolumeSource: {
    d: 'A VMware Photon Controller persistent disk. Deprecated.',
    f: { fsType: FS_TYPE, pdID: '!string|The id of the Photon Controller disk.' },
  },
  PortworxVolumeSource: {
    d: 'A Portworx volume. Deprecated: the Portworx CSI driver serves it.',
    f: { fsType: 'string|The filesystem to mount the volume with; ext4 when empty.', readOnly: READ_ONLY, volumeID: '!string|The Portworx volume id.' },
  },
  QuobyteVolumeSource: {
    d: 'A Quobyte volume mounted into the pod. Deprecated.',
    f: {
      group: 'string|The group the volume is accessed as; none when empty.',
      readOnly: READ_ONLY,
      registry: '!string|One or more Quobyte registry services, as host:port, comma-separated.',
      tenant: 'string|The tenant owning the volume, for dynamically provisioned volumes.',
      user: 'string|The user the volume is accessed as; the service account user when empty.',
      volume: '!string|The name of an existing Quobyte volume.',
    },
  },
  RBDVolumeSource: { d: 'A Ceph RADOS block device mounted into the pod. Deprecated.', f: rbd(LOCAL_SECRET('the RADOS user\'s key; overrides keyring')) },
  RBDPersistentVolumeSource: { d: 'A Ceph RADOS block device backing a PersistentVolume. Deprecated.', f: rbd(SECRET_REF('the RADOS user\'s key; overrides keyring')) },
  ScaleIOVolumeSource: { d: 'A Dell EMC ScaleIO volume. Deprecated.', f: scaleIO(`!${LOCAL_SECRET('the ScaleIO user\'s credentials')}`) },
  ScaleIOPersistentVolumeSource: { d: 'A Dell EMC ScaleIO volume backing a PersistentVolume. Deprecated.', f: scaleIO(`!${SECRET_REF('the ScaleIO user\'s credentials')}`) },
  StorageOSVolumeSource: { d: 'A StorageOS volume. Deprecated.', f: storageos(LOCAL_SECRET('the StorageOS API credentials')) },
  StorageOSPersistentVolumeSource: {
    d: 'A StorageOS volume backing a PersistentVolume. Deprecated.',
    f: storageos('ObjectReference|The Secret holding the StorageOS API credentials.'),
  },
  VsphereVirtualDiskVolumeSource: {
    d: 'A vSphere virtual disk (VMDK) attached to the node. Deprecated: use the vSphere CSI driver.',
    f: {
      fsType: FS_TYPE,
      storagePolicyID: 'string|The id of the storage policy (SPBM) the storagePolicyName maps to.',
      storagePolicyName: 'string|The storage policy (SPBM) the volume is provisioned with.',
      volumePath: '!string|The path of the disk, such as [datastore1] volumes/myDisk.vmdk.',
    },
  },
});
