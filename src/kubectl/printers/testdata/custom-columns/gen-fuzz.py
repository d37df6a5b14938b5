#!/usr/bin/env python3
"""Random custom-columns specs: python3 gen-fuzz.py SEED > specs.txt (200 lines)."""
import random, sys
random.seed(int(sys.argv[1]))
fields = ["metadata","name","labels","app","tier","annotations","note","data","mode","count","list","binaryData","b","extra","nums","nested","k","n","empty","emptyMap","ratio","word","immutable","kind","apiVersion","missing"]
idx = ["[*]","[0]","[1]","[-1]","[0:2]","['app']","[?(@>1)]",""]
def path():
    p = random.choice(["", ".", "{", "{."])
    closing = "}" if p.startswith("{") else ""
    q = ".".join(random.choice(fields) + (random.choice(idx) if random.random() < 0.3 else "") for _ in range(random.randint(1,3)))
    return p + q + closing
def col():
    h = random.choice(["NAME","A","LONG_HEADER","X Y","ÄÖ",""])
    r = random.random()
    if r < 0.9: return h + ":" + path()
    return random.choice(["NOCOLON", "A:{{x}}", "B:{.a}{.b}", "C:", ":.kind"])
for i in range(200):
    print(",".join(col() for _ in range(random.randint(1,4))))
