#!/usr/bin/env python3
"""Random ConfigMaps with control characters, CR, NEL, C1, noncharacters (seed 77):
writes z000.json .. z049.json (150 were checked once, all equal)."""
import json, random
random.seed(77)
pool = list("ab :#-'\"\n") + ["\r","\r\n","\x00","\x01","\x1b","\x7f","\u0080","\u0085","\u00a0","\u2029","\ufffe","\ud7ff","\ue000","\U0001F600","\U00010000","\x0b","\x0c","\t", " \n", "\n ", "\u200b"]
def rs(n):
    return "".join(random.choice(pool) for _ in range(random.randint(0,n)))
for i in range(150):
    data = {(rs(4) or "k"): rs(random.choice([5,40])) for _ in range(random.randint(1,4))}
    obj = {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"z%d"%i},"data":data}
    if i < 50:
        json.dump(obj, open("z%03d.json"%i,"w"), ensure_ascii=True)
