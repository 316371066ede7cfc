// Package index reads a corpus of Russian news articles, cleans and splits
// it, extracts people, quotes and dated events, and stores its sentences in
// a Bleve index with a Russian analysis chain and BM25 ranking.
//
// Open is the façade: it reads a folder, builds or updates the index (in
// memory, or on disk when Options.Dir is set) and returns an *Index that
// answers Search, Person and Events queries.
package index

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/corpusbot/corpusbot/index/russian/tagger"
)

// schemaVersion changes whenever analysis or passage layout changes; an
// on-disk index of another version is rebuilt.
const schemaVersion = 8

// Options configures Open.
type Options struct {
	// Dir is where the Bleve index lives on disk; empty means in memory.
	Dir string
	// Progress, when set, is called as articles are indexed.
	Progress func(done, total int)
	// LockWait is how long to wait for another process that holds the
	// on-disk index before giving up with ErrBusy; zero means 3 s.
	LockWait time.Duration
	// TrustFolders lets an open of an on-disk index take the corpus files
	// as unchanged, without a stat per file, when no folder's modification
	// time changed since the last check of every file: files added,
	// removed or renamed (and editors that save by renaming) change their
	// folder's time, a file rewritten in place does not. For a one-off
	// `ask`; an open without it, Refresh and Watch see every change.
	TrustFolders bool
}

// Index is a searchable corpus.
type Index struct {
	corpus *Corpus
	bleve  bleve.Index
	log    *slog.Logger
	opts   Options
	model  *tagger.Model
	people *People
	events []Event
	stats  Stats
	// pending reads the people and events of the snapshot the index was
	// opened from; the first call of People or Events reads them.
	pending *derivedReader
	loaded  sync.Once
	closer  *closer // shared by the indexes a Refresh makes, as their Bleve index is
}

// closer closes a Bleve index once, however many times Close is called.
type closer struct {
	once sync.Once
	err  error
}

// derived reads, once, the people and events the snapshot holds.
func (ix *Index) derived() {
	ix.loaded.Do(func() {
		if ix.pending == nil {
			return
		}
		r := ix.pending.read()
		ix.people, ix.events = r.people, r.events
		if r.err != nil {
			ix.log.Error("people and events unreadable; /who and /timeline are empty until the corpus is read again", "err", r.err)
		}
	})
}

// Stats describes what Open did.
type Stats struct {
	Articles  int           // articles in the corpus
	Passages  int           // sentences indexed
	Indexed   int           // articles (re)indexed by this Open
	Reused    int           // unchanged articles taken from the on-disk index
	Removed   int           // articles deleted from the on-disk index
	Skipped   int           // files skipped or repaired (see Corpus.Warnings)
	Snapshot  bool          // opened from the saved snapshot: no article was read
	BuildTime time.Duration // time spent opening and indexing
}

type manifest struct {
	Schema int               `json:"schema"`
	Hashes map[string]string `json:"hashes"`
}

// Open reads the corpus in fsys and returns its index, building what is
// missing. With opts.Dir set, unchanged articles are not indexed again, and
// when no article file has changed since the last build (same names, sizes
// and modification times) nothing is read at all: articles, people and
// events come from the snapshot saved beside the index.
func Open(ctx context.Context, fsys fs.FS, opts Options, log *slog.Logger) (*Index, error) {
	start := time.Now()
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if opts.Dir == "" {
		c, err := ReadCorpus(ctx, fsys, log)
		if err != nil {
			return nil, fmt.Errorf("read corpus: %w", err)
		}
		m, err := newMapping()
		if err != nil {
			return nil, fmt.Errorf("index mapping: %w", err)
		}
		ix := &Index{corpus: c, log: log, opts: opts, closer: &closer{}}
		if ix.bleve, err = bleve.NewUsing("", m, scorch.Name, scorch.Name, nil); err != nil {
			return nil, fmt.Errorf("open index: %w", err)
		}
		if err := ix.build(ctx, start, manifest{Hashes: map[string]string{}}, listing{}); err != nil {
			return nil, err
		}
		return ix, nil
	}
	return openOnDisk(ctx, fsys, opts, log, start)
}

// openOnDisk is Open with opts.Dir set: the snapshot when the corpus files
// and the manifest are those it was made from, else a build or update.
func openOnDisk(ctx context.Context, fsys fs.FS, opts Options, log *slog.Logger, start time.Time) (*Index, error) {
	// the files are listed before any read: a file changed meanwhile makes
	// the snapshot stale, never wrong
	var files listing
	digest, trusted := [sha256.Size]byte{}, false
	if opts.TrustFolders {
		digest, trusted = unchangedFolders(fsys, opts.Dir)
	}
	var statErr error
	if !trusted {
		files, statErr = statCorpus(fsys)
		digest = filesDigest(files.files)
	}
	snap, err := openSnapshot(opts.Dir, digest)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		log.Debug("snapshot not used", "why", err)
	}
	wait := opts.LockWait
	if wait <= 0 {
		wait = defaultLockWait
	}
	b, old, raw, err := openDisk(opts.Dir, wait, log, snap.manifestDigest())
	if err != nil {
		snap.close()
		return nil, fmt.Errorf("open index: %w", err)
	}
	ix := &Index{bleve: b, log: log, opts: opts, closer: &closer{}}
	if snap != nil && statErr == nil {
		c, pending, err := snap.read(raw)
		if err == nil {
			if !trusted {
				rememberFolders(opts.Dir, files)
			}
			ix.corpus, ix.pending = c, pending
			ix.stats = Stats{Articles: len(c.Articles), Skipped: len(c.Warnings), Reused: len(c.Articles), Snapshot: true}
			ix.report(start, "snapshot")
			return ix, nil
		}
		log.Debug("snapshot not used", "why", err)
	} else {
		snap.close()
	}
	if old.Hashes == nil { // the manifest the snapshot named, not decoded
		if old, err = decodeManifest(raw); err != nil {
			b.Close()
			return nil, fmt.Errorf("open index: %w", err)
		}
	}
	if trusted { // the folders vouched for the snapshot, which did not hold
		files, statErr = statCorpus(fsys)
	}
	c, err := ReadCorpus(ctx, fsys, log)
	if err != nil {
		b.Close()
		return nil, fmt.Errorf("read corpus: %w", err)
	}
	ix.corpus = c
	if statErr != nil {
		files = listing{}
	}
	if err := ix.build(ctx, start, old, files); err != nil {
		return nil, err
	}
	return ix, nil
}

// build syncs the Bleve index with the corpus, extracts people and events
// and, for an on-disk index whose files were listed, saves the snapshot.
// On failure the Bleve index is closed.
func (ix *Index) build(ctx context.Context, start time.Time, old manifest, files listing) error {
	if err := ix.update(ctx, start, old, files, "built"); err != nil {
		ix.bleve.Close()
		return err
	}
	return nil
}

// update brings ix's Bleve index to its corpus, finds people and events,
// saves the snapshot when the corpus files were listed, and reports.
func (ix *Index) update(ctx context.Context, start time.Time, old manifest, files listing, how string) error {
	ix.stats.Articles = len(ix.corpus.Articles)
	ix.stats.Skipped = len(ix.corpus.Warnings)
	if err := ix.syncAndExtract(ctx, old); err != nil {
		return err
	}
	ix.saveSnapshot(files)
	ix.report(start, how)
	return nil
}

// syncAndExtract indexes the passages and, at the same time (Bleve's
// batches leave a core idle much of the time), finds people and events.
//
// While the extraction runs, one Bleve batch is in flight; once it is
// done, two, so that its core is not left idle.
func (ix *Index) syncAndExtract(ctx context.Context, old manifest) error {
	var wg sync.WaitGroup
	var err error
	docs := int64(docsInFlight)
	if ix.opts.Dir == "" {
		docs = memDocsInFlight
	}
	out := newBatches(ix.bleve, 1, docs)
	wg.Go(func() {
		if err = ix.sync(ctx, old, ix.opts, out); err == nil && len(old.Hashes) == 0 {
			err = ix.compact(ctx)
		}
	})
	ix.loadModel()
	ix.extract()
	out.widen()
	wg.Wait()
	return err
}

// compact merges a newly built on-disk index into as few segments as
// Bleve's single-segment plan gives (two at 10,000 articles). Each
// question looks every clause up in every segment: the 13 segments a
// build of 10,000 articles left (in batches of 2,000) cost an ask's open
// and first question a fifth more. The merge (about a second there) is
// done once, after a build from nothing; an update, which must cost in
// proportion to what changed, leaves merging to Bleve's own policy.
func (ix *Index) compact(ctx context.Context) error {
	if ix.opts.Dir == "" {
		return nil
	}
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return fmt.Errorf("compact: %w", err)
	}
	if sc, ok := adv.(*scorch.Scorch); ok {
		if err := sc.ForceMerge(ctx, nil); err != nil {
			return fmt.Errorf("compact: %w", err)
		}
	}
	return nil
}

// loadModel loads the name tagger once per index lineage.
func (ix *Index) loadModel() {
	if ix.model != nil {
		return
	}
	var err error
	if ix.model, err = tagger.Default(); err != nil {
		ix.log.Warn("name tagger unavailable, names are found by rules alone", "err", err)
	}
}

// saveSnapshot writes the snapshot of an on-disk index and from then on
// reads the articles' texts from it, so the index holds in memory only
// their metadata; a failure only costs the next open its speed.
func (ix *Index) saveSnapshot(files listing) {
	if ix.opts.Dir == "" || files.at.IsZero() {
		return
	}
	c, err := ix.writeSnapshot(ix.opts.Dir, files.files)
	if err != nil {
		ix.log.Warn("snapshot not saved; the next open reads the corpus", "err", err)
		return
	}
	ix.corpus = c
	rememberFolders(ix.opts.Dir, files)
}

// extract finds the corpus's people and events.
func (ix *Index) extract() {
	ix.people = buildPeople(ix.corpus, ix.model)
	ix.events = buildEvents(ix.corpus, ix.people)
}

// report logs what an open or refresh did.
func (ix *Index) report(start time.Time, how string) {
	n, _ := ix.bleve.DocCount()
	ix.stats.Passages = int(n)
	ix.stats.BuildTime = time.Since(start)
	ix.log.Info("index ready", "from", how, "articles", ix.stats.Articles, "passages", ix.stats.Passages,
		"indexed", ix.stats.Indexed, "reused", ix.stats.Reused, "removed", ix.stats.Removed,
		"skipped_files", ix.stats.Skipped, "took", ix.stats.BuildTime.Round(time.Millisecond))
}

// Refresh reads the corpus in fsys again and brings the index up to date
// in place, as Open does for an on-disk index: new and changed articles
// are indexed, removed ones deleted, under the same write-ahead journal.
// It returns the index of the new corpus and the ids of the articles that
// are new or changed. The result shares the receiver's Bleve index: the
// receiver stays readable for answers in flight (hits of articles it does
// not know are skipped), and only the latest one is to be closed. When
// nothing changed, the receiver itself is returned.
func (ix *Index) Refresh(ctx context.Context, fsys fs.FS) (*Index, []string, error) {
	start := time.Now()
	files, statErr := statCorpus(fsys)
	c, err := ReadCorpus(ctx, fsys, ix.log)
	if err != nil {
		return ix, nil, fmt.Errorf("read corpus: %w", err)
	}
	had, err := ix.corpus.contentHashes()
	if err != nil {
		return ix, nil, err
	}
	var changed []string
	for _, a := range c.Articles {
		if had[a.ID] != c.hashes[a.ID] {
			changed = append(changed, a.ID)
		}
	}
	// with nothing new or changed, fewer articles means some were removed
	if len(changed) == 0 && len(c.hashes) == len(had) {
		return ix, nil, nil
	}
	ix.derived() // the index replaced stays whole for answers in flight, and releases its snapshot
	if statErr != nil {
		files = listing{}
	}
	next := &Index{corpus: c, bleve: ix.bleve, log: ix.log, opts: ix.opts, model: ix.model, closer: ix.closer}
	if err := next.update(ctx, start, manifest{Hashes: had}, files, "refresh"); err != nil {
		return ix, nil, err
	}
	return next, changed, nil
}

// sync indexes new and changed articles and deletes removed ones.
func (ix *Index) sync(ctx context.Context, old manifest, opts Options, out *batches) error {
	total := len(ix.corpus.Articles)
	text, prefix := ix.analyzer(textAnalyzer), ix.analyzer(prefixAnalyzer)
	if text == nil || prefix == nil {
		return fmt.Errorf("analyzers missing from mapping")
	}
	batch := ix.bleve.NewBatch()
	defer out.wait() // on an early return too: no batch outlives the sync
	flush := func() error {
		if batch.Size() == 0 {
			return nil
		}
		full := batch
		batch = ix.bleve.NewBatch()
		return out.send(full)
	}
	// before any batch: mark what will change, so a run killed midway is
	// redone (and its stale passages deleted) by the next one; an open that
	// changes nothing writes nothing
	intent, dirty := ix.intent(old)
	if opts.Dir != "" && dirty {
		if err := writeManifest(opts.Dir, intent); err != nil {
			return err
		}
	}
	for i, a := range ix.corpus.Articles {
		if err := ctx.Err(); err != nil {
			return err
		}
		h := ix.corpus.hashes[a.ID]
		if prev, ok := old.Hashes[a.ID]; ok && prev == h {
			ix.stats.Reused++
		} else {
			if ok { // changed: drop its old passages first
				ix.deletePassages(batch, a.ID, old.Hashes[a.ID])
			}
			p := newPassageAnalysis(a, text, prefix)
			for si := range a.Sentences {
				if err := batch.IndexAdvanced(p.document(si)); err != nil {
					return fmt.Errorf("index %s: %w", a.ID, err)
				}
			}
			ix.stats.Indexed++
		}
		if out.full(batch) {
			if err := flush(); err != nil {
				return err
			}
		}
		if opts.Progress != nil && ((i+1)%100 == 0 || i+1 == total) {
			opts.Progress(i+1, total)
		}
	}
	for id, h := range old.Hashes {
		if ix.corpus.byID[id] == nil {
			ix.deletePassages(batch, id, h)
			ix.stats.Removed++
		}
	}
	if err := flush(); err != nil {
		return err
	}
	if err := out.wait(); err != nil {
		return err
	}
	if opts.Dir == "" || !dirty {
		return nil
	}
	// every batch is persisted when Batch returns (scorch's safe batches on
	// disk) and every one has returned, so the manifest may now say the
	// index holds exactly the corpus
	return writeManifest(opts.Dir, manifest{Schema: schemaVersion, Hashes: ix.corpus.hashes})
}

// intent is the manifest to write before a sync: unchanged articles keep
// their hash; new, changed and removed ones get a dirty mark that matches no
// hash and counts the most passages either version may have left.
func (ix *Index) intent(old manifest) (manifest, bool) {
	m := manifest{Schema: schemaVersion, Hashes: map[string]string{}}
	dirty := false
	for id, h := range ix.corpus.hashes {
		prev, ok := old.Hashes[id]
		if ok && prev == h {
			m.Hashes[id] = h
			continue
		}
		m.Hashes[id] = dirtyHash(max(passageCount(prev), passageCount(h)))
		dirty = true
	}
	for id, h := range old.Hashes {
		if _, ok := ix.corpus.hashes[id]; !ok {
			m.Hashes[id] = dirtyHash(passageCount(h))
			dirty = true
		}
	}
	return m, dirty
}

func dirtyHash(n int) string { return "dirty:" + strconv.Itoa(n) }

// passageCount reads the sentence count after a hash's colon.
func passageCount(h string) int {
	n := 0
	if i := strings.LastIndexByte(h, ':'); i >= 0 {
		n, _ = strconv.Atoi(h[i+1:])
	}
	return n
}

// deletePassages removes every passage of an article that was indexed with
// hash h (the hash records the sentence count).
func (ix *Index) deletePassages(b *bleve.Batch, id, h string) {
	for si := range passageCount(h) {
		b.Delete(passageID(id, si))
	}
}

// hashOf fingerprints an article's text and catalog data, with its sentence
// count after a colon so that stale passages can be deleted by id.
func hashOf(raw string, a *Article) string {
	h := sha256.New()
	h.Write([]byte(raw))
	fmt.Fprintf(h, "\x00%s\x00%s", a.Published.ISO(), a.Source)
	return hex.EncodeToString(h.Sum(nil)[:12]) + ":" + strconv.Itoa(len(a.Sentences))
}

func passageID(doc string, sentence int) string { return doc + "#" + strconv.Itoa(sentence) }

func parsePassageID(id string) (string, int, bool) {
	i := strings.LastIndexByte(id, '#')
	if i < 0 {
		return "", 0, false
	}
	n, err := strconv.Atoi(id[i+1:])
	return id[:i], n, err == nil
}

// Corpus returns the articles behind the index.
func (ix *Index) Corpus() *Corpus { return ix.corpus }

// Stats reports what Open did.
func (ix *Index) Stats() Stats { return ix.stats }

// Close releases the Bleve index and the snapshot file. The indexes a
// Refresh makes share one Bleve index: the first Close of any of them
// closes it, and later calls return what that one did.
func (ix *Index) Close() error {
	if ix.pending != nil {
		ix.pending.close()
	}
	ix.closer.once.Do(func() {
		ix.closer.err = ix.bleve.Close()
		if ix.closer.err == nil && ix.opts.Dir != "" {
			// the segments this process wrote are checked now rather than by
			// the next open, which an `ask` right after a build would wait for;
			// a failure only leaves them to that open
			_ = verifySegments(filepath.Join(ix.opts.Dir, "bleve"))
		}
	})
	return ix.closer.err
}

// Preload reads the people and events of an index opened from its snapshot
// in the background, so that a long-running process answers its first /who
// without waiting; Open leaves them until they are first needed, which an
// `ask` about anything else never does.
func (ix *Index) Preload() { go ix.derived() }
