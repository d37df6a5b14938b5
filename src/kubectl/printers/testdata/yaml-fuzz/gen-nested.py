#!/usr/bin/env python3
"""Random nested values under spec (seed 33): writes n000.json .. n059.json (the check used 300)."""
import json, random
random.seed(33)
pool = list("ab c:#-?'\"\n\t{}[],&*!|>%@`~=.+0123456789 ") + ["é","😀","  ",": "," #","- ","yes","null","1e3","2024-01-01"]
def rs(maxlen):
    return "".join(random.choice(pool) for _ in range(random.randint(0,maxlen)))
def val(d):
    r = random.random()
    if d > 3 or r < 0.35:
        t = random.random()
        if t < 0.5: return rs(random.choice([6, 30, 100]))
        if t < 0.65: return random.choice([0, 1, -7, 42, 1.5, -0.25, 1e20, 123456.5, 1234567.5, 0.00001, 12345678901234567890, 3.0])
        if t < 0.75: return random.choice([True, False])
        if t < 0.8: return None
        return random.choice([[], {}])
    if r < 0.65:
        return [val(d+1) for _ in range(random.randint(1,4))]
    return {(rs(8) or "k"): val(d+1) for _ in range(random.randint(1,4))}
for i in range(300):
    obj = {"apiVersion":"v1","kind":"Thing","metadata":{"name":"n%d"%i},"spec":val(0)}
    if i < 60:
        json.dump(obj, open("n%03d.json"%i,"w"), ensure_ascii=True)
