package index

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bolterrors "go.etcd.io/bbolt/errors"
)

// ErrBusy reports an on-disk index that another process holds open.
var ErrBusy = errors.New("index is in use by another process")

// ErrDamaged reports an on-disk index whose files fail their checksums or
// cannot be read; Open rebuilds it from the corpus.
var ErrDamaged = errors.New("index files damaged")

// defaultLockWait is how long Open waits for another process to release the index.
const defaultLockWait = 3 * time.Second

const (
	manifestFile = "manifest.json"
	ownerFile    = "owner.txt"
	verifiedFile = "verified.json" // in the Bleve folder: segments whose checksum was checked
)

// openDisk opens or creates the on-disk index in dir. It rebuilds the index
// when the schema changed or the files are damaged, and returns ErrBusy,
// never a rebuild, when another process holds it. Besides the index it
// returns the manifest and its bytes as read once the index is held, so
// that no other process changes them meanwhile (both empty after a
// rebuild). A manifest whose SHA-256 is known, the one a snapshot was made
// with, is not decoded: its Hashes are nil, for contentHashes to read.
func openDisk(dir string, lockWait time.Duration, log *slog.Logger, known [sha256.Size]byte) (bleve.Index, manifest, []byte, error) {
	bdir := filepath.Join(dir, "bleve")
	path := filepath.Join(dir, manifestFile)
	read := func() (manifest, []byte) {
		raw, err := os.ReadFile(path)
		if err != nil {
			return manifest{}, nil
		}
		if sha256.Sum256(raw) == known {
			return manifest{Schema: schemaVersion}, raw
		}
		m, err := decodeManifest(raw)
		if err != nil {
			return manifest{}, nil
		}
		return m, raw
	}
	if old, raw := read(); old.Schema == schemaVersion {
		idx, err := openExisting(bdir, lockWait)
		if err == nil {
			writeOwner(dir)
			if now, err := os.ReadFile(path); err != nil || !bytes.Equal(now, raw) {
				old, raw = read() // changed by the process that held the index before
			}
			if old.Schema == schemaVersion {
				return idx, old, raw, nil
			}
			idx.Close()
			err = fmt.Errorf("%w: manifest unreadable", ErrDamaged)
		}
		if errors.Is(err, ErrBusy) {
			return nil, manifest{}, nil, busyError(dir, lockWait)
		}
		log.Warn("on-disk index unreadable, rebuilding it from the corpus", "err", err)
	}
	// the manifest goes first: a rebuild killed midway must not look complete
	empty := manifest{Hashes: map[string]string{}}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, empty, nil, fmt.Errorf("remove stale manifest: %w", err)
	}
	if err := os.RemoveAll(bdir); err != nil {
		return nil, empty, nil, fmt.Errorf("remove stale index: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, empty, nil, fmt.Errorf("create index dir: %w", err)
	}
	m, err := newMapping()
	if err != nil {
		return nil, empty, nil, fmt.Errorf("mapping: %w", err)
	}
	idx, err := bleve.NewUsing(bdir, m, scorch.Name, scorch.Name, map[string]interface{}{"bolt_timeout": lockWait.String()})
	if isTimeout(err) {
		return nil, empty, nil, busyError(dir, lockWait)
	}
	if err == nil {
		writeOwner(dir)
	}
	return idx, empty, nil, err
}

// openExisting opens the Bleve index in bdir after checking every segment's
// checksum. A panic inside the segment reader becomes ErrDamaged.
func openExisting(bdir string, lockWait time.Duration) (idx bleve.Index, err error) {
	if err := verifySegments(bdir); err != nil {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			idx, err = nil, fmt.Errorf("%w: %v", ErrDamaged, r)
		}
	}()
	idx, err = bleve.OpenUsing(bdir, map[string]interface{}{"bolt_timeout": lockWait.String()})
	if isTimeout(err) {
		return nil, ErrBusy
	}
	return idx, err
}

func isTimeout(err error) bool {
	return err != nil && (errors.Is(err, bolterrors.ErrTimeout) || strings.Contains(err.Error(), bolterrors.ErrTimeout.Error()))
}

// verifySegments checks the CRC-32 that ends every zap segment file against
// the bytes before it: a truncated or overwritten segment is ErrDamaged.
// Segments are written once; one already checked at the same size and
// modification time (recorded in verified.json) is not read again, so an
// open does not read the whole index.
func verifySegments(bdir string) error {
	paths, err := filepath.Glob(filepath.Join(bdir, "store", "*.zap"))
	if err != nil {
		return fmt.Errorf("list segments: %w", err)
	}
	memo := filepath.Join(bdir, verifiedFile)
	checked := map[string]fileStat{}
	if b, err := os.ReadFile(memo); err == nil {
		_ = json.Unmarshal(b, &checked) // a damaged memo only means checking again
	}
	now := map[string]fileStat{}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return fmt.Errorf("%w: %s: %w", ErrDamaged, filepath.Base(p), err)
		}
		name := filepath.Base(p)
		fp := fileStat{Path: name, Size: st.Size(), ModTime: st.ModTime().UnixNano()}
		if checked[name] != fp {
			if err := verifySegment(p); err != nil {
				return err
			}
		}
		now[name] = fp
	}
	if len(now) != len(checked) || !maps.Equal(now, checked) {
		if b, err := json.Marshal(now); err == nil {
			_ = os.WriteFile(memo, b, 0o644) // a lost memo only means checking again
		}
	}
	return nil
}

// verifySegment checks one segment file's checksum.
func verifySegment(p string) error {
	b, err := os.ReadFile(p)
	if err != nil {
		return fmt.Errorf("%w: %s: %w", ErrDamaged, filepath.Base(p), err)
	}
	if len(b) < 8 {
		return fmt.Errorf("%w: %s is truncated", ErrDamaged, filepath.Base(p))
	}
	if crc32.ChecksumIEEE(b[:len(b)-4]) != binary.BigEndian.Uint32(b[len(b)-4:]) {
		return fmt.Errorf("%w: %s fails its checksum", ErrDamaged, filepath.Base(p))
	}
	return nil
}

// writeManifest replaces the manifest atomically and durably.
func writeManifest(dir string, m manifest) error {
	b, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("encode manifest: %w", err)
	}
	tmp := filepath.Join(dir, manifestFile+".tmp")
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("write manifest: %w", err)
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return fmt.Errorf("write manifest: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("sync manifest: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write manifest: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, manifestFile)); err != nil {
		return fmt.Errorf("replace manifest: %w", err)
	}
	return nil
}

// writeOwner notes which process holds the index, so that a second one can
// say by whom it is busy.
func writeOwner(dir string) {
	cmd := strings.Join(os.Args, " ")
	line := fmt.Sprintf("pid %d, %s, since %s\n", os.Getpid(), cmd, time.Now().Format(time.RFC3339))
	_ = os.WriteFile(filepath.Join(dir, ownerFile), []byte(line), 0o644)
}

// busyError names the holder of a busy index when it is known.
func busyError(dir string, lockWait time.Duration) error {
	b, err := os.ReadFile(filepath.Join(dir, ownerFile))
	if err != nil || len(b) == 0 {
		return fmt.Errorf("%w (waited %s)", ErrBusy, lockWait)
	}
	return fmt.Errorf("%w: %s (waited %s)", ErrBusy, strings.TrimSpace(string(b)), lockWait)
}

// contentHashes returns c's content hash per article id. A corpus opened
// from a snapshot reads them from the manifest on the first call (only an
// update needs them, and at 100,000 articles decoding them was a tenth of
// an open); the manifest then says what Bleve holds, which the snapshot
// was checked to match.
func (c *Corpus) contentHashes() (map[string]string, error) {
	c.hashesMu.Lock()
	defer c.hashesMu.Unlock()
	if c.hashes != nil || c.manifest == "" {
		return c.hashes, nil
	}
	raw, err := os.ReadFile(c.manifest)
	if err != nil {
		return nil, fmt.Errorf("read manifest: %w", err)
	}
	m, err := decodeManifest(raw)
	if err != nil {
		return nil, err
	}
	c.hashes = m.Hashes
	return c.hashes, nil
}

// decodeManifest decodes a manifest's bytes.
func decodeManifest(raw []byte) (manifest, error) {
	var m manifest
	if err := json.Unmarshal(raw, &m); err != nil {
		return manifest{}, fmt.Errorf("%w: manifest: %w", ErrDamaged, err)
	}
	if m.Hashes == nil {
		return manifest{}, fmt.Errorf("%w: manifest has no hashes", ErrDamaged)
	}
	return m, nil
}
