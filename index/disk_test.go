package index_test

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/corpusbot/corpusbot/index"
	"github.com/corpusbot/corpusbot/seeds"
)

// writeArticles writes n articles into dir; variant changes every text and
// its length, with a word («дирижабль») that only the variant has.
func writeArticles(t *testing.T, dir string, n int, variant bool) {
	t.Helper()
	for i := range n {
		var b strings.Builder
		fmt.Fprintf(&b, "Статья %d о развитии торговли\n\n", i)
		for k := range 8 {
			fmt.Fprintf(&b, "Министр экономики провёл встречу номер %d в городе Караганда по вопросу %d. ", k, i)
		}
		if variant {
			for k := range 5 {
				fmt.Fprintf(&b, "Над площадью пролетел дирижабль под номером %d. ", k)
			}
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%04d.txt", i)), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// openDir opens an on-disk index of corpus; stop > 0 cancels the build
// after that many articles, as a kill would.
func openDir(t *testing.T, corpus, dir string, stop int) (*index.Index, error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	opts := index.Options{Dir: dir}
	if stop > 0 {
		opts.Progress = func(done, _ int) {
			if done >= stop {
				cancel()
			}
		}
	}
	return index.Open(ctx, os.DirFS(corpus), opts, nil)
}

func passagesAndHits(t *testing.T, ix *index.Index, word string) (int, int) {
	t.Helper()
	res, err := ix.Search(context.Background(), []string{word}, 10)
	if err != nil {
		t.Fatal(err)
	}
	hits := 0
	for _, h := range res.Hits {
		if h.Coverage > 0 {
			hits++
		}
	}
	return ix.Stats().Passages, hits
}

// TestInterruptedUpdateConverges: an update stopped midway (changed files,
// or removed ones) leaves no stale passage once the next run completes.
func TestInterruptedUpdateConverges(t *testing.T) {
	const n = 400
	for _, how := range []string{"restore", "delete"} {
		t.Run(how, func(t *testing.T) {
			corpus, dir, clean := t.TempDir(), t.TempDir(), t.TempDir()
			writeArticles(t, corpus, n, false)
			ix, err := openDir(t, corpus, dir, 0)
			if err != nil {
				t.Fatal(err)
			}
			ix.Close()
			writeArticles(t, corpus, n, true)
			if ix, err := openDir(t, corpus, dir, 300); err == nil {
				ix.Close()
				t.Fatal("the interrupted update did not stop")
			}
			switch how {
			case "restore":
				writeArticles(t, corpus, n, false)
			case "delete":
				for i := n / 2; i < n; i++ {
					os.Remove(filepath.Join(corpus, fmt.Sprintf("a%04d.txt", i)))
				}
			}
			ix, err = openDir(t, corpus, dir, 0)
			if err != nil {
				t.Fatal(err)
			}
			got, stale := passagesAndHits(t, ix, "дирижабль")
			ix.Close()
			ref, err := openDir(t, corpus, clean, 0)
			if err != nil {
				t.Fatal(err)
			}
			want, _ := passagesAndHits(t, ref, "дирижабль")
			ref.Close()
			if how == "restore" && stale > 0 {
				t.Errorf("removed text still found: %d hits", stale)
			}
			if got != want {
				t.Errorf("%d passages after the interrupted update, a clean build has %d", got, want)
			}
		})
	}
}

// TestDamagedSegmentIsRebuilt: a truncated or overwritten segment is found
// by its checksum and the index is rebuilt, never a panic.
func TestDamagedSegmentIsRebuilt(t *testing.T) {
	for _, damage := range []string{"truncate", "overwrite"} {
		t.Run(damage, func(t *testing.T) {
			corpus, dir := t.TempDir(), t.TempDir()
			writeArticles(t, corpus, 50, false)
			ix, err := openDir(t, corpus, dir, 0)
			if err != nil {
				t.Fatal(err)
			}
			want := ix.Stats().Passages
			ix.Close()
			segs, _ := filepath.Glob(filepath.Join(dir, "bleve", "store", "*.zap"))
			if len(segs) == 0 {
				t.Fatal("no segment files")
			}
			sort.Slice(segs, func(i, j int) bool { return size(segs[i]) > size(segs[j]) })
			b, _ := os.ReadFile(segs[0])
			switch damage {
			case "truncate":
				b = b[:len(b)/2]
			case "overwrite":
				for i := len(b) - 200; i < len(b)-60; i++ {
					b[i] ^= 0x5a
				}
			}
			if err := os.WriteFile(segs[0], b, 0o644); err != nil {
				t.Fatal(err)
			}
			ix, err = openDir(t, corpus, dir, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer ix.Close()
			if got := ix.Stats(); got.Passages != want || got.Indexed != 50 {
				t.Errorf("after damage: %d passages, %d indexed; want %d rebuilt from all 50 articles", got.Passages, got.Indexed, want)
			}
		})
	}
}

func size(p string) int64 {
	st, err := os.Stat(p)
	if err != nil {
		return 0
	}
	return st.Size()
}

// TestBusyIndexSaysSo: a second opener of the same folder gets ErrBusy,
// naming the holder, within the wait, and the index is left intact.
func TestBusyIndexSaysSo(t *testing.T) {
	corpus, dir := t.TempDir(), t.TempDir()
	writeArticles(t, corpus, 20, false)
	holder, err := openDir(t, corpus, dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := holder.Stats().Passages
	start := time.Now()
	_, err = index.Open(context.Background(), os.DirFS(corpus), index.Options{Dir: dir, LockWait: 200 * time.Millisecond}, nil)
	if !errors.Is(err, index.ErrBusy) {
		t.Fatalf("second open: err = %v, want ErrBusy", err)
	}
	if !strings.Contains(err.Error(), fmt.Sprintf("pid %d", os.Getpid())) {
		t.Errorf("busy error does not name the holder: %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("waited %s", d)
	}
	holder.Close()
	ix, err := openDir(t, corpus, dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if got := ix.Stats(); got.Passages != want || got.Indexed != 0 {
		t.Errorf("after the busy attempt: %d passages, %d reindexed; want %d, 0", got.Passages, got.Indexed, want)
	}
}

// TestRefreshInPlace: Refresh indexes a new article, re-indexes a changed
// one and forgets a removed one in the open on-disk index, reports what is
// new, equals a clean build afterwards, and returns the same index when
// nothing changed.
func TestRefreshInPlace(t *testing.T) {
	dir, idx := t.TempDir(), t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.txt", "Первая\nМинистр Ерлан Жумабаев открыл завод в Караганде.")
	write("b.txt", "Вторая\nПосол обсудил поставки зерна в Ташкенте.")
	ix, err := index.Open(context.Background(), os.DirFS(dir), index.Options{Dir: idx}, nil)
	if err != nil {
		t.Fatal(err)
	}
	write("c.txt", "Третья\nМинистр Ерлан Жумабаев подписал меморандум о минералах.")
	write("a.txt", "Первая\nМинистр Ерлан Жумабаев открыл рудник в Экибастузе.")
	os.Remove(filepath.Join(dir, "b.txt"))
	next, changed, err := ix.Refresh(context.Background(), os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { next.Close() }()
	if strings.Join(changed, ",") != "a,c" {
		t.Errorf("changed %v, want a and c", changed)
	}
	count := func(x *index.Index, word string) int {
		res, err := x.Search(context.Background(), []string{word}, 10)
		if err != nil {
			t.Fatal(err)
		}
		return len(res.Hits)
	}
	for word, want := range map[string]int{"меморандум": 1, "рудник": 1, "завод": 0, "зерна": 0} {
		if got := count(next, word); got != want {
			t.Errorf("%q: %d hits after refresh, want %d", word, got, want)
		}
	}
	if got := count(ix, "меморандум"); got != 0 {
		t.Errorf("the old index shows an article it does not know: %d hits", got)
	}
	if p, _ := next.People().Find("Жумабаев"); len(p) != 1 || len(p[0].Docs) != 2 {
		t.Errorf("people after refresh: %+v", p)
	}
	same, changed, err := next.Refresh(context.Background(), os.DirFS(dir))
	if err != nil || same != next || len(changed) != 0 {
		t.Errorf("a refresh with nothing new: %v %v %v", same == next, changed, err)
	}
	next.Close()
	clean, err := index.Open(context.Background(), os.DirFS(dir), index.Options{Dir: idx}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st := clean.Stats(); st.Indexed != 0 || st.Passages != 2 {
		t.Errorf("reopened after refresh: %+v; want nothing to redo and 2 passages", st)
	}
	next = clean
}

// TestSnapshotOpensWithoutReading: an unchanged corpus reopens from the
// snapshot and answers exactly as a fresh build does (search, people,
// events); a changed, added or removed file, a damaged snapshot or an
// index killed mid-update make Open read the corpus again, and the result
// again equals a fresh build.
func TestSnapshotOpensWithoutReading(t *testing.T) {
	dir, idx := t.TempDir(), t.TempDir()
	for _, name := range []string{"000_842179c9f0289c83.txt", "001_6c928640fa13d394.txt", "002_0faea5df7df33092.txt", "catalog.tsv"} {
		b, err := fs.ReadFile(seeds.FS(), name)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, name), b, 0o644)
	}
	ctx := context.Background()
	describe := func(ix *index.Index) string {
		var b strings.Builder
		for _, w := range []string{"Блинкен", "санкции", "Токаев", "обороны"} {
			res, err := ix.Search(ctx, []string{w}, 5)
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range res.Hits {
				fmt.Fprintf(&b, "%s %s#%d\n", w, h.Doc, h.Sentence) // ranks: BM25 figures move with deleted passages
			}
		}
		for _, p := range ix.People().All() {
			fmt.Fprintf(&b, "%s|%s|%v|%v|%d\n", p.Name, p.Role(), p.Docs, p.Mentions, len(p.Quotes))
		}
		for _, e := range ix.Events() {
			fmt.Fprintf(&b, "%s %s %v %d %v\n", e.From.ISO(), e.Text, e.Sources, len(e.People), e.LeadOf)
		}
		for _, stub := range ix.Corpus().Articles {
			a := ix.Corpus().Article(stub.ID) // the text, read from the snapshot when it is one
			fmt.Fprintf(&b, "%s %s %s %d %d\n", a.ID, a.Published.ISO(), a.Source, len(a.Sentences), len(a.Quotes))
			for _, s := range a.Sentences {
				fmt.Fprintf(&b, "  %d %d %s\n", s.Para, s.Quote, s.Text)
			}
			for _, q := range a.Quotes {
				fmt.Fprintf(&b, "  «%s» %s %d %d\n", q.Text, q.Speaker, q.Kind, q.Sentence)
			}
		}
		return b.String()
	}
	open := func(want bool) string {
		t.Helper()
		ix, err := index.Open(ctx, os.DirFS(dir), index.Options{Dir: idx}, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer ix.Close()
		if ix.Stats().Snapshot != want {
			t.Fatalf("opened from the snapshot: %v, want %v (%+v)", ix.Stats().Snapshot, want, ix.Stats())
		}
		return describe(ix)
	}
	fresh := func() string {
		ix, err := index.Open(ctx, os.DirFS(dir), index.Options{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer ix.Close()
		return describe(ix)
	}
	built := open(false)
	if got := open(true); got != built || got != fresh() {
		t.Fatalf("the snapshot answers differently:\n%s\nbuilt:\n%s", got, built)
	}
	later := time.Now().Add(time.Minute)
	for _, change := range []func(){
		func() { // same size, new text
			p := filepath.Join(dir, "000_842179c9f0289c83.txt")
			b, _ := os.ReadFile(p)
			os.WriteFile(p, []byte(strings.Replace(string(b), "обороны", "оборона", 1)), 0o644)
			os.Chtimes(p, later, later)
		},
		func() {
			os.WriteFile(filepath.Join(dir, "new.txt"), []byte("Новая\nПосол Дональд Лу посетил Астану."), 0o644)
		},
		func() { os.Remove(filepath.Join(dir, "002_0faea5df7df33092.txt")) },
		func() { os.Truncate(filepath.Join(idx, "derived.gob"), 100) },
		func() { // a body overwritten in place: read back, it fails its checksum and drops the snapshot
			bodies, _ := filepath.Glob(filepath.Join(idx, "bodies-*.bin"))
			f, _ := os.OpenFile(bodies[0], os.O_WRONLY, 0)
			f.WriteAt([]byte("xxxxxxxxxxxxxxxx"), 40)
			f.Close()
			ix, err := index.Open(ctx, os.DirFS(dir), index.Options{Dir: idx}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if a := ix.Corpus().Article(ix.Corpus().Articles[0].ID); a != nil {
				t.Errorf("a damaged text was read back: %q", a.Sentences[0].Text)
			}
			ix.Close()
		},
		func() { os.WriteFile(filepath.Join(idx, "derived.gob"), []byte("not a snapshot"), 0o644) },
	} {
		change()
		rebuilt := open(false)
		if want := fresh(); rebuilt != want {
			t.Fatalf("after a change the index differs from a fresh build:\n%s\nfresh:\n%s", rebuilt, want)
		}
		if got := open(true); got != rebuilt {
			t.Fatalf("the new snapshot differs from the build it saved:\n%s", got)
		}
	}
}

// TestSnapshotOfAnEmbeddedCorpus: a corpus without modification times
// (the seeds embedded in the binary) is told unchanged by its content, so a
// new binary whose seeds differ only in text, not size, is read again.
func TestSnapshotOfAnEmbeddedCorpus(t *testing.T) {
	idx := t.TempDir()
	fsys := fstest.MapFS{"a.txt": {Data: []byte("Заголовок\nМинистр подписал меморандум в Астане.")}}
	open := func() index.Stats {
		ix, err := index.Open(context.Background(), fsys, index.Options{Dir: idx}, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer ix.Close()
		return ix.Stats()
	}
	if open().Snapshot || !open().Snapshot {
		t.Fatal("an unchanged embedded corpus did not open from its snapshot")
	}
	fsys["a.txt"] = &fstest.MapFile{Data: []byte("Заголовок\nМинистр подписал соглашение в Астане.")}
	if st := open(); st.Snapshot || st.Indexed != 1 {
		t.Fatalf("the changed text was not read: %+v", st)
	}
}

// TestSnapshotPeopleOnDemand: an index opened from its snapshot reads its
// people and events when first asked, also after an update has written a
// new snapshot over the file; closed before that, it gives an empty
// directory, and a refresh keeps the index it replaces whole.
func TestSnapshotPeopleOnDemand(t *testing.T) {
	dir, idx := t.TempDir(), t.TempDir()
	for _, name := range []string{"000_842179c9f0289c83.txt", "001_6c928640fa13d394.txt", "catalog.tsv"} {
		b, err := fs.ReadFile(seeds.FS(), name)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx := context.Background()
	open := func() *index.Index {
		t.Helper()
		ix, err := index.Open(ctx, os.DirFS(dir), index.Options{Dir: idx}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return ix
	}
	built := open()
	want := len(built.People().All())
	built.Close()
	if want == 0 {
		t.Fatal("the seeds name nobody")
	}

	closed := open() // closed before anyone asked: nothing to read, no panic
	if !closed.Stats().Snapshot {
		t.Fatal("not opened from the snapshot")
	}
	closed.Close()
	if n := len(closed.People().All()); n != 0 {
		t.Errorf("a closed index read %d people", n)
	}

	preloaded := open()
	preloaded.Preload()
	if n := len(preloaded.People().All()); n != want {
		t.Errorf("preloaded: %d people, want %d", n, want)
	}
	preloaded.Close()

	old := open()
	b, err := fs.ReadFile(seeds.FS(), "002_0faea5df7df33092.txt")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "002_0faea5df7df33092.txt"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	next, changed, err := old.Refresh(ctx, os.DirFS(dir)) // writes a new snapshot over the one old was opened from
	if err != nil || len(changed) != 1 || next == old {
		t.Fatalf("refresh: %v, changed %v", err, changed)
	}
	if n := len(old.People().All()); n != want {
		t.Errorf("the replaced index: %d people, want %d", n, want)
	}
	have := len(next.People().All())
	if have < want {
		t.Errorf("the new index lost people: %d < %d", have, want)
	}
	next.Close()    // the latest closes the Bleve index both share
	again := open() // the new snapshot, read on demand
	defer again.Close()
	if !again.Stats().Snapshot || len(again.People().All()) != have {
		t.Errorf("reopened: snapshot %v, %d people, want %d", again.Stats().Snapshot, len(again.People().All()), have)
	}
}

// TestCloseTwice: closing an index twice, or both the index a Refresh
// replaced and its successor, closes their Bleve index once, without a
// panic.
func TestCloseTwice(t *testing.T) {
	corpus, idx := t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(corpus, "a.txt"), []byte("Первая\nМинистр открыл завод в Караганде."), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, dir := range []string{"", idx} {
		ix, err := index.Open(ctx, os.DirFS(corpus), index.Options{Dir: dir}, nil)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(corpus, "b.txt"), []byte("Вторая\nГорняки нашли рудник."+dir), 0o644)
		next, _, err := ix.Refresh(ctx, os.DirFS(corpus))
		if err != nil || next == ix {
			t.Fatalf("refresh: %v (same index: %v)", err, next == ix)
		}
		if err := next.Close(); err != nil {
			t.Fatal(err)
		}
		if err := next.Close(); err != nil {
			t.Errorf("second close: %v", err)
		}
		if err := ix.Close(); err != nil {
			t.Errorf("closing the replaced index after its successor: %v", err)
		}
	}
}
