import type { HelpTopic } from './topics.js';

/** Help prose for the commands that change the cluster, in kubedojo's own words (see topics-inspect.ts for the format). */
export const CHANGE_TOPICS: Readonly<Record<string, HelpTopic>> = {
  create: {
    long: `Create objects from manifests, or generate common ones from flags.

 With -f, every object in the files is created; an object that already exists is an error (kubectl apply updates instead). The subcommands build a deployment, service, config map, secret, role and more from a few flags; with --dry-run=client -o yaml they print a manifest to start from instead.`,
    examples: `# Create the objects of a manifest
kubectl create -f web.yaml

# Create from standard input
cat web.yaml | kubectl create -f -

# Print a deployment manifest without creating anything
kubectl create deployment web --image=nginx --dry-run=client -o yaml`,
  },
  'create clusterrole': {
    long: `Create a ClusterRole: permissions that apply in every namespace, or to cluster-scoped resources.

 Each --verb is granted on each --resource; --resource-name narrows the rule to named objects and --non-resource-url grants paths such as /healthz.`,
    examples: `# Read access to pods everywhere
kubectl create clusterrole pod-reader --verb=get,list,watch --resource=pods

# Read access to nodes and to the /healthz endpoint
kubectl create clusterrole node-viewer --verb=get,list --resource=nodes --non-resource-url=/healthz`,
  },
  'create clusterrolebinding': {
    long: `Grant a ClusterRole to users, groups or service accounts in every namespace.`,
    examples: `# Let the monitoring service account read pods cluster-wide
kubectl create clusterrolebinding monitoring-pods --clusterrole=pod-reader --serviceaccount=monitoring:prometheus`,
  },
  'create configmap': {
    long: `Create a ConfigMap from files, directories, env files or literal values.

 A file's name becomes its key unless key=path picks one; a directory adds each regular file in it.`,
    examples: `# Two literal settings
kubectl create configmap app-config --from-literal=LOG_LEVEL=debug --from-literal=PORT=8080

# A file under its own name, and another under the key nginx.conf
kubectl create configmap web-config --from-file=app.properties --from-file=nginx.conf=./conf/site.conf

# Every line of an env file
kubectl create configmap app-env --from-env-file=app.env`,
  },
  'create cronjob': {
    long: `Create a CronJob that runs a job on a schedule.

 Arguments after -- become the command of the job's container.`,
    examples: `# Every five minutes
kubectl create cronjob cleanup --image=busybox --schedule='*/5 * * * *' -- sh -c 'echo cleaning'`,
  },
  'create deployment': {
    long: `Create a Deployment that runs an image.

 Its pods are labelled app=NAME, which its selector matches. Arguments after -- become the container's command.`,
    examples: `# Three replicas of nginx, declaring port 80
kubectl create deployment web --image=nginx --replicas=3 --port=80

# A deployment with a command
kubectl create deployment worker --image=busybox -- sleep 3600`,
  },
  'create ingress': {
    long: `Create an Ingress that routes HTTP traffic to services.

 Each --rule maps a host and path to a service port; a path ending in * matches as a prefix, otherwise it must match exactly. Add ,tls=SECRET to a rule to serve it over HTTPS.`,
    examples: `# shop.example.com/ to the web service on port 80
kubectl create ingress shop --rule='shop.example.com/*=web:80'

# Two paths on one host, one of them over TLS, with a class
kubectl create ingress api --class=nginx --rule='api.example.com/v1/*=api-v1:8080,tls=api-cert' --rule='api.example.com/v2/*=api-v2:8080'`,
  },
  'create job': {
    long: `Create a Job that runs a container to completion.

 --from=cronjob/NAME runs a cron job's template right away, which is a quick way to test one.`,
    examples: `# A one-off job
kubectl create job hello --image=busybox -- echo hello

# Run a cron job now
kubectl create job cleanup-now --from=cronjob/cleanup`,
  },
  'create namespace': {
    long: `Create a Namespace.`,
    examples: `# A namespace for the shop
kubectl create namespace shop`,
  },
  'create poddisruptionbudget': {
    long: `Create a PodDisruptionBudget: how many of the selected pods must stay up during voluntary disruptions such as kubectl drain.

 Evictions that would break the budget are refused, so a budget that can never be met blocks a drain.`,
    examples: `# Keep at least two web pods during evictions
kubectl create poddisruptionbudget web-pdb --selector=app=web --min-available=2

# Allow at most a quarter of the api pods to be down
kubectl create pdb api-pdb --selector=app=api --max-unavailable=25%`,
  },
  'create priorityclass': {
    long: `Create a PriorityClass.

 Pods name it in priorityClassName; pending pods with a higher value are scheduled first and may evict lower ones.`,
    examples: `# A class for critical services
kubectl create priorityclass critical --value=100000 --description='payment path'

# A low default that never preempts
kubectl create priorityclass batch --value=10 --global-default=true --preemption-policy=Never`,
  },
  'create quota': {
    long: `Create a ResourceQuota that limits what a namespace may use.

 Once a quota on requests or limits exists, pods that leave those values unset are rejected in that namespace.`,
    examples: `# At most ten pods and 4Gi of memory requests
kubectl create quota shop-quota --hard=pods=10,requests.memory=4Gi

# Only count best-effort pods
kubectl create quota best-effort --hard=pods=5 --scopes=BestEffort`,
  },
  'create role': {
    long: `Create a Role: permissions inside one namespace.`,
    examples: `# Read pods and their logs in this namespace
kubectl create role pod-reader --verb=get,list,watch --resource=pods,pods/log

# Change one named config map only
kubectl create role settings-editor --verb=get,update --resource=configmaps --resource-name=app-config`,
  },
  'create rolebinding': {
    long: `Grant a Role, or a ClusterRole limited to this namespace, to users, groups or service accounts.`,
    examples: `# Let the app's service account read pods here
kubectl create rolebinding app-pods --role=pod-reader --serviceaccount=shop:app

# Give a user the built-in view role in this namespace
kubectl create rolebinding alice-view --clusterrole=view --user=alice`,
  },
  'create secret': {
    long: `Create a Secret: generic data, registry credentials or a TLS key pair.`,
  },
  'create secret docker-registry': {
    long: `Create a Secret holding registry credentials (type kubernetes.io/dockerconfigjson).

 Pods use it through imagePullSecrets to pull from a private registry; without it they end in ErrImagePull.`,
    examples: `# Credentials for a private registry
kubectl create secret docker-registry regcred --docker-server=registry.example.com --docker-username=ci --docker-password=s3cret

# From an existing docker config
kubectl create secret docker-registry regcred --from-file=.dockerconfigjson=$HOME/.docker/config.json`,
  },
  'create secret generic': {
    long: `Create an Opaque Secret from files, directories, env files or literal values.

 Values are stored base64-encoded, which is not encryption.`,
    examples: `# A password and a user name
kubectl create secret generic db-creds --from-literal=username=app --from-literal=password=s3cret

# A key file under its own name
kubectl create secret generic ssh-key --from-file=id_ed25519`,
  },
  'create secret tls': {
    long: `Create a TLS Secret (type kubernetes.io/tls) from a PEM certificate and its private key.`,
    examples: `# For an ingress
kubectl create secret tls shop-tls --cert=shop.crt --key=shop.key`,
  },
  'create service': {
    long: `Create a Service of a given type.

 A service made this way selects pods labelled app=NAME; kubectl expose instead copies the selector of an existing workload.`,
  },
  'create service clusterip': {
    long: `Create a ClusterIP service, reachable inside the cluster only.`,
    examples: `# Port 80 forwarding to 8080 on the pods
kubectl create service clusterip web --tcp=80:8080

# A headless service (DNS returns the pod IPs)
kubectl create service clusterip db --clusterip=None --tcp=5432`,
  },
  'create service externalname': {
    long: `Create an ExternalName service: a DNS alias (CNAME) to a name outside the cluster.`,
    examples: `# db.shop.svc resolves to a managed database
kubectl create service externalname db --external-name=db.example.com`,
  },
  'create service loadbalancer': {
    long: `Create a LoadBalancer service, exposed through the cloud's load balancer where there is one.`,
    examples: `# Port 443 forwarding to 8443 on the pods
kubectl create service loadbalancer web --tcp=443:8443`,
  },
  'create service nodeport': {
    long: `Create a NodePort service, reachable on a port of every node.`,
    examples: `# Port 80 to the pods' 8080, on node port 30080
kubectl create service nodeport web --tcp=80:8080 --node-port=30080`,
  },
  'create serviceaccount': {
    long: `Create a ServiceAccount: an identity for pods, to which roles can be bound.`,
    examples: `# An account for the app
kubectl create serviceaccount app`,
  },
  'create token': {
    long: `Request a short-lived token for a service account and print it.

 The token can be used as a bearer token against the API server, or to test what the account may do.`,
    examples: `# A token for the app's service account
kubectl create token app

# Valid for ten minutes, for a given audience
kubectl create token app --duration=10m --audience=https://vault.example.com`,
  },
  expose: {
    long: `Create a Service for a pod, deployment, replica set, replication controller or service.

 The new service copies the object's selector (or a pod's labels) and, unless --port says otherwise, its container port. If the service has no endpoints afterwards, its selector matches no ready pod.`,
    examples: `# A ClusterIP service for a deployment, port 80 to the pods' 8080
kubectl expose deployment web --port=80 --target-port=8080

# A NodePort service for a pod
kubectl expose pod debug --port=8080 --type=NodePort

# A second service for the same pods under another name
kubectl expose service web --name=web-internal --port=8080`,
  },
  run: {
    long: `Start a single pod running an image.

 Handy for one-off checks from inside the cluster: a busybox pod to test DNS or reach a service. Arguments after -- go to the image's entrypoint, or replace it with --command.`,
    examples: `# A pod running nginx
kubectl run web --image=nginx --port=80

# Test a service from a throwaway pod, deleted afterwards
kubectl run tmp --image=busybox --rm -it --restart=Never -- wget -qO- -T 2 http://web

# Print the manifest instead of creating the pod
kubectl run web --image=nginx --dry-run=client -o yaml

# A pod with labels, an env variable and a command
kubectl run worker --image=busybox --labels=app=worker,tier=batch --env=MODE=once --command -- sleep 3600`,
  },
  set: {
    long: `Change common fields of existing objects: images, resources, environment, selectors, service accounts.

 Changing a workload's pod template starts a rollout.`,
  },
  'set env': {
    long: `Set or remove environment variables in pod templates, or list them.

 NAME=value sets a variable, NAME- removes it; --from copies every key of a secret or config map. Changing a workload's template starts a rollout.`,
    examples: `# Set a variable on every container of a deployment
kubectl set env deployment/web LOG_LEVEL=debug

# Remove it again
kubectl set env deployment/web LOG_LEVEL-

# Load the keys of a config map, with a prefix
kubectl set env deployment/web --from=configmap/app-config --prefix=APP_

# List the variables of the pods of a deployment
kubectl set env deployment/web --list`,
  },
  'set image': {
    long: `Change the image of containers in pod templates (or in pods).

 Give CONTAINER=IMAGE pairs, or *=IMAGE for every container. On a workload this starts a rollout; watch it with kubectl rollout status.`,
    examples: `# A new version of the app container
kubectl set image deployment/web app=shop/web:1.4.2

# Every container of every deployment with a label
kubectl set image deployments -l app=web *=nginx:1.27`,
  },
  'set resources': {
    long: `Change the resource requests and limits of containers in pod templates.

 A container that keeps getting OOMKilled needs a higher memory limit (or less memory use); pods stuck Pending may request more than any node can give.`,
    examples: `# Raise the memory limit of every container of a deployment
kubectl set resources deployment/web --limits=memory=512Mi

# Requests and limits of one container
kubectl set resources deployment/web -c app --requests=cpu=100m,memory=256Mi --limits=cpu=500m,memory=512Mi`,
  },
  'set selector': {
    long: `Replace the label selector of a Service.

 The selector decides which pods get the service's traffic; a selector matching no pod leaves the service without endpoints.`,
    examples: `# Send the service's traffic to pods labelled app=web,track=stable
kubectl set selector service web 'app=web,track=stable'`,
  },
  'set serviceaccount': {
    long: `Change the service account of pod templates (or pods). On a workload this starts a rollout.`,
    examples: `# Run the app's pods as the app service account
kubectl set serviceaccount deployment web app`,
  },
  edit: {
    long: `Open live objects in an editor and send your changes when you save.

 The editor is $KUBE_EDITOR, else $EDITOR. Saving an unchanged file does nothing; when the server rejects the change the file is reopened with the error at the top, and quitting leaves a copy in a temporary file.`,
    examples: `# Edit a deployment
kubectl edit deployment/web

# Edit in JSON
kubectl edit svc/web -o json

# Edit the status subresource
kubectl edit deployment/web --subresource=status`,
  },
  delete: {
    long: `Delete objects named by type and name, label selector, or manifests.

 Pods get their grace period to shut down, and delete waits until they are gone. Deleting a pod that a controller owns only makes the controller create a new one; delete or scale the controller instead. --force removes a pod from the API without waiting for its node, which can leave its processes running.`,
    examples: `# A pod (its deployment will replace it)
kubectl delete pod web-6d4cf56db6-abcde

# Everything a manifest created
kubectl delete -f web.yaml

# Pods with a label
kubectl delete pods -l app=web

# A stuck pod, right away
kubectl delete pod web-0 --grace-period=0 --force`,
  },
  rollout: {
    long: `Follow and control rollouts of deployments, daemon sets and stateful sets: status, history, undo, restart, pause and resume.`,
    examples: `# Watch a rollout finish
kubectl rollout status deployment/web

# Roll back to the previous revision
kubectl rollout undo deployment/web

# Restart the pods of a deployment
kubectl rollout restart deployment/web`,
  },
  'rollout history': {
    long: `List the revisions of a workload, or show one revision's pod template.`,
    examples: `# The revisions of a deployment
kubectl rollout history deployment/web

# What revision 3 ran
kubectl rollout history deployment/web --revision=3`,
  },
  'rollout pause': {
    long: `Pause a deployment: changes to its template are stored but not rolled out until it is resumed.`,
    examples: `# Pause, make several changes, then resume once
kubectl rollout pause deployment/web`,
  },
  'rollout restart': {
    long: `Restart the pods of a workload with a fresh rollout.

 Sets a restartedAt annotation on the pod template, so pods are replaced gradually as in any rollout; picks up changed config maps and secrets used as environment variables.`,
    examples: `# Restart a deployment's pods
kubectl rollout restart deployment/web

# Restart every daemon set with a label
kubectl rollout restart daemonset -l app=agent`,
  },
  'rollout resume': {
    long: `Resume a paused deployment, rolling out the changes made while it was paused.`,
    examples: `# Resume a deployment
kubectl rollout resume deployment/web`,
  },
  'rollout status': {
    long: `Watch a rollout until it finishes.

 Prints progress as new pods become ready and exits 0 when the rollout is complete. It exits with an error if the deployment exceeds its progress deadline, which is the usual sign that new pods do not start or never become ready.`,
    examples: `# Wait for a deployment's rollout
kubectl rollout status deployment/web

# Give up after two minutes
kubectl rollout status deployment/web --timeout=2m`,
  },
  'rollout undo': {
    long: `Roll a workload back to an earlier revision of its pod template.`,
    examples: `# Back to the previous revision
kubectl rollout undo deployment/web

# Back to revision 2
kubectl rollout undo deployment/web --to-revision=2`,
  },
  scale: {
    long: `Set the number of replicas of a deployment, replica set, replication controller or stateful set.

 A HorizontalPodAutoscaler on the same object will change it back.`,
    examples: `# Five web pods
kubectl scale deployment/web --replicas=5

# Stop every pod of a deployment
kubectl scale deployment/web --replicas=0

# Only if there are three now
kubectl scale deployment/web --current-replicas=3 --replicas=4`,
  },
  autoscale: {
    long: `Create a HorizontalPodAutoscaler for a deployment, replica set, stateful set or replication controller.

 The autoscaler compares CPU use with the pods' CPU requests; pods without requests cannot be scaled on CPU.`,
    examples: `# Between 2 and 10 replicas, aiming at 70% CPU
kubectl autoscale deployment web --min=2 --max=10 --cpu-percent=70`,
  },
  cordon: {
    long: `Mark nodes unschedulable: running pods stay, new pods go elsewhere.`,
    examples: `# Keep new pods off node01
kubectl cordon node01`,
  },
  uncordon: {
    long: `Mark nodes schedulable again.`,
    examples: `# Let pods be scheduled on node01 again
kubectl uncordon node01`,
  },
  drain: {
    long: `Cordon a node and evict its pods, to prepare it for maintenance.

 Evictions respect PodDisruptionBudgets and are retried until they succeed or --timeout passes. Pods of DaemonSets need --ignore-daemonsets, pods with emptyDir data need --delete-emptydir-data, and pods no controller manages need --force.`,
    examples: `# Empty node01 before maintenance
kubectl drain node01 --ignore-daemonsets --delete-emptydir-data

# Give up after two minutes
kubectl drain node01 --ignore-daemonsets --timeout=2m`,
  },
  taint: {
    long: `Add, change or remove taints on nodes.

 A taint is KEY[=VALUE]:EFFECT with the effect NoSchedule, PreferNoSchedule or NoExecute; only pods that tolerate it are scheduled (or, for NoExecute, keep running) there. KEY- or KEY:EFFECT- removes it.`,
    examples: `# Reserve node01 for the gpu team
kubectl taint nodes node01 dedicated=gpu:NoSchedule

# Remove that taint
kubectl taint nodes node01 dedicated=gpu:NoSchedule-

# Remove every taint with the key dedicated
kubectl taint nodes node01 dedicated-`,
  },
  apply: {
    long: `Create or update objects so they match manifests.

 Objects that do not exist are created; existing ones are patched with the difference between the manifest, the live object and the configuration applied last time, so fields set by others are kept. Applying the same file twice changes nothing.`,
    examples: `# Apply a manifest
kubectl apply -f web.yaml

# Every manifest of a directory and its subdirectories
kubectl apply -f manifests/ -R

# From standard input
cat web.yaml | kubectl apply -f -

# Check what the server would store, without storing it
kubectl apply -f web.yaml --dry-run=server`,
  },
  'apply view-last-applied': {
    long: `Print the configuration last applied to objects, from their last-applied-configuration annotation.`,
    examples: `# What was applied to a deployment
kubectl apply view-last-applied deployment/web`,
  },
  patch: {
    long: `Change fields of live objects with a patch.

 The default strategic merge patch merges lists such as containers by name; merge replaces a list whole; json applies a list of operations (add, replace, remove) at exact paths.`,
    examples: `# Scale through a patch
kubectl patch deployment web -p '{"spec":{"replicas":3}}'

# Change one container's image (containers are merged by name)
kubectl patch deployment web -p '{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"shop/web:1.4.2"}]}}}}'

# Replace a value at an exact path
kubectl patch pod web-0 --type=json -p '[{"op":"replace","path":"/spec/containers/0/image","value":"nginx:1.27"}]'

# Patch a file locally and print the result
kubectl patch -f web.yaml --local -p '{"metadata":{"labels":{"tier":"front"}}}' -o yaml`,
  },
  replace: {
    long: `Replace live objects with the complete objects from manifests.

 Fields missing from the file are removed from the object. With --force, objects are deleted and created again, which also works for fields that cannot be changed in place.`,
    examples: `# Replace a pod with a changed copy
kubectl get pod web-0 -o yaml > web-0.yaml
kubectl replace -f web-0.yaml

# Re-create a pod whose immutable fields changed
kubectl replace --force -f web-0.yaml`,
  },
  label: {
    long: `Add, change or remove labels of objects.

 KEY=VALUE sets a label, KEY- removes it; changing an existing value needs --overwrite. Labels are what selectors match: relabelling a pod can take it out of a service or away from its ReplicaSet.`,
    examples: `# Add a label
kubectl label pods web-0 tier=front

# Change it
kubectl label pods web-0 tier=back --overwrite

# Remove it
kubectl label pods web-0 tier-

# Label a node so pods can select it
kubectl label nodes node01 disktype=ssd`,
  },
  annotate: {
    long: `Add, change or remove annotations of objects.

 KEY=VALUE sets an annotation, KEY- removes it; changing an existing value needs --overwrite.`,
    examples: `# Note why a deployment changed
kubectl annotate deployment web kubernetes.io/change-cause='raise memory limit'

# Remove an annotation
kubectl annotate pods web-0 description-`,
  },
};
