import json,glob
def load(f): return [json.loads(l.replace('NaN','null')) for l in open(f) if l.strip()]
def isnull(v): return v is None
for f in sorted(glob.glob(__import__('os').path.join(__import__('os').path.dirname(__file__), '../../../shared/data/tracks/gfw-gpsdio-segment-v3.0.0/regr_*.json'))):
    rows=load(f); ids=set(); locs=set(); tp=fp=fn=0
    for r in rows:
        drop=False
        if r['msgid'] in ids: drop=True
        else:
            ids.add(r['msgid'])
            x,y,c,s,h=r['lon'],r['lat'],r['course'],r['speed'],r['heading']
            info = x is None and y is None and c is None and s is None
            pos = x is not None and y is not None and s is not None and ((s<=0.35 and c is None) or c is not None)
            if pos and not info:
                loc=(round(y*60000),round(x*60000),None if c is None else round(c*10),round(s*10),None if h is None else round(h))
                if s>0 and loc in locs: drop=True
                else: locs.add(loc)
        e=r['expected'] is None
        tp+=drop and e; fp+=drop and not e; fn+=(not drop) and e
    print(f.split('/')[-1],'predicted-drop&null',tp,'drop-but-kept',fp,'null-not-predicted',fn)
