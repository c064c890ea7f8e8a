import json,glob,collections,math,sys
from datetime import datetime
def load(f):
    return [json.loads(l.replace('NaN','null')) for l in open(f) if l.strip()]
def c2(n): return n*(n-1)//2
def rand(a,b):
    n=len(a); nij=collections.Counter(zip(a,b)); A=collections.Counter(a); B=collections.Counter(b)
    s11=sum(c2(v) for v in nij.values()); sa=sum(c2(v) for v in A.values()); sb=sum(c2(v) for v in B.values())
    tot=c2(n); return (tot - sa - sb + 2*s11)/tot, tot
def hav(la1,lo1,la2,lo2):
    R=3440.065; p=math.pi/180
    d=math.sin((la2-la1)*p/2)**2+math.cos(la1*p)*math.cos(la2*p)*math.sin((lo2-lo1)*p/2)**2
    return 2*R*math.asin(min(1,math.sqrt(d)))
def simple(rows, multi):
    # returns list of labels; static -> own singleton; invalid pos -> singleton
    segs=[]  # [id,lastlat,lastlon,lastt,count]
    out=[]; k=0
    for r in rows:
        t=datetime.fromisoformat(r['timestamp']).timestamp()/3600
        la,lo=r['lat'],r['lon']
        if la is None or lo is None or abs(la)>90 or abs(lo)>180 or r.get('speed') is None:
            k+=1; out.append(('s',k)); continue
        best=None;bs=None
        segs=[s for s in segs if t-s[3]<=24]
        for s in segs:
            dt=t-s[3]; d=hav(s[1],s[2],la,lo)
            if d <= 25*math.hypot(dt,0.25):
                sc=d/ (25*math.hypot(dt,0.25)) 
                if best is None or sc<bs: best,bs=s,sc
            if not multi: break
        if best is None:
            k+=1; best=[k,la,lo,t,0]; 
            if not multi: segs=[]
            segs.append(best)
        best[1],best[2],best[3]=la,lo,t; best[4]+=1
        out.append(('g',best[0]))
    return out
for f in sorted(glob.glob(__import__('os').path.join(__import__('os').path.dirname(__file__), '../../../shared/data/tracks/gfw-gpsdio-segment-v3.0.0/regr_*.json'))):
    rows=load(f)
    kept=[r for r in rows if r['expected'] is not None]
    pos=[r for r in kept if r['lat'] is not None]
    exp=[r['expected'] for r in kept]
    res=[]
    for name,lab in [('one',[0 if r['lat'] is not None else ('s',i) for i,r in enumerate(kept)]),('single',simple(kept,False)),('multi',simple(kept,True))]:
        res.append('%s=%.4f'%(name,rand(exp,lab)[0]))
    # position-only
    pexp=[r['expected'] for r in pos]
    res.append('pos-only multi=%.4f'%rand(pexp,[x for x,r in zip(simple(kept,True),kept) if r['lat'] is not None])[0])
    # shared ids between nopos and pos
    posids=set(r['expected'] for r in pos)
    shared=sum(1 for r in kept if r['lat'] is None and r['expected'] in posids)
    print(f.split('/')[-1], 'n',len(rows),'kept',len(kept),'pairs',rand(exp,exp)[1], ' '.join(res),'static_sharing_pos_id',shared)
