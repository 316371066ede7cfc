package index

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"fmt"
	"hash/crc64"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/corpusbot/corpusbot/index/russian"
)

// snapshotFile keeps, beside the on-disk Bleve index, everything else Open
// derives from the corpus (articles, people, events), so that an unchanged
// corpus opens without reading or analysing a single article.
const snapshotFile = "derived.gob"

// fileStat is what decides, without reading a file, that it is unchanged.
type fileStat struct {
	Path    string
	Size    int64
	ModTime int64 // UnixNano
}

// statCorpus lists the corpus's article files and catalog with their size
// and modification time, in path order, as ReadCorpus would see them, and
// its folders (root first) with theirs. Each folder is statted before it
// is listed, so a file added after the listing changes the folder's time.
// The files are then statted by several goroutines, since at 100,000 files
// the stat calls are most of a full check.
func statCorpus(fsys fs.FS) (l listing, err error) {
	l.at = time.Now()
	type entry struct {
		path string
		d    fs.DirEntry
	}
	var entries []entry
	err = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if hiddenDir(p, d) {
				return fs.SkipDir
			}
			st, err := fs.Stat(fsys, p)
			if err != nil {
				return err
			}
			l.dirs = append(l.dirs, fileStat{Path: p, ModTime: st.ModTime().UnixNano()})
			return nil
		}
		if isArticleFile(p, d) || p == "catalog.tsv" {
			entries = append(entries, entry{p, d})
		}
		return nil
	})
	if err != nil {
		return listing{}, err
	}
	files := make([]fileStat, len(entries))
	errs := make([]error, len(entries))
	workers := min(statWorkers, 1+len(entries)/512)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(entries); i += workers {
				files[i], errs[i] = statFile(fsys, entries[i].path, entries[i].d)
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return listing{}, err
		}
	}
	l.files = files
	return l, nil
}

// listing is the corpus's files and folders as statCorpus found them.
type listing struct {
	files, dirs []fileStat
	at          time.Time // when the statting began
}

// statWorkers stat corpus files at once: more than the cores, since a
// stat may wait on the disk when the folder is not in the page cache.
const statWorkers = 8

// statFile is one corpus file's size and modification time.
func statFile(fsys fs.FS, p string, d fs.DirEntry) (fileStat, error) {
	st, err := d.Info()
	if err == nil && st.Mode()&fs.ModeSymlink != 0 {
		st, err = fs.Stat(fsys, p) // a symlink: the file it names decides
	}
	if err != nil {
		return fileStat{}, err
	}
	f := fileStat{Path: p, Size: st.Size(), ModTime: st.ModTime().UnixNano()}
	if st.ModTime().IsZero() { // an embedded corpus has no times: its (small) content decides
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return fileStat{}, err
		}
		f.ModTime = int64(crc64.Checksum(b, crc64.MakeTable(crc64.ECMA)))
	}
	return f, nil
}

// filesDigest stands for a list of corpus files: a snapshot keeps it
// rather than the list, which at 100,000 files was a tenth of an open.
func filesDigest(files []fileStat) [sha256.Size]byte {
	h := sha256.New()
	var num [8]byte
	for _, f := range files {
		h.Write([]byte(f.Path))
		h.Write([]byte{0})
		binary.LittleEndian.PutUint64(num[:], uint64(f.Size))
		h.Write(num[:])
		binary.LittleEndian.PutUint64(num[:], uint64(f.ModTime))
		h.Write(num[:])
	}
	var out [sha256.Size]byte
	h.Sum(out[:0])
	return out
}

// snapshotHeader opens the snapshot file; the articles, people and events
// follow in chunks of snapshotChunk, each its own gob message, so that no
// message is large (gob reads a message whole before decoding it).
type snapshotHeader struct {
	Schema                   int // schemaVersion and snapshotVersion: either changing makes it stale
	Format                   int
	Files                    [sha256.Size]byte // filesDigest of the corpus files it was made from
	Manifest                 [sha256.Size]byte // SHA-256 of the manifest that said what Bleve held
	Warnings                 []string
	Articles, People, Events int
	Bodies                   string // the file beside it with the articles' texts
	BodiesSize               int64
}

// articleRecord is an article's metadata and where its text lies.
type articleRecord struct {
	ID, Title, Source, URL string
	Published, Dateline    russian.Date
	At                     int64
	Size, Sentences        int
}

const snapshotChunk = 512

// snapshotVersion changes whenever the snapshot's layout does, or what
// extraction finds in the same text (people, quotes, events): a snapshot of
// another version is derived again from the corpus.
const snapshotVersion = 34

// writeSnapshot saves ix's derived state with the corpus files it came
// from (write, fsync, rename: a kill leaves the old snapshot or none).
func (ix *Index) writeSnapshot(dir string, files []fileStat) (*Corpus, error) {
	raw, err := os.ReadFile(filepath.Join(dir, manifestFile))
	if err != nil {
		return nil, fmt.Errorf("write snapshot: %w", err)
	}
	bodies := fmt.Sprintf("bodies-%d.bin", time.Now().UnixNano())
	refs, err := writeBodies(filepath.Join(dir, bodies), ix.corpus.Articles)
	if err != nil {
		os.Remove(filepath.Join(dir, bodies))
		return nil, fmt.Errorf("write snapshot: %w", err)
	}
	h := snapshotHeader{Schema: schemaVersion, Format: snapshotVersion, Files: filesDigest(files), Manifest: sha256.Sum256(raw), Warnings: ix.corpus.Warnings,
		Articles: len(ix.corpus.Articles), People: len(ix.people.list), Events: len(ix.events), Bodies: bodies}
	records := make([]articleRecord, 0, len(ix.corpus.Articles))
	for i, a := range ix.corpus.Articles {
		records = append(records, articleRecord{ID: a.ID, Title: a.Title, Source: a.Source, URL: a.URL, Published: a.Published,
			Dateline: a.Dateline, At: refs[i].at, Size: refs[i].size, Sentences: refs[i].sentences})
		h.BodiesSize = refs[i].at + int64(refs[i].size)
	}
	seen := make([]string, 0, len(ix.people.seen))
	for k := range ix.people.seen {
		seen = append(seen, k)
	}
	slices.Sort(seen)
	people, events := ix.derivedRecords()
	tmp := filepath.Join(dir, snapshotFile+".tmp")
	f, err := os.Create(tmp)
	if err != nil {
		return nil, fmt.Errorf("write snapshot: %w", err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	enc := gob.NewEncoder(w)
	err = enc.Encode(&h)
	for _, part := range []func() error{
		func() error { return encodeArticleRecords(enc, records) },
		func() error { return encodeChunks(enc, people) },
		func() error { return encodeChunks(enc, events) },
		func() error { return enc.Encode(seen) }, // with the people, which alone read it
		w.Flush, f.Sync,
	} {
		if err == nil {
			err = part()
		}
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return nil, fmt.Errorf("write snapshot: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, snapshotFile)); err != nil {
		return nil, fmt.Errorf("write snapshot: %w", err)
	}
	old, _ := filepath.Glob(filepath.Join(dir, "bodies-*.bin"))
	for _, p := range old {
		if filepath.Base(p) != bodies {
			os.Remove(p) // an index still reading it keeps its open file
		}
	}
	c, err := stubCorpus(dir, h, func(add func(articleRecord) error) error {
		for _, r := range records {
			if err := add(r); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		c.hashes = ix.corpus.hashes
	}
	return c, err
}

// stubCorpus is the corpus of a snapshot: every article's metadata in
// memory, the texts read from the bodies file when asked for.
func stubCorpus(dir string, h snapshotHeader, records func(add func(articleRecord) error) error) (*Corpus, error) {
	path := filepath.Join(dir, h.Bodies)
	if st, err := os.Stat(path); err != nil || st.Size() != h.BodiesSize || filepath.Base(h.Bodies) != h.Bodies {
		return nil, errStale
	}
	store, err := openBodies(path, filepath.Join(dir, snapshotFile))
	if err != nil {
		return nil, errStale
	}
	c := newCorpus(h.Articles)
	c.Warnings, c.bodies = h.Warnings, store
	c.hashes, c.manifest = nil, filepath.Join(dir, manifestFile) // the hashes are read from it when an update needs them
	all := make([]Article, 0, h.Articles)                        // one allocation for the lot
	err = records(func(r articleRecord) error {
		if len(all) == cap(all) || r.Sentences <= 0 || r.Size < 0 || r.At < 0 || r.At+int64(r.Size) > h.BodiesSize {
			return errStale // never past the capacity: the corpus points into all
		}
		all = append(all, Article{ID: r.ID, Title: r.Title, Source: r.Source, URL: r.URL, Published: r.Published, Dateline: r.Dateline,
			body: bodyRef{at: r.At, size: r.Size, sentences: r.Sentences}})
		c.add(&all[len(all)-1])
		return nil
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

func encodeChunks[T any](enc *gob.Encoder, all []T) error {
	for i := 0; i < len(all); i += snapshotChunk {
		if err := enc.Encode(all[i:min(i+snapshotChunk, len(all))]); err != nil {
			return err
		}
	}
	return nil
}

// decodeChunks reads n values written by encodeChunks.
func decodeChunks[T any](dec *gob.Decoder, n int) ([]T, error) {
	out := make([]T, 0, n)
	err := eachChunk(dec, n, func(chunk []T) (int, error) {
		out = append(out, chunk...)
		return len(chunk), nil
	})
	if err != nil {
		return nil, err
	}
	if len(out) != n {
		return nil, errStale
	}
	return out, nil
}

// eachChunk decodes chunk messages of type C until add, which takes each
// and says how many values it held, has had n values; an empty chunk means
// the snapshot is not what its header says.
func eachChunk[C any](dec *gob.Decoder, n int, add func(C) (int, error)) error {
	for got := 0; got < n; {
		var chunk C
		if err := dec.Decode(&chunk); err != nil {
			return err
		}
		k, err := add(chunk)
		if err != nil {
			return err
		}
		if k == 0 {
			return errStale
		}
		got += k
	}
	return nil
}

// errStale means the snapshot does not describe the corpus and index as
// they are now; Open then reads the corpus.
var errStale = errors.New("snapshot does not match the corpus")

// snapshotReader is a snapshot file opened and its header read: an open
// reads the header before it holds the index, for the manifest's digest,
// and decodes the articles meanwhile.
type snapshotReader struct {
	f       *os.File
	dec     *gob.Decoder
	h       snapshotHeader
	path    string
	decoded chan decodedCorpus // the articles, decoded beside Bleve's open; nil when not begun
}

type decodedCorpus struct {
	c   *Corpus
	err error
}

// openSnapshot opens the snapshot in dir and reads its header. When the
// header is of this version and made from the corpus files of digest
// files, it starts decoding the articles on another core, since Bleve's
// own open would otherwise leave it idle.
func openSnapshot(dir string, files [sha256.Size]byte) (*snapshotReader, error) {
	path := filepath.Join(dir, snapshotFile)
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	dec := gob.NewDecoder(bufio.NewReaderSize(f, 64<<10)) // an `ask` pays for every page of memory it touches first
	var h snapshotHeader
	if err := dec.Decode(&h); err != nil {
		f.Close()
		return nil, fmt.Errorf("read snapshot: %w", err)
	}
	s := &snapshotReader{f: f, dec: dec, h: h, path: path}
	if h.Schema == schemaVersion && h.Format == snapshotVersion && h.Files == files {
		s.decoded = make(chan decodedCorpus, 1)
		go func() {
			c, err := stubCorpus(dir, h, func(add func(articleRecord) error) error {
				if err := eachArticleRecord(dec, h.Articles, add); err != nil {
					return fmt.Errorf("read snapshot: %w", err)
				}
				return nil
			})
			s.decoded <- decodedCorpus{c, err}
		}()
	}
	return s, nil
}

// manifestDigest is the manifest the snapshot was made with, or zero when
// there is no snapshot of this schema.
func (s *snapshotReader) manifestDigest() [sha256.Size]byte {
	if s == nil || s.h.Schema != schemaVersion || s.h.Format != snapshotVersion {
		return [sha256.Size]byte{}
	}
	return s.h.Manifest
}

// read returns the derived state when the snapshot was made from the
// corpus files that openSnapshot was given and from the manifest that is
// manifest, and is still the file in dir (an update may have replaced it
// since the header was read); it closes the file on failure.
func (s *snapshotReader) read(manifest []byte) (*Corpus, *derivedReader, error) {
	c, err := s.corpus(manifest)
	if err != nil {
		s.close()
		return nil, nil, err
	}
	return c, &derivedReader{f: s.f, dec: s.dec, c: c, h: s.h, path: s.path}, nil
}

func (s *snapshotReader) corpus(manifest []byte) (*Corpus, error) {
	if s.decoded == nil || manifest == nil || s.h.Manifest != sha256.Sum256(manifest) {
		return nil, errStale
	}
	opened, err := s.f.Stat()
	if err != nil {
		return nil, errStale
	}
	if now, err := os.Stat(s.path); err != nil || !os.SameFile(opened, now) {
		return nil, errStale
	}
	d := <-s.decoded
	s.decoded = nil
	return d.c, d.err
}

// close releases the file once any decoding has stopped; a nil reader is
// fine.
func (s *snapshotReader) close() {
	if s == nil {
		return
	}
	if s.decoded != nil {
		<-s.decoded
		s.decoded = nil
	}
	s.f.Close()
}

// derivedReader reads the people and events that follow the articles in a
// snapshot when they are first needed: a question about anything else
// never decodes them (at 100,000 articles they are most of the snapshot,
// and an `ask` is one question). It keeps the snapshot file open until
// then, so a snapshot that an update renames over meanwhile is still read
// whole, as it was.
type derivedReader struct {
	mu   sync.Mutex
	f    *os.File // nil once read or closed
	dec  *gob.Decoder
	c    *Corpus
	h    snapshotHeader
	path string
}

// read decodes the people and events and closes the file.
func (d *derivedReader) read() derivedResult {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.f == nil {
		return derivedResult{people: noPeople(), err: errors.New("the index was closed before its people were read")}
	}
	defer d.closeLocked()
	return readDerivedPart(d.dec, d.c, d.h, d.path)
}

// close releases the file if the people were never read.
func (d *derivedReader) close() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.closeLocked()
}

func (d *derivedReader) closeLocked() {
	if d.f != nil {
		d.f.Close()
		d.f = nil
	}
}

// noPeople is the directory of nobody.
func noPeople() *People {
	return &People{byKey: map[string][]*Person{}, namer: russian.NewNamer(nil), seen: map[string]bool{}}
}

// derivedResult is the people and events read from a snapshot.
type derivedResult struct {
	people *People
	events []Event
	err    error
}

// readDerivedPart reads the snapshot's people and events; a damaged part
// removes the snapshot (at path), so the next open reads the corpus.
func readDerivedPart(dec *gob.Decoder, c *Corpus, h snapshotHeader, path string) derivedResult {
	records, err := decodeChunks[personRecord](dec, h.People)
	var eventRecords []eventRecord
	if err == nil {
		eventRecords, err = decodeChunks[eventRecord](dec, h.Events)
	}
	var seen []string
	if err == nil {
		err = dec.Decode(&seen)
	}
	var r derivedResult
	ok := false
	if err == nil {
		r.people, r.events, ok = fromRecords(c, seen, records, eventRecords)
	}
	if err == nil && !ok {
		err = errStale
	}
	if err != nil {
		os.Remove(path)
		return derivedResult{people: noPeople(), err: fmt.Errorf("read snapshot people and events: %w", err)}
	}
	return r
}
