package report

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/prescreen/prescreen/detectors"
	"golang.org/x/text/unicode/norm"
)

// Fingerprinter computes keyed fingerprints of values, so the same ID can be
// matched across documents and batches without being stored.
type Fingerprinter struct {
	key []byte
	// macs are keyed HMACs for reuse: hmac.New hashes the key into two
	// blocks for every value, twice the work of the fingerprint itself,
	// and a resume has dozens of findings.
	macs sync.Pool
}

// NewFingerprinter uses key as the HMAC key.
func NewFingerprinter(key []byte) (*Fingerprinter, error) {
	if len(key) < 16 {
		return nil, errors.New("fingerprint key must be at least 16 bytes")
	}
	f := &Fingerprinter{key: append([]byte(nil), key...)}
	f.macs.New = func() any { return hmac.New(sha256.New, f.key) }
	return f, nil
}

// Fingerprint is the first 16 hex digits (64 bits) of
// HMAC-SHA256(key, category NUL normalised value).
func (f *Fingerprinter) Fingerprint(c detectors.Category, value string) string {
	mac := f.macs.Get().(hash.Hash)
	defer f.macs.Put(mac)
	mac.Reset()
	mac.Write([]byte(c))
	mac.Write([]byte{0})
	mac.Write([]byte(normalise(c, value)))
	var sum [sha256.Size]byte
	return hex.EncodeToString(mac.Sum(sum[:0])[:8])
}

// NewFinding builds the report entry for a match whose text is value. The
// value itself goes only into the HMAC and the masked preview's last two
// characters (for ID and account numbers).
func (f *Fingerprinter) NewFinding(m detectors.Match, value string, redacted bool, page int) Finding {
	action := ActionKept
	if redacted {
		action = ActionRedacted
	}
	return Finding{
		Category:    m.Category,
		Detector:    m.Detector,
		Likelihood:  m.Likelihood,
		Action:      action,
		Location:    Location{Page: page, Start: m.Start, End: m.End},
		Length:      utf8.RuneCountInString(value),
		Masked:      Mask(m.Category, value),
		Fingerprint: f.Fingerprint(m.Category, value),
	}
}

// Mask shows the category and, for ID and account numbers of at least eight
// characters, their last two letters or digits: enough for a person to tell
// two numbers apart, too little to reconstruct either.
func Mask(c detectors.Category, value string) string {
	if c == detectors.IDNumber || c == detectors.Financial {
		if an := alnum(value); len(an) >= 8 {
			return "[" + string(c) + " …" + an[len(an)-2:] + "]"
		}
	}
	return "[" + string(c) + "]"
}

// normalise makes equal values equal: Unicode NFKC, lower case, and for
// numbers only their letters and digits ("110 101-..." = "110101...").
func normalise(c detectors.Category, value string) string {
	v := strings.ToLower(norm.NFKC.String(value))
	switch c {
	case detectors.IDNumber, detectors.Financial:
		return alnum(v)
	case detectors.Contact:
		if !strings.Contains(v, "@") && strings.ContainsAny(v, "0123456789") {
			return alnum(v) // phone numbers: digits only
		}
	}
	return strings.Join(strings.Fields(v), " ")
}

func alnum(s string) string {
	var b strings.Builder
	for _, r := range norm.NFKC.String(s) {
		if r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(unicode.ToUpper(r))
		}
	}
	return b.String()
}

// KeyEnv names the environment variable that holds the fingerprint key.
const KeyEnv = "PRESCREEN_KEY"

// LoadKey returns the per-installation fingerprint key: $PRESCREEN_KEY if
// set, else the key file under the user's config folder, created with mode
// 0600 (folder 0700) on first use.
func LoadKey() ([]byte, error) {
	if k := os.Getenv(KeyEnv); k != "" {
		if len(k) < 16 {
			return nil, fmt.Errorf("%s must be at least 16 characters", KeyEnv)
		}
		return []byte(k), nil
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return nil, fmt.Errorf("no config folder for the fingerprint key (set %s): %w", KeyEnv, err)
	}
	return loadKeyFile(filepath.Join(dir, "prescreen", "fingerprint.key"))
}

func loadKeyFile(path string) ([]byte, error) {
	if b, err := os.ReadFile(path); err == nil {
		k := strings.TrimSpace(string(b))
		if len(k) < 16 {
			return nil, fmt.Errorf("fingerprint key file %s is too short", path)
		}
		return []byte(k), nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("reading fingerprint key: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("creating fingerprint key folder: %w", err)
	}
	raw := make([]byte, 32)
	rand.Read(raw)
	k := hex.EncodeToString(raw)
	// Write a temp file (mode 0600) and hard-link it into place: the key
	// appears whole or not at all, and if another process created one
	// meanwhile, the link fails and theirs is used.
	tmp, err := os.CreateTemp(filepath.Dir(path), ".fingerprint-*.tmp")
	if err != nil {
		return nil, fmt.Errorf("creating fingerprint key: %w", err)
	}
	defer os.Remove(tmp.Name())
	_, werr := tmp.WriteString(k + "\n")
	if err := errors.Join(werr, tmp.Sync(), tmp.Close()); err != nil {
		return nil, fmt.Errorf("writing fingerprint key: %w", err)
	}
	if err := os.Link(tmp.Name(), path); errors.Is(err, fs.ErrExist) {
		return loadKeyFile(path)
	} else if err != nil {
		return nil, fmt.Errorf("creating fingerprint key: %w", err)
	}
	return []byte(k), nil
}
