#!/usr/bin/env python3
"""Random go-templates over fixture.json: python3 gen-fuzz.py SEED > templates.txt (300 lines)."""
import random, sys
random.seed(int(sys.argv[1]))
fields = ["metadata","name","labels","app","spec","items","status","phase","containers","image","nums","strs","mixed","matrix","replicas","ratio","enabled","nothing","empty","emptyList","emptyMap","priority","missing","kind","data","password","weird","big"]
def path(root="."):
    return root + ".".join(random.choice(fields) for _ in range(random.randint(1,3)))
def arg():
    r = random.random()
    if r < 0.5: return path()
    if r < 0.6: return random.choice(['"web-1"','"Running"','"x"','""'])
    if r < 0.75: return random.choice(["1","2","0","3.0","1.5","-1","'a'"])
    if r < 0.8: return random.choice(["true","false","nil","."])
    return "(" + call() + ")"
def call():
    f = random.choice(["len","index","eq","ne","lt","gt","le","ge","and","or","not","print","printf","html","js","urlquery","slice","exists","base64decode","println"])
    if f in ("len","not","base64decode","html","js","urlquery"): args=[arg()]
    elif f == "printf": args=[random.choice(['"%v"','"%s-%d"','"%q"','"[%5s]"','"%x"','"%.1f"']), arg()] + ([arg()] if random.random()<0.5 else [])
    elif f in ("index","slice","exists"): args=[arg()] + [random.choice(["0","1","\"app\"","\"name\"","2","9"]) for _ in range(random.randint(0,2))]
    else: args=[arg() for _ in range(random.randint(1,3))]
    return f + " " + " ".join(args)
def action():
    r = random.random()
    if r < 0.35: return "{{" + path() + "}}"
    if r < 0.55: return "{{" + call() + "}}"
    if r < 0.62: return "{{" + path() + " | " + random.choice(["len","printf \"<%v>\"","base64decode","html","print"]) + "}}"
    if r < 0.72: return "{{if " + arg() + "}}Y{{else}}N{{end}}"
    if r < 0.82: return "{{range " + path() + "}}" + random.choice(["{{.}}","[{{.name}}]","{{.metadata.name}},","x"]) + "{{end}}"
    if r < 0.87: return "{{with " + path() + "}}" + "{{.}}" + "{{end}}"
    if r < 0.92: return "{{$v := " + path() + "}}{{$v}}"
    return random.choice(["txt ", "{{", "{{end}}", "{{.a", "{{ }}", "-"])
for i in range(300):
    print("".join(action() for _ in range(random.randint(1,3))))
