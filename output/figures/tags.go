package figures

import (
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/borderwork/borderwork/internal/portable"
)

// Where a tag goes is a choice made from the arithmetic below, so it is
// held to the rules of the results' arithmetic (internal/portable's
// TestNoFusedMultiplyAdd and TestOnlyPortableMath check this file): no
// math function that is not exact, and every product rounded before it is
// added, so that no machine places a tag elsewhere.

// tagAt is a point's tag and where on the canvas the point is.
type tagAt struct {
	tag string
	at  vg.Point
}

// tagCorners are where a point's tag goes when it has room beside its
// point, in the order tried: above right of the point, above left, below
// right, below left.
var tagCorners = []struct {
	dx, dy float64 // the offset from the point, in points
	xAlign text.XAlignment
	yAlign text.YAlignment
}{
	{3, 2, draw.XLeft, draw.YBottom}, {-3, 2, draw.XRight, draw.YBottom},
	{3, -2, draw.XLeft, draw.YTop}, {-3, -2, draw.XRight, draw.YTop},
}

// tagLeader is the style of the line from a point to a tag written away
// from it: thin and dark, so that it reads as a pointer, not as data.
var tagLeader = draw.LineStyle{Color: color.Gray{Y: 0x22}, Width: vg.Points(0.6)}

// placeTags writes each tag, in the points' order (the leaders first),
// where it covers no tag already written, no leader line, no marker
// (radius r) of any point in marks and nothing outside the canvas: at
// the first corner of its point with room and no other point as near to
// the tag as its own (else the tag reads as the other's); else at the
// nearest place with room on rings of growing radius around the point,
// tried in a fixed order of directions, with a leader line from the
// point. Corners alone found no room in a dense cluster of a Morris
// screening, and the first corner was used: neighbours' tags were
// printed over each other and read as one number ("657"). Where no place
// on the canvas has room, the first corner is still used.
func placeTags(c draw.Canvas, sty text.Style, tags []tagAt, marks []vg.Point, r vg.Length) {
	var placed []vg.Rectangle
	var leaders [][2]vg.Point
	gap := vg.Points(1) // kept clear around a tag, so that it does not touch a marker or line
	free := func(b vg.Rectangle) bool {
		if b.Min.X < c.Min.X || b.Max.X > c.Max.X || b.Min.Y < c.Min.Y || b.Max.Y > c.Max.Y {
			return false
		}
		for _, q := range placed {
			if b.Min.X < q.Max.X && q.Min.X < b.Max.X && b.Min.Y < q.Max.Y && q.Min.Y < b.Max.Y {
				return false
			}
		}
		if nearMark(b, marks, r) {
			return false
		}
		for _, l := range leaders {
			if segmentCrosses(l[0], l[1], grow(b, gap)) {
				return false
			}
		}
		return true
	}
	at := func(t tagAt, k int) (text.Style, vg.Point, vg.Rectangle) {
		s, corner := sty, tagCorners[k]
		s.XAlign, s.YAlign = corner.xAlign, corner.yAlign
		p := vg.Point{X: t.at.X + vg.Points(corner.dx), Y: t.at.Y + vg.Points(corner.dy)}
		return s, p, s.Rectangle(t.tag).Add(p)
	}
	beside := func(t tagAt, b vg.Rectangle) bool { return free(b) && readsAsOwn(b, t.at, marks, r) }
	for _, t := range tags {
		s, p, b := at(t, 0)
		found := beside(t, b)
		for k := 1; k < len(tagCorners) && !found; k++ {
			if sk, pk, bk := at(t, k); beside(t, bk) {
				s, p, b, found = sk, pk, bk, true
			}
		}
		if !found {
			if sl, pl, bl, from, to, ok := awayPlace(c, sty, t, marks, r, gap, placed, leaders, free); ok {
				s, p, b = sl, pl, bl
				leaders = append(leaders, [2]vg.Point{from, to})
				c.StrokeLine2(tagLeader, from.X, from.Y, to.X, to.Y)
			}
		}
		placed = append(placed, grow(b, gap))
		c.FillText(s, p, t.tag)
	}
}

// tagDirections are the directions, in degrees from the x axis, in which
// a tag away from its point is looked for on each ring: the corners
// first, as beside the point, then the others 15 degrees apart, but not
// along the axes, where a leader line would run along the point's error
// bars and not be seen.
var tagDirections = func() []float64 {
	d := []float64{45, 135, -45, -135}
	for a := -165.0; a <= 180; a += 15 {
		if math.Mod(a, 90) != 0 && !slices.Contains(d, a) {
			d = append(d, a)
		}
	}
	return d
}()

// awayPlace finds the nearest place for t's tag centred on a ring around
// its point that free accepts, with a margin of tagClear around it free
// of markers (a tag written just beside another point reads as that
// point's), and whose leader line, from the edge of the point's marker to
// the tag, crosses no tag in placed and, where such a place exists, passes
// over no other marker in marks (a point inside a cluster has none: its
// leader must cross its neighbours) and crosses no other leader line.
func awayPlace(c draw.Canvas, sty text.Style, t tagAt, marks []vg.Point, r, gap vg.Length, placed []vg.Rectangle, leaders [][2]vg.Point, free func(vg.Rectangle) bool) (s text.Style, p vg.Point, b vg.Rectangle, from, to vg.Point, ok bool) {
	s = sty
	s.XAlign, s.YAlign = draw.XCenter, draw.YCenter
	box := s.Rectangle(t.tag)
	step := max(box.Size().Y/2, vg.Points(2))
	reach := vg.Length(hypot(float64(c.Size().X), float64(c.Size().Y)))
	// The first ring leaves a leader line of at least 3 points, long
	// enough to be seen as one.
	half := vg.Length(hypot(float64(box.Size().X), float64(box.Size().Y)) / 2)
	// Pass 0 keeps the leader off other markers and leaders, pass 1 off
	// other leaders only, pass 2 off neither.
	for pass := range 3 {
		for rho := r + gap + half + vg.Points(3); rho < reach; rho += step {
			for _, deg := range tagDirections {
				// portable.Cos, and products rounded before they are
				// added (no fused multiply-add): where a tag goes is a
				// choice, which must be the same on every machine.
				a := deg * math.Pi / 180
				ux, uy := portable.Cos(a), portable.Cos(a-math.Pi/2)
				p = vg.Point{X: t.at.X + vg.Length(float64(rho)*ux), Y: t.at.Y + vg.Length(float64(rho)*uy)}
				b = box.Add(p)
				if !free(b) || nearMark(grow(b, tagClear), marks, r) {
					continue
				}
				from, to = leaderEnds(t.at, p, r+vg.Length(float64(gap/2)), grow(b, gap))
				crosses := false
				for _, q := range placed {
					crosses = crosses || segmentCrosses(from, to, q)
				}
				for _, m := range marks {
					if pass == 0 && m != t.at {
						crosses = crosses || segmentNear(from, to, m, r)
					}
				}
				for _, l := range leaders {
					crosses = crosses || (pass < 2 && segmentsCross(from, to, l[0], l[1]))
				}
				if !crosses {
					return s, p, b, from, to, true
				}
			}
		}
	}
	return s, p, b, from, to, false
}

// segmentsCross reports whether the segments ab and cd cross.
func segmentsCross(a, b, c, d vg.Point) bool {
	side := func(p, q, r vg.Point) float64 {
		return float64(float64(q.X-p.X)*float64(r.Y-p.Y)) - float64(float64(q.Y-p.Y)*float64(r.X-p.X))
	}
	return side(a, b, c)*side(a, b, d) < 0 && side(c, d, a)*side(c, d, b) < 0
}

// segmentNear reports whether the segment from a to b passes within d
// of the point m.
func segmentNear(a, b, m vg.Point, d vg.Length) bool {
	dx, dy := float64(b.X-a.X), float64(b.Y-a.Y)
	f := 0.0
	if n := float64(dx*dx) + float64(dy*dy); n > 0 {
		f = math.Max(0, math.Min(1, (float64(float64(m.X-a.X)*dx)+float64(float64(m.Y-a.Y)*dy))/n))
	}
	return hypot(float64(a.X)+float64(f*dx)-float64(m.X), float64(a.Y)+float64(f*dy)-float64(m.Y)) < float64(d)
}

// tagClear is the margin around a tag away from its point that must be
// free of markers.
var tagClear = vg.Points(3)

// nearMark reports whether b overlaps the marker (radius r) of a point in
// marks.
func nearMark(b vg.Rectangle, marks []vg.Point, r vg.Length) bool {
	for _, p := range marks {
		if b.Min.X < p.X+r && p.X-r < b.Max.X && b.Min.Y < p.Y+r && p.Y-r < b.Max.Y {
			return true
		}
	}
	return false
}

// readsAsOwn reports whether a tag in box b reads as own's: every other
// point of marks is further from the tag's centre than own, by at least
// the margin d. (Measured from the box's edge, a tag above left of its
// point could sit as near to a neighbour on its left as to its own point,
// and read as the neighbour's.)
func readsAsOwn(b vg.Rectangle, own vg.Point, marks []vg.Point, d vg.Length) bool {
	c := vg.Point{X: vg.Length(float64((b.Min.X + b.Max.X) / 2)), Y: vg.Length(float64((b.Min.Y + b.Max.Y) / 2))}
	dist := func(p vg.Point) float64 { return hypot(float64(p.X-c.X), float64(p.Y-c.Y)) }
	near := dist(own) + float64(d)
	for _, p := range marks {
		if p != own && dist(p) < near {
			return false
		}
	}
	return true
}

// leaderEnds is the line from the edge of the marker at pt (radius r)
// towards centre, ending where it meets the box b around centre.
func leaderEnds(pt, centre vg.Point, r vg.Length, b vg.Rectangle) (from, to vg.Point) {
	dx, dy := float64(centre.X-pt.X), float64(centre.Y-pt.Y)
	n := hypot(dx, dy)
	from = vg.Point{X: pt.X + vg.Length(float64(r)*(dx/n)), Y: pt.Y + vg.Length(float64(r)*(dy/n))}
	// From the centre back towards pt, the box is left at the smaller of
	// the fractions that reach its sides.
	f := math.Inf(1)
	if dx != 0 {
		f = float64(b.Max.X-centre.X) / math.Abs(dx)
	}
	if dy != 0 {
		f = math.Min(f, float64(b.Max.Y-centre.Y)/math.Abs(dy))
	}
	to = vg.Point{X: centre.X - vg.Length(f*dx), Y: centre.Y - vg.Length(f*dy)}
	return from, to
}

// hypot is √(x² + y²) with each square rounded: math.Hypot's own
// arithmetic may be fused into multiply-adds on some processors (arm64),
// and a tag's place is a choice made from these distances.
func hypot(x, y float64) float64 { return math.Sqrt(float64(x*x) + float64(y*y)) }

// grow is b widened by d on every side.
func grow(b vg.Rectangle, d vg.Length) vg.Rectangle {
	return vg.Rectangle{Min: vg.Point{X: b.Min.X - d, Y: b.Min.Y - d}, Max: vg.Point{X: b.Max.X + d, Y: b.Max.Y + d}}
}
