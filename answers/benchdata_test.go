package answers

import (
	"bufio"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// BenchDir returns ../shared/bench/name, the public benchmark data kept
// beside the checkout (CI has it; nothing of it is copied into the
// project), or skips the test when it is not there.
func BenchDir(t testing.TB, name string) string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "bench", name)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("public benchmark data %s not present: %v", dir, err)
	}
	return dir
}

// QARow is one question of a QA set: the gold articles (none for an
// off-corpus question) and answer strings.
type QARow struct {
	ID     string   `json:"id"`
	Q      string   `json:"q"`
	Docs   []string `json:"docs"`
	Expect []string `json:"expect"`
}

// Holds is qa_eval.py's rule for a hit: doc is the gold article, and an
// answer string is within the excerpt's first 600 characters (case, ё/е,
// stress marks, quote and dash kinds ignored).
func (r QARow) Holds(doc, excerpt string) bool {
	if !slices.Contains(r.Docs, doc) {
		return false
	}
	ex := []rune(qaNorm(excerpt))
	if len(ex) > 600 {
		ex = ex[:600]
	}
	for _, e := range r.Expect {
		if strings.Contains(string(ex), qaNorm(e)) {
			return true
		}
	}
	return false
}

var qaFold = strings.NewReplacer("ё", "е", "«", `"`, "»", `"`, "“", `"`, "”", `"`, "„", `"`, "–", "-", "—", "-", "\u0301", "", "\u00a0", " ")

func qaNorm(s string) string {
	return strings.Join(strings.Fields(qaFold.Replace(strings.ToLower(s))), " ")
}

// ReadQARows reads a questions.jsonl file.
func ReadQARows(t testing.TB, path string) []QARow {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []QARow
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var r QARow
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		rows = append(rows, r)
	}
	return rows
}

// CorpusOf reads the .txt files of dirs whose names keep accepts (nil keeps
// all) into one in-memory folder, the first copy of a name winning.
func CorpusOf(t testing.TB, keep func(name string) bool, dirs ...string) fs.FS {
	t.Helper()
	out := fstest.MapFS{}
	for _, d := range dirs {
		ents, err := os.ReadDir(d)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range ents {
			n := e.Name()
			if !strings.HasSuffix(n, ".txt") || out[n] != nil || keep != nil && !keep(n) {
				continue
			}
			b, err := os.ReadFile(filepath.Join(d, n))
			if err != nil {
				t.Fatal(err)
			}
			out[n] = &fstest.MapFile{Data: b}
		}
	}
	return out
}
