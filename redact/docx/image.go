package docx

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash/crc32"
	"image"
	"image/color"
	_ "image/gif" // registered for image.DecodeConfig
	_ "image/jpeg"
	"image/png"
	"path"
	"strings"

	"github.com/prescreen/prescreen/detectors"
	"github.com/prescreen/prescreen/redact"
)

// iconMax is the largest width and height of an image taken for an icon
// (a phone or mail symbol) rather than a photo.
const iconMax = 64

// placeholderMax bounds the placeholder's pixels; Word scales it to the
// size the document gives the image, so the layout does not change.
const placeholderMax = 256

const placeholderTag = "prescreen placeholder"

var rasterExt = map[string]bool{"png": true, "jpg": true, "jpeg": true, "jpe": true, "jfif": true, "gif": true, "bmp": true, "tif": true, "tiff": true, "webp": true}

// listPhotos lists every raster image part that is neither an icon nor our
// own placeholder. Images that cannot be decoded are listed (fail closed).
func (d *Document) listPhotos(b *builder) error {
	for i, p := range d.parts {
		if p.removed || strings.HasSuffix(p.name, "/") {
			continue
		}
		ext := strings.ToLower(strings.TrimPrefix(path.Ext(p.name), "."))
		raster := rasterExt[ext]
		switch {
		case strings.Contains(p.contentType, "svg") || strings.Contains(p.contentType, "emf") || strings.Contains(p.contentType, "wmf"):
			raster = false
		case strings.HasPrefix(p.contentType, "image/"):
			raster = true
		}
		if !raster {
			continue
		}
		w, h := 0, 0
		if cfg, _, err := image.DecodeConfig(bytes.NewReader(p.data)); err == nil {
			w, h = cfg.Width, cfg.Height
			if w <= iconMax && h <= iconMax {
				continue
			}
			if isPlaceholder(p.data, cfg, b.lim) {
				continue
			}
		}
		sum := sha256.Sum256(p.data)
		off := 0
		if ai, ok := b.anchors[i]; ok {
			off = d.nodes[ai].tStart
		}
		d.objects = append(d.objects, photo{
			obj:  redact.Object{ID: len(d.objects), Category: detectors.Photo, Offset: off, Digest: hex.EncodeToString(sum[:])},
			part: i, w: w, h: h,
		})
	}
	return nil
}

// isPlaceholder recognises the grey image Apply writes: a PNG carrying our
// tag whose pixels are all one colour. The tag alone proves nothing (anyone
// can write it); the single colour means there is no photo in it.
func isPlaceholder(data []byte, cfg image.Config, lim Limits) bool {
	if !bytes.HasPrefix(data, []byte("\x89PNG")) || !bytes.Contains(data, []byte(placeholderTag)) {
		return false
	}
	if cfg.Width*cfg.Height > lim.MaxImagePixel || cfg.Width > placeholderMax || cfg.Height > placeholderMax {
		return false
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return false
	}
	r := img.Bounds()
	first := img.At(r.Min.X, r.Min.Y)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if img.At(x, y) != first {
				return false
			}
		}
	}
	return true
}

// placeholderPNG is a uniformly grey PNG with the image's aspect ratio.
func placeholderPNG(w, h int) ([]byte, error) {
	if w <= 0 || h <= 0 {
		w, h = placeholderMax, placeholderMax
	}
	if w > placeholderMax || h > placeholderMax {
		if w >= h {
			w, h = placeholderMax, max(1, h*placeholderMax/w)
		} else {
			w, h = max(1, w*placeholderMax/h), placeholderMax
		}
	}
	img := image.NewPaletted(image.Rect(0, 0, w, h), color.Palette{color.Gray{Y: 0xC0}})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		return nil, err
	}
	// Insert a tEXt chunk after IHDR (8-byte signature + 25-byte IHDR).
	out := b.Bytes()
	const after = 8 + 25
	payload := append([]byte("Comment\x00"), placeholderTag...)
	chunk := make([]byte, 0, 12+len(payload))
	chunk = binary.BigEndian.AppendUint32(chunk, uint32(len(payload)))
	typed := append([]byte("tEXt"), payload...)
	chunk = append(chunk, typed...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(typed))
	res := append(append(append([]byte{}, out[:after]...), chunk...), out[after:]...)
	return res, nil
}
