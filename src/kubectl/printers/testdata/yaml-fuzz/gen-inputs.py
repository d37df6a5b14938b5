#!/usr/bin/env python3
"""Random ConfigMaps (seed 7) mixing YAML-sensitive characters, for YAML/JSON printer goldens.
Writes f000.json .. f299.json; the committed goldens keep the first 80 (see README)."""
import json, random
random.seed(7)
pool = list("ab c:#-?'\"\n\t{}[],&*!|>%@`~=.+0123456789eExyz ") + ["é","日","😀","\u00a0","\u2028","\u0085","\ufeff","  ","\n\n",": "," #","- ","yes","no","null","1e3","0x1","2024-01-01","true"]
def rs(maxlen=12):
    n = random.randint(0, maxlen)
    return "".join(random.choice(pool) for _ in range(n))
for i in range(300):
    data = {}
    for j in range(random.randint(1,6)):
        k = rs(6) or "k"
        data[k] = rs(random.choice([8, 20, 120]))
    obj = {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"f%d"%i},"data":data,"list":[rs(10) for _ in range(random.randint(0,3))]}
    if i < 80:
        json.dump(obj, open("f%03d.json"%i,"w"), ensure_ascii=True)
