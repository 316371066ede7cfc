package index_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/corpusbot/corpusbot/index"
)

// TestTrustFolders: an open that trusts the folders' times takes the
// snapshot without a stat per file while no folder changed, and sees every
// file added, removed or renamed, in the root or in a sub-folder; a file
// rewritten in place is seen by an open that checks every file (and by
// Refresh), as the README says. A record that is damaged, or folders
// changed too recently to trust, only cost a full check.
func TestTrustFolders(t *testing.T) {
	corpus, idx := t.TempDir(), t.TempDir()
	sub := filepath.Join(corpus, "2024")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(p, text string) {
		t.Helper()
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	past := time.Now().Add(-time.Hour)
	settle := func() { // the folders' last change lies well before the next check
		t.Helper()
		err := filepath.WalkDir(corpus, func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				err = os.Chtimes(p, past, past)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(corpus, "a.txt"), "Первая\nМинистр открыл завод в Караганде.")
	write(filepath.Join(sub, "b.txt"), "Вторая\nПосол обсудил поставки зерна в Ташкенте.")
	settle()
	ctx := context.Background()
	open := func(trust bool) (index.Stats, int) {
		t.Helper()
		ix, err := index.Open(ctx, os.DirFS(corpus), index.Options{Dir: idx, TrustFolders: trust}, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer ix.Close()
		res, err := ix.Search(ctx, []string{"рудник"}, 5)
		if err != nil {
			t.Fatal(err)
		}
		return ix.Stats(), len(res.Hits)
	}
	steps := []struct {
		name     string
		change   func()
		trust    bool
		snapshot bool // opened from the snapshot, nothing read
		articles int
		hits     int // passages with «рудник»
	}{
		{"first build", func() {}, true, false, 2, 0},
		{"unchanged", func() {}, true, true, 2, 0},
		{"rewritten in place, trusted", func() {
			write(filepath.Join(corpus, "a.txt"), "Первая\nМинистр открыл рудник в Караганде.")
		}, true, true, 2, 0},
		{"rewritten in place, checked", func() {}, false, false, 2, 1},
		{"added to a sub-folder", func() {
			settle()
			write(filepath.Join(sub, "c.txt"), "Третья\nГорняки нашли новый рудник.")
		}, true, false, 3, 2},
		{"removed from the root", func() {
			settle()
			os.Remove(filepath.Join(corpus, "a.txt"))
		}, true, false, 2, 1},
		{"renamed in a sub-folder", func() {
			settle()
			os.Rename(filepath.Join(sub, "c.txt"), filepath.Join(sub, "d.txt"))
		}, true, false, 2, 1},
		{"damaged record", func() {
			settle()
			write(filepath.Join(idx, "folders.json"), `{"files":"zz","dirs":[{"Path":"."}]}`)
		}, true, true, 2, 1},
		{"new sub-folder", func() {
			settle()
			os.Mkdir(filepath.Join(corpus, "2025"), 0o755)
			write(filepath.Join(corpus, "2025", "e.txt"), "Пятая\nРудник закрыли на ремонт.")
		}, true, false, 3, 2},
		{"changed too recently to trust, then unchanged", func() {}, true, true, 3, 2},
	}
	for _, s := range steps {
		s.change()
		st, hits := open(s.trust)
		if st.Snapshot != s.snapshot || st.Articles != s.articles || hits != s.hits {
			t.Errorf("%s: snapshot %v, %d articles, %d hits; want %v, %d, %d", s.name, st.Snapshot, st.Articles, hits,
				s.snapshot, s.articles, s.hits)
		}
	}
	if _, err := os.Stat(filepath.Join(idx, "folders.json")); err == nil {
		t.Error("folders changed a moment ago are remembered as trusted")
	}
	settle()
	open(false)
	b, err := os.ReadFile(filepath.Join(idx, "folders.json"))
	if err != nil || !strings.Contains(string(b), `"2025"`) {
		t.Errorf("settled folders are not remembered after a full check: %s %v", b, err)
	}
}

// TestRefreshAfterTrustedOpen: an index opened from its snapshot reads the
// content hashes an update compares with from the manifest, and the update
// then finds exactly the new and changed articles.
func TestRefreshAfterTrustedOpen(t *testing.T) {
	corpus, idx := t.TempDir(), t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(corpus, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.txt", "Первая\nМинистр открыл завод в Караганде.")
	write("b.txt", "Вторая\nПосол обсудил поставки зерна в Ташкенте.")
	ctx := context.Background()
	ix, err := index.Open(ctx, os.DirFS(corpus), index.Options{Dir: idx}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	ix, err = index.Open(ctx, os.DirFS(corpus), index.Options{Dir: idx, TrustFolders: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !ix.Stats().Snapshot {
		t.Fatalf("not opened from the snapshot: %+v", ix.Stats())
	}
	write("a.txt", "Первая\nМинистр открыл рудник в Экибастузе.")
	write("c.txt", "Третья\nГорняки нашли новый рудник.")
	next, changed, err := ix.Refresh(ctx, os.DirFS(corpus))
	if err != nil {
		t.Fatal(err)
	}
	defer next.Close()
	if strings.Join(changed, ",") != "a,c" {
		t.Errorf("changed %v, want a and c", changed)
	}
	if st := next.Stats(); st.Indexed != 2 || st.Reused != 1 || st.Articles != 3 {
		t.Errorf("refresh: %+v; want 2 indexed, 1 reused", st)
	}
}
