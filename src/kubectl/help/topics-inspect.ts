import type { HelpTopic } from './topics.js';

/**
 * Help prose for the commands that look at the cluster, in kubedojo's own
 * words. A description starts with a one-line summary; the paragraphs after
 * it start with a space, as kubectl prints them. Examples are `# comment`
 * lines followed by the command.
 */
export const INSPECT_TOPICS: Readonly<Record<string, HelpTopic>> = {
  '': {
    long: `kubectl controls the Kubernetes cluster manager (simulated by kubedojo).

 Find more information at: https://kubernetes.io/docs/reference/kubectl/`,
  },
  help: {
    long: `Help prints the help page of any kubectl command.
Give the command path after help, as in kubectl help rollout status.`,
  },
  get: {
    long: `List objects, or show chosen ones, as a table or in another format.

 The first look at almost any problem: the STATUS, READY and RESTARTS columns of pods, the AVAILABLE count of a deployment, the ENDPOINTS of a service. Name a resource type (pods, deploy, svc...), optionally with names, or TYPE/NAME pairs; -l and --field-selector narrow the list, -A widens it to every namespace.

 -o wide adds columns such as the pod's node and IP; -o yaml shows the whole object, status included, which is where conditions and container states explain what the table summarises.

Run kubectl api-resources to see every resource type and its short names.`,
    examples: `# Pods of the current namespace, with their status and restart counts
kubectl get pods

# The same, with node and pod IP, in every namespace
kubectl get pods -A -o wide

# Pods whose label app is web, with their labels
kubectl get pods -l app=web --show-labels

# Everything that is not running, cluster-wide
kubectl get pods -A --field-selector=status.phase!=Running

# A deployment and its pods' template, as YAML
kubectl get deployment/web -o yaml

# Only the container states of one pod
kubectl get pod web-0 -o jsonpath='{.status.containerStatuses[*].state}'

# Pods sorted by restart count, then watched for changes
kubectl get pods --sort-by=.status.containerStatuses[0].restartCount -w`,
  },
  describe: {
    long: `Describe objects in detail, with their recent events.

 Where get gives one line per object, describe gathers what matters for troubleshooting: a pod's containers with their state, last state, exit code and restart count, its conditions, volumes, tolerations and, at the end, its events (scheduling failures, image pulls, probe failures, kills). Name a type and a name, a prefix of names, TYPE/NAME, or a label selector.`,
    examples: `# Why is this pod not running? Read its container states and its events
kubectl describe pod web-6d4cf56db6-abcde

# Every pod whose name starts with web
kubectl describe pods web

# The pods of an app
kubectl describe pods -l app=web

# A node: its taints, conditions, capacity and the pods it runs
kubectl describe node node01`,
  },
  events: {
    long: `List the cluster's events, oldest first.

 Events record what controllers, the scheduler and kubelets did or failed to do: FailedScheduling, BackOff, Unhealthy, Killing, FailedMount. Warnings are often the quickest pointer to a problem. They expire after about an hour.`,
    examples: `# Events of the current namespace
kubectl events

# Only warnings, in every namespace
kubectl events -A --types=Warning

# The events of one pod, then keep watching
kubectl events --for pod/web-0 --watch`,
  },
  explain: {
    long: `Show the documentation of a resource type or of one of its fields.

 Give a type, or a dotted path into it (pods.spec.containers.livenessProbe), to see the field's type and what it means. --recursive lists every field below it at once, which helps when the exact name of a field is forgotten.`,
    examples: `# What a Deployment's spec holds
kubectl explain deployment.spec

# The fields of a container's resources
kubectl explain pod.spec.containers.resources

# Every field of a probe, nested
kubectl explain pod.spec.containers.readinessProbe --recursive`,
  },
  'api-resources': {
    long: `List the resource types the API server serves.

 With their short names, API group and version, whether they live in a namespace, and their kind: the names to use with get, describe and explain.`,
    examples: `# All resource types
kubectl api-resources

# Only cluster-scoped ones
kubectl api-resources --namespaced=false

# The types of the apps group, with the verbs they support
kubectl api-resources --api-group=apps -o wide`,
  },
  'api-versions': {
    long: `List the API versions the server serves, as group/version, one a line.`,
    examples: `# The group/versions available, e.g. to pick an apiVersion for a manifest
kubectl api-versions`,
  },
  logs: {
    long: `Print what a container wrote to its standard output and error.

 Name a pod, or TYPE/NAME of a workload to read one of its pods. When a pod has several containers, pick one with -c. After a crash, the running container has just started again: --previous shows the output of the instance that died, which usually says why.`,
    examples: `# The log of a single-container pod
kubectl logs web-0

# Why did the last run crash?
kubectl logs web-0 --previous

# One container of a pod, the last 20 lines, with timestamps
kubectl logs web-0 -c sidecar --tail=20 --timestamps

# Follow the log of a pod of a deployment
kubectl logs -f deployment/web

# Every container of every pod with a label
kubectl logs -l app=web --all-containers --prefix`,
  },
  exec: {
    long: `Run a command inside a running container.

 Everything after -- is the command and its arguments. Use it to look at a container from the inside: its environment, files, DNS resolution, or whether another service answers. -i and -t together give an interactive shell.`,
    examples: `# The environment a container really got
kubectl exec web-0 -- env

# A shell in the sidecar container
kubectl exec -it web-0 -c sidecar -- sh

# Does the service answer from inside the cluster?
kubectl exec web-0 -- wget -qO- -T 2 http://api:8080/healthz

# Run in a pod of a deployment
kubectl exec deploy/web -- cat /etc/resolv.conf`,
  },
  top: {
    long: `Show CPU and memory usage of nodes or pods.

 The numbers come from the metrics API (metrics-server) and lag a little behind reality. Compare them with requests and limits: a container close to its memory limit is the one that gets OOM-killed.`,
  },
  'top node': {
    long: `Show CPU and memory usage of nodes.

 The percentages are of what the node can give to pods (allocatable), or of its capacity with --show-capacity.`,
    examples: `# Usage of every node
kubectl top node

# One node
kubectl top node node01`,
  },
  'top pod': {
    long: `Show CPU and memory usage of pods.

 Usage is summed over a pod's containers; --containers splits it. Pods that started a moment ago may have no metrics yet.`,
    examples: `# Pods of the current namespace
kubectl top pod

# The heaviest pods cluster-wide, by memory
kubectl top pod -A --sort-by=memory

# Per container, for pods with a label
kubectl top pod -l app=web --containers`,
  },
  auth: {
    long: `Check what an identity is allowed to do.`,
  },
  'auth can-i': {
    long: `Ask whether an action is allowed.

 Give a verb and a resource (or TYPE/NAME, or a non-resource path such as /logs). With --as, ask on behalf of a user or service account, which is how a Forbidden error from an app is reproduced. The answer is yes or no, and so is the exit code.`,
    examples: `# May I create deployments here?
kubectl auth can-i create deployments

# May the app's service account list pods in its namespace?
kubectl auth can-i list pods -n shop --as=system:serviceaccount:shop:app

# May I read pod logs (a subresource)?
kubectl auth can-i get pods --subresource=log

# Everything I may do in this namespace
kubectl auth can-i --list`,
  },
  'auth whoami': {
    long: `Show who the API server thinks you are.

 The user name and groups the request was authenticated as, useful when a kubeconfig or an --as flag is not doing what you expect.`,
    examples: `# My user and groups
kubectl auth whoami

# The same as JSON
kubectl auth whoami -o json`,
  },
  debug: {
    long: `Attach a debugging container to a pod, or debug a copy of it.

 By default an ephemeral container with the given image joins the running pod, with its own tools, so pods whose images have no shell can still be inspected; --target also shares one container's processes. --copy-to creates a changed copy of the pod instead (another image, another command) and leaves the original alone. node/NAME starts a pod on that node with the host's filesystem mounted at /host.`,
    examples: `# A busybox shell next to the app container, seeing its processes
kubectl debug -it web-0 --image=busybox --target=app

# A copy of the pod whose app container runs a shell instead of crashing
kubectl debug web-0 -it --copy-to=web-debug --container=app -- sh

# A shell on a node, with the node's filesystem under /host
kubectl debug node/node01 -it --image=busybox`,
  },
  'cluster-info': {
    long: `Print the addresses of the control plane and of the services labelled kubernetes.io/cluster-service=true.`,
    examples: `# Where the API server and cluster DNS are
kubectl cluster-info`,
  },
  version: {
    long: `Print the version of kubectl and of the API server it talks to.`,
    examples: `# Client and server versions
kubectl version

# The client's version only
kubectl version --client`,
  },
  diff: {
    long: `Show how applying files would change the live objects.

 The output is a unified diff between each live object and what the server would store after applying the file, so defaulting and other controllers' fields do not show up as changes. The exit code is 0 when nothing would change, 1 when something would, and above 1 on errors.`,
    examples: `# What would this manifest change?
kubectl diff -f web.yaml

# Compare from standard input
cat web.yaml | kubectl diff -f -`,
  },
  wait: {
    long: `Wait until objects reach a condition.

 Returns once each object meets --for, or fails when --timeout passes. Conditions are read from status.conditions (condition=Ready, condition=Available=false); jsonpath= compares any field; delete waits for the objects to be gone.`,
    examples: `# Until the pods of an app are ready, at most two minutes
kubectl wait --for=condition=Ready pod -l app=web --timeout=2m

# Until a job has finished
kubectl wait --for=condition=Complete job/migrate

# Until a pod is running, by its phase
kubectl wait --for=jsonpath='{.status.phase}'=Running pod/web-0

# Until a deleted pod is gone
kubectl wait --for=delete pod/web-0 --timeout=60s`,
  },
  config: {
    long: `Read and change kubeconfig settings: contexts, clusters, users and the current namespace.

 A context ties a cluster, a user and a default namespace together; the current context decides where kubectl sends its requests.`,
  },
  'config current-context': {
    long: `Print the name of the current context.`,
    examples: `# Which context am I in?
kubectl config current-context`,
  },
  'config delete-context': {
    long: `Delete a context from the kubeconfig.

 Its cluster and user entries stay. Deleting the current context leaves kubectl without one until use-context picks another.`,
    examples: `# Remove an old context
kubectl config delete-context dev`,
  },
  'config unset': {
    long: `Remove one setting from the kubeconfig.

 PROPERTY_NAME is a path of names joined by dots: current-context; contexts, clusters or users (all of them); contexts.NAME (one entry); or one field of an entry, such as contexts.NAME.namespace, clusters.NAME.server or users.NAME.token. Names in the path cannot contain dots.`,
    examples: `# Leave kubectl without a current context
kubectl config unset current-context

# Stop the dev context from choosing a namespace
kubectl config unset contexts.dev.namespace`,
  },
  'config get-clusters': {
    long: `List the cluster entries of the kubeconfig.`,
    examples: `# Which clusters does the kubeconfig know?
kubectl config get-clusters`,
  },
  'config get-users': {
    long: `List the user entries of the kubeconfig.`,
    examples: `# Which users does the kubeconfig know?
kubectl config get-users`,
  },
  'config set-cluster': {
    long: `Create or change a cluster entry: the API server's address and how its certificate is checked.

 Only the fields given as flags change, except --insecure-skip-tls-verify, which is set to false unless given. A certificate authority and insecure mode exclude each other; --embed-certs stores the certificate authority file's contents instead of its path.`,
    examples: `# A cluster entry for the staging API server
kubectl config set-cluster staging --server=https://10.0.0.10:6443 --certificate-authority=/etc/kubernetes/pki/ca.crt

# Keep the certificate authority inside the kubeconfig
kubectl config set-cluster staging --certificate-authority=ca.crt --embed-certs

# Skip the certificate check (tests only)
kubectl config set-cluster staging --insecure-skip-tls-verify=true`,
  },
  'config set-credentials': {
    long: `Create or change a user entry: how kubectl proves who it is.

 A client certificate and key, a bearer token, or a user name and password (a token and basic auth exclude each other, and setting one clears the other), an auth provider, or an exec credential plugin. Only the fields given as flags change.`,
    examples: `# A user that authenticates with a bearer token
kubectl config set-credentials deployer --token=eyJhbGciOi...

# A user with a client certificate, its files kept inside the kubeconfig
kubectl config set-credentials jane --client-certificate=jane.crt --client-key=jane.key --embed-certs

# A user whose token comes from a command
kubectl config set-credentials ci --exec-command=/usr/local/bin/get-token --exec-api-version=client.authentication.k8s.io/v1`,
  },
  'config rename-context': {
    long: `Give a context a new name.

 If it is the current context, the current-context setting follows the new name.`,
    examples: `# Rename dev to staging
kubectl config rename-context dev staging`,
  },
  'config get-contexts': {
    long: `List contexts; the current one is marked with a *.`,
    examples: `# All contexts
kubectl config get-contexts

# Only their names
kubectl config get-contexts -o name`,
  },
  'config set-context': {
    long: `Create or change a context.

 Fields given as flags are set; the others are kept. --current changes the context in use, the usual way to switch the default namespace.`,
    examples: `# Work in the shop namespace from now on
kubectl config set-context --current --namespace=shop

# A new context for the same cluster and user
kubectl config set-context dev --cluster=kubernetes --user=kubernetes-admin --namespace=dev`,
  },
  'config use-context': {
    long: `Make a context the current one.`,
    examples: `# Switch to the dev context
kubectl config use-context dev`,
  },
  'config view': {
    long: `Print the kubeconfig settings kubectl is using.

 Several kubeconfig files are merged as kubectl merges them. Certificates and tokens are shown as DATA+OMITTED or REDACTED unless --raw is given.`,
    examples: `# The merged settings
kubectl config view

# Only what the current context uses
kubectl config view --minify

# The current context's namespace
kubectl config view --minify -o jsonpath='{..namespace}'`,
  },
};
