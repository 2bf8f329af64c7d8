package sim

import (
	"context"
	"math"
	"slices"
)

const unreachable = math.MaxInt32

// edge is one direction of a link.
type edge struct {
	to, link int32
	days     int32
}

// roadOption is one way forward by road from a location toward a
// destination: the neighbour to go to and the posts on the way there.
type roadOption struct {
	next, link int32
	// posts are the posts on the shortest road from next to the
	// destination, in order; where equally short roads from next pass
	// different posts (tied), every post on any of them, by index, and
	// a migrant weighs the option by the best of those roads
	// (Model.bestFrom).
	posts []int32
	days  int32 // total road days to the destination this way
	tied  bool
}

// roadStep is a place one shortest step on toward a destination from a
// place where equally short roads pass different posts: either one from
// which they part again (tied), or one from which every shortest road
// passes the same posts, listed in order.
type roadStep struct {
	to    int32
	tied  bool
	posts []int32
}

// routes holds everything about the graph that does not change during a
// run, computed once when the model is built.
type routes struct {
	n         int
	road      [][]edge // road neighbours, in link order
	irregular [][]edge
	dist      []int32 // dist[a*n+b]: shortest road days between a and b
	next      []int32 // next[a*n+b]: neighbour to step to from a toward b, -1 if none or a==b
	nextLink  []int32
	postAt    []int32 // post hosted at a location, -1 if none
	destIndex []int32 // dense index of each destination location, -1 if not one
	options   [][]roadOption
	tied      bool // some option is tied (roadOption.tied)
	// tiedSteps[a*nDest+d]: where equally short roads from a toward d
	// pass different posts, the places one shortest step on from a, in
	// link order; nil where every shortest road passes the same posts.
	tiedSteps [][]roadStep
	marketFor []int32 // [loc*nDest+d]: nearest market useful toward d, -1
	marketIn  []bool  // [loc*nDest+d]: marketFor's market is at loc
	centreFor []int32 // [loc]: nearest centre within its reach, -1
	marketsAt [][]int32
	aloneFor  []int32 // [loc*nDest+d]: irregular link walkable alone toward d, -1
}

// buildRoutes finds the routes of cfg's region; it stops with ctx's
// error, checked once per location in each pass over them, if ctx ends.
func buildRoutes(ctx context.Context, cfg *Config, marketReach int) (*routes, error) {
	reg := &cfg.Region
	n := len(reg.Locations)
	rt := &routes{n: n, road: make([][]edge, n), irregular: make([][]edge, n)}
	for i, l := range reg.Links {
		a := edge{to: int32(l.To), link: int32(i), days: int32(l.Days)}
		b := edge{to: int32(l.From), link: int32(i), days: int32(l.Days)}
		if l.Kind == Road {
			rt.road[l.From] = append(rt.road[l.From], a)
			rt.road[l.To] = append(rt.road[l.To], b)
		} else {
			rt.irregular[l.From] = append(rt.irregular[l.From], a)
			rt.irregular[l.To] = append(rt.irregular[l.To], b)
		}
	}
	rt.postAt = make([]int32, n)
	for i := range rt.postAt {
		rt.postAt[i] = -1
	}
	for i, p := range cfg.Posts {
		rt.postAt[p.Location] = int32(i)
	}

	// All-pairs shortest road distances: Dijkstra from each location. The
	// graph is small (tens to hundreds of locations), so a simple O(n²)
	// selection is enough and keeps ties deterministic (lowest index first).
	rt.dist = make([]int32, n*n)
	rt.next = make([]int32, n*n)
	rt.nextLink = make([]int32, n*n)
	done := make([]bool, n)
	for src := 0; src < n; src++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		d := rt.dist[src*n : (src+1)*n]
		for i := range d {
			d[i] = unreachable
			done[i] = false
		}
		d[src] = 0
		for {
			u := -1
			for i := 0; i < n; i++ {
				if !done[i] && d[i] < unreachable && (u < 0 || d[i] < d[u]) {
					u = i
				}
			}
			if u < 0 {
				break
			}
			done[u] = true
			for _, e := range rt.road[u] {
				if nd := d[u] + e.days; nd < d[e.to] {
					d[e.to] = nd
				}
			}
		}
	}
	// Next hop from a toward b: the road neighbour on a shortest path,
	// lowest link index first.
	for a := 0; a < n; a++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		for b := 0; b < n; b++ {
			rt.next[a*n+b], rt.nextLink[a*n+b] = -1, -1
			if a == b || rt.dist[a*n+b] == unreachable {
				continue
			}
			for _, e := range rt.road[a] {
				if e.days+rt.dist[int(e.to)*n+b] == rt.dist[a*n+b] {
					rt.next[a*n+b], rt.nextLink[a*n+b] = e.to, e.link
					break
				}
			}
		}
	}
	rt.destIndex = make([]int32, n)
	var dests []int
	for i := range rt.destIndex {
		rt.destIndex[i] = -1
		if reg.Locations[i].Kind == KindDestination {
			rt.destIndex[i] = int32(len(dests))
			dests = append(dests, i)
		}
	}
	nd := len(dests)
	// Road options toward each destination: neighbours that bring the
	// migrant strictly closer, each with the posts on its way.
	rt.options = make([][]roadOption, n*nd)
	uniform := make([]bool, n)
	for di, d := range dests {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rt.markUniform(d, uniform)
		for a := 0; a < n; a++ {
			if uniform[a] || rt.dist[a*n+d] == unreachable {
				continue
			}
			if rt.tiedSteps == nil { // only regions with such places need it
				rt.tiedSteps = make([][]roadStep, n*nd)
			}
			for _, e := range rt.road[a] {
				if rt.shortestVia(a, e, d) {
					st := roadStep{to: e.to, tied: !uniform[e.to]}
					if !st.tied {
						st.posts = rt.postsOnPath(int(e.to), d)
					}
					rt.tiedSteps[a*nd+di] = append(rt.tiedSteps[a*nd+di], st)
				}
			}
		}
		for a := 0; a < n; a++ {
			here := rt.dist[a*n+d]
			for _, e := range rt.road[a] {
				rest := rt.dist[int(e.to)*n+d]
				if rest == unreachable || rest >= here {
					continue
				}
				o := roadOption{next: e.to, link: e.link, days: e.days + rest, tied: !uniform[e.to]}
				if o.tied {
					rt.tied = true
					o.posts = rt.postsAhead(int(e.to), d)
				} else {
					o.posts = rt.postsOnPath(int(e.to), d)
				}
				rt.options[a*nd+di] = append(rt.options[a*nd+di], o)
			}
		}
	}

	// Markets: where each one is, and for each location and destination the
	// nearest market whose path leads closer to it, within marketReach road
	// days; of markets as near, the one whose ride ends nearest to it, so
	// that the order of the file decides only between rides alike.
	rt.marketsAt = make([][]int32, n)
	for i, m := range cfg.Markets {
		rt.marketsAt[m.Location] = append(rt.marketsAt[m.Location], int32(i))
	}
	rt.marketFor = make([]int32, n*nd)
	rt.marketIn = make([]bool, n*nd)
	rt.aloneFor = make([]int32, n*nd)
	for a := 0; a < n; a++ {
		for di, d := range dests {
			best, bestDist, bestRest := int32(-1), int32(unreachable), int32(unreachable)
			for i, m := range cfg.Markets {
				// Useful if its path leads closer to d than both the market
				// and the migrant are: no going back for a pointless ride.
				far := rt.otherEnd(cfg, m.Link, m.Location)
				if !rt.closer(far, m.Location, d) || !rt.closer(far, a, d) {
					continue
				}
				dd, rest := rt.dist[a*n+m.Location], rt.dist[far*n+d]
				if dd <= int32(marketReach) && (dd < bestDist || dd == bestDist && rest < bestRest) {
					best, bestDist, bestRest = int32(i), dd, rest
				}
			}
			rt.marketFor[a*nd+di] = best
			rt.marketIn[a*nd+di] = best >= 0 && cfg.Markets[best].Location == a
			rt.aloneFor[a*nd+di] = -1
			for _, e := range rt.irregular[a] {
				if cfg.Region.Links[e.link].Alone && rt.closer(int(e.to), a, d) {
					rt.aloneFor[a*nd+di] = e.link
					break
				}
			}
		}
	}
	rt.centreFor = make([]int32, n)
	for a := 0; a < n; a++ {
		best, bestDist := int32(-1), int32(unreachable)
		for i, c := range cfg.Centres {
			dd := rt.dist[a*n+c.Location]
			if dd <= int32(c.Reach) && dd < bestDist {
				best, bestDist = int32(i), dd
			}
		}
		rt.centreFor[a] = best
	}
	return rt, nil
}

// postOnWay is the first post on the road from a to target, a included
// and target excluded: reaching a place means passing the posts before it,
// not the one it hosts.
func (rt *routes) postOnWay(a, target int) int32 {
	for at := a; at != target && at >= 0; {
		if p := rt.postAt[at]; p >= 0 {
			return p
		}
		at = int(rt.next[at*rt.n+target])
	}
	return -1
}

// postsOnPath lists the posts on the next-hop road from a to d, a
// included.
func (rt *routes) postsOnPath(a, d int) []int32 {
	var posts []int32
	for at := a; at >= 0; {
		if p := rt.postAt[at]; p >= 0 {
			posts = append(posts, p)
		}
		if at == d {
			break
		}
		at = int(rt.next[at*rt.n+d])
	}
	return posts
}

// shortestVia reports whether the road e from a is on a shortest road
// from a to d: whether its far end is a day's worth closer for each of
// its days. Each such road is a step toward d (days are at least 1).
func (rt *routes) shortestVia(a int, e edge, d int) bool {
	rest := rt.dist[int(e.to)*rt.n+d]
	return rest != unreachable && e.days+rest == rt.dist[a*rt.n+d]
}

// markUniform sets uniform[a], for every a from which d can be reached by
// road, to whether every shortest road from a to d passes the same posts
// in the same order, those of the next-hop road (postsOnPath). Places are
// taken nearest to d first, so that each one's steps are known before it.
func (rt *routes) markUniform(d int, uniform []bool) {
	order := make([]int, 0, rt.n)
	for a := range rt.n {
		uniform[a] = false
		if rt.dist[a*rt.n+d] != unreachable {
			order = append(order, a)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return int(rt.dist[a*rt.n+d]) - int(rt.dist[b*rt.n+d])
	})
	for _, a := range order {
		uniform[a] = true
		if a == d {
			continue
		}
		// Roads with the same first post go on alike from its place,
		// which hosts no other.
		own := rt.nextPost(int(rt.next[a*rt.n+d]), d)
		for _, e := range rt.road[a] {
			if rt.shortestVia(a, e, d) && (!uniform[e.to] || rt.nextPost(int(e.to), d) != own) {
				uniform[a] = false
				break
			}
		}
	}
}

// nextPost is the first place hosting a post on the next-hop road from
// a to d, a and d included, or -1 if none does.
func (rt *routes) nextPost(a, d int) int {
	for at := a; at >= 0; at = int(rt.next[at*rt.n+d]) {
		if rt.postAt[at] >= 0 {
			return at
		}
		if at == d {
			break
		}
	}
	return -1
}

// postsAhead lists every post on any shortest road from a to d, a and d
// included, by index.
func (rt *routes) postsAhead(a, d int) []int32 {
	seen := make([]bool, rt.n)
	var posts []int32
	var walk func(at int)
	walk = func(at int) {
		if seen[at] {
			return
		}
		seen[at] = true
		if p := rt.postAt[at]; p >= 0 {
			posts = append(posts, p)
		}
		for _, e := range rt.road[at] {
			if at != d && rt.shortestVia(at, e, d) {
				walk(int(e.to))
			}
		}
	}
	walk(a)
	slices.Sort(posts)
	return posts
}

func (rt *routes) otherEnd(cfg *Config, link, from int) int {
	l := cfg.Region.Links[link]
	if l.From == from {
		return l.To
	}
	return l.From
}

// closer reports whether b is strictly closer by road to d than a is, or
// is d itself.
func (rt *routes) closer(b, a, d int) bool {
	if b == d {
		return true
	}
	db := rt.dist[b*rt.n+d]
	return db != unreachable && db < rt.dist[a*rt.n+d]
}

// Reachable reports whether destination d can be reached from origin o by
// road or irregular links, ignoring posts. Loaders use it to reject
// scenarios whose destinations no migrant could ever reach.
func (r *Region) Reachable(o, d int) bool {
	seen := make([]bool, len(r.Locations))
	stack := []int{o}
	seen[o] = true
	for len(stack) > 0 {
		a := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if a == d {
			return true
		}
		for _, l := range r.Links {
			b := -1
			if l.From == a {
				b = l.To
			} else if l.To == a {
				b = l.From
			}
			if b >= 0 && !seen[b] {
				seen[b] = true
				stack = append(stack, b)
			}
		}
	}
	return false
}

// A DeadEnd is a destination of an origin that no road reaches, where
// the routing rules leave the origin's migrants no way to it: they find
// no smugglers and no path to walk alone toward it (Market and Post are
// -1), or the road to the smugglers who would take them there crosses a
// border at a post, beyond which no road leads toward the destination,
// so that a migrant the post admits stays and queues again, day after
// day, with no path to walk alone from any place on its way (docs/MODEL.md,
// 7.4 and 7.8). Locations, markets and posts are
// indices into the Config.
type DeadEnd struct {
	Origin, Destination int
	Market, Post        int
}

// DeadEnds lists the dead ends of c's origins, in the order of the
// origins and their destinations. It reads the routing tables the
// engine builds and changes nothing: loaders use it to refuse a region
// whose migrants could never arrive, as a sea crossing at the end of a
// road through a post would make it.
func (c *Config) DeadEnds() []DeadEnd {
	rt, err := buildRoutes(context.Background(), c, c.Migrants.MarketReachDays)
	if err != nil { // only a cancelled context fails it
		return nil
	}
	locs := c.Region.Locations
	nd := 0
	for _, l := range locs {
		if l.Kind == KindDestination {
			nd++
		}
	}
	var out []DeadEnd
	for _, o := range c.Origins {
		for _, d := range o.Destinations {
			if d < 0 || d >= rt.n || rt.destIndex[d] < 0 || rt.dist[o.Location*rt.n+d] != unreachable {
				continue // a road leads there
			}
			at := o.Location*nd + int(rt.destIndex[d])
			mk := rt.marketFor[at]
			if mk < 0 {
				if rt.aloneFor[at] < 0 {
					out = append(out, DeadEnd{o.Location, d, -1, -1})
				}
				continue
			}
			// The road to the market, hop by hop, as travelToward takes it,
			// toward the market nearest to each place on the way.
			for prev, a, hops := o.Location, o.Location, 0; mk >= 0 && hops < rt.n; hops++ {
				target := c.Markets[mk].Location
				// A path to walk alone from a place on the way is a way
				// out of the queue too: some of its migrants arrive.
				if a == target || rt.aloneFor[a*nd+int(rt.destIndex[d])] >= 0 {
					break
				}
				next := int(rt.next[a*rt.n+target])
				if next < 0 {
					break
				}
				if p := rt.postAt[a]; p >= 0 && locs[next].Country != locs[prev].Country {
					out = append(out, DeadEnd{o.Location, d, int(mk), int(p)})
					break
				}
				prev, a = a, next
				mk = rt.marketFor[a*nd+int(rt.destIndex[d])]
			}
		}
	}
	return out
}
