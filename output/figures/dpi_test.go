package figures

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image/png"
	"math"
	"testing"

	"gonum.org/v1/plot/vg"
)

// TestPNGSaysItsDPI: a PNG says in a pHYs chunk that it is 300 dpi
// (11,811 pixels per metre), so that a viewer, a word processor or a
// journal's artwork check prints it at its size (8.4 or 17.4 cm wide);
// it once said nothing, and they took its 992 or 2,055 pixels at 72 or
// 96 dpi. The chunk comes before the image data with a correct CRC, and
// the file still decodes to the size's pixels.
func TestPNGSaysItsDPI(t *testing.T) {
	fig, err := goldenFigures[0].draw()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range Sizes() {
		fig.SetSize(s)
		var b bytes.Buffer
		if err := fig.Encode(&b, "png"); err != nil {
			t.Fatal(err)
		}
		data := b.Bytes()
		var phys []byte
		for at := 8; at+8 <= len(data); {
			n := int(binary.BigEndian.Uint32(data[at:]))
			kind := string(data[at+4 : at+8])
			if at+12+n > len(data) {
				t.Fatalf("%s: chunk %q runs past the end", s.Name, kind)
			}
			if crc := binary.BigEndian.Uint32(data[at+8+n:]); crc != crc32.ChecksumIEEE(data[at+4:at+8+n]) {
				t.Errorf("%s: chunk %q has a bad CRC", s.Name, kind)
			}
			if kind == "IDAT" && phys == nil {
				t.Errorf("%s: no pHYs chunk before the image data", s.Name)
				break
			}
			if kind == "pHYs" {
				phys = data[at+8 : at+8+n]
			}
			at += 12 + n
		}
		if len(phys) != 9 {
			t.Fatalf("%s: pHYs %v; want 9 bytes", s.Name, phys)
		}
		x, y, unit := binary.BigEndian.Uint32(phys), binary.BigEndian.Uint32(phys[4:]), phys[8]
		if x != 11811 || y != 11811 || unit != 1 {
			t.Errorf("%s: pHYs %d × %d per unit %d; want 11811 × 11811 per metre (300 dpi)", s.Name, x, y, unit)
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", s.Name, err)
		}
		wantW := int(math.Round(float64(s.Width/vg.Inch) * DPI))
		if got := img.Bounds().Dx(); math.Abs(float64(got-wantW)) > 1 {
			t.Errorf("%s: %d pixels wide; want %d (%.1f cm at %d dpi)", s.Name, got, wantW, float64(s.Width/vg.Centimeter), DPI)
		}
	}
}
