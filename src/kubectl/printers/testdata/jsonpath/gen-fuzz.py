#!/usr/bin/env python3
"""Random jsonpath templates over fixture.json: python3 gen-fuzz.py SEED > templates.txt (300 lines).
fuzz.txt was recorded from seed 3."""
import random, sys
random.seed(int(sys.argv[1]))
fields = ["metadata","name","labels","app","spec","items","status","phase","containers","image","ports","containerPort","nums","strs","mixed","matrix","replicas","ratio","enabled","nothing","empty","emptyList","emptyMap","nodeName","priority","k","missing","kind","apiVersion","annotations","big"]
idx = ["[*]","[0]","[1]","[-1]","[1:]","[:2]","[::2]","[0,2]","[5]","[2:1]","['name']","[?(@.status.phase==\"Running\")]","[?(@.spec.priority>1)]","[?(@.name)]","[?(@>2)]","[?(@.spec.priority<=2.5)]","[?(@.x!='y')]"]
def path():
    p = ""
    for _ in range(random.randint(1,4)):
        p += "." + random.choice(fields)
        if random.random() < 0.35: p += random.choice(idx)
    return p
def action():
    r = random.random()
    if r < 0.6: return "{" + path() + "}"
    if r < 0.7: return '{"' + random.choice(["\\n","\\t"," ","|","x"]) + '"}'
    if r < 0.8: return "{range " + path() + "}" + "{" + path() + "}" + random.choice(['{","}',"",'{"\\n"}']) + "{end}"
    if r < 0.85: return "{" + path() + "," + path() + "}"
    if r < 0.9: return random.choice(["{@}","{$.kind}","{1}","{true}","{.spec.nums[3:1]}","{.spec.nums[::0]}"])
    return random.choice(["txt ","-", "{end}", "{.a[}", "{.b"])
for i in range(300):
    print("".join(action() for _ in range(random.randint(1,3))))
