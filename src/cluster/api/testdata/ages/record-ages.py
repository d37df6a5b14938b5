#!/usr/bin/env python3
"""Records kubectl's AGE column (kubectl v1.32.4, client-side table of a server without Table
support) for ConfigMaps created OFFSET seconds before now. Offsets are chosen so the 0-3 s
between writing the objects and kubectl reading its clock cannot change the printed age.
Writes ages.json (the objects) and ages.stdout (kubectl get cm)."""
import datetime, json, subprocess, time
offs = [700, 3000, 7000, 11000, 20000, 30000, 100000, 170000, 200000, 500000, 700000, 10**6, 10**7, 3*10**7, 7*10**7, 10**8, 2*10**8, 2.4*10**8, 3*10**8, 10**9]
now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
items = [{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "age-%d" % o, "namespace": "default",
          "creationTimestamp": (now - datetime.timedelta(seconds=o)).strftime("%Y-%m-%dT%H:%M:%SZ")}} for o in offs]
json.dump(items, open("ages.json", "w"), indent=1)
srv = subprocess.Popen(["node", "../../../../kubectl/printers/testdata/custom-columns/fake-apiserver.mjs", "18091", "ages.json"])
time.sleep(0.7)
out = subprocess.run(["kubectl", "-s", "http://127.0.0.1:18091", "--cache-dir=/tmp/kd-age-cache", "get", "cm"], capture_output=True, text=True).stdout
srv.terminate()
open("ages.stdout", "w").write(out)
