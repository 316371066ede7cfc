package index

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// TestPeopleList writes every person of ../shared/bench/nerel/train (746
// news texts nobody here wrote) with their roles, one a line, sorted, to
// the file CORPUSBOT_PEOPLE_OUT names. Run it on two commits and diff the
// files to see what a change to /who does to a real corpus beyond the
// scored rows:
//
//	CORPUSBOT_PEOPLE_OUT=/tmp/after.txt go test ./index -run TestPeopleList
func TestPeopleList(t *testing.T) {
	out := os.Getenv("CORPUSBOT_PEOPLE_OUT")
	if out == "" {
		t.Skip("set CORPUSBOT_PEOPLE_OUT=FILE to write the people of nerel/train")
	}
	dir := filepath.Join("..", "..", "shared", "bench", "nerel", "train")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("public benchmark data %s not present: %v", dir, err)
	}
	ix, err := Open(context.Background(), os.DirFS(dir), Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var lines []string
	for _, p := range ix.People().All() {
		lines = append(lines, p.Name+" | "+p.Role())
	}
	sort.Strings(lines)
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, l := range lines {
		if _, err := fmt.Fprintln(f, l); err != nil {
			t.Fatal(err)
		}
	}
	if len(lines) < 1000 {
		t.Errorf("only %d people in 746 news texts", len(lines))
	}
}
