package answers_test

import (
	"context"
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/corpusbot/corpusbot/answers"
	"github.com/corpusbot/corpusbot/index"
)

// serviceOf answers from articles a.txt, b.txt… with the given texts.
func serviceOf(t *testing.T, texts ...string) *answers.Service {
	t.Helper()
	files := fstest.MapFS{}
	for i, text := range texts {
		files[string(rune('a'+i))+".txt"] = &fstest.MapFile{Data: []byte(text)}
	}
	return serviceOfFS(t, files)
}

// serviceOfFS answers from the corpus folder fsys, indexed in memory and
// closed when the test ends.
func serviceOfFS(t *testing.T, fsys fs.FS) *answers.Service {
	t.Helper()
	ix, err := index.Open(context.Background(), fsys, index.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return answers.New(ix, nil)
}
