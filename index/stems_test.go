package index_test

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/corpusbot/corpusbot/index"
)

// TestNominativeMeetsObliqueStem: Snowball reads a nominative in -ит, -ил,
// -ен as a verb and cuts it shorter than the noun's other forms
// («родофит» → «родоф», «родофитов» → «родофит»). A question word in the
// nominative still matches the text's other case forms by their stem, not
// only by the weaker five-letter prefix; a verb keeps its own stem.
func TestNominativeMeetsObliqueStem(t *testing.T) {
	ix, err := index.Open(context.Background(), fstest.MapFS{
		"a.txt": {Data: []byte("Водоросли\nХлоропласты родофитов и глаукофитов произошли от цианобактерий.")},
		"b.txt": {Data: []byte("Кредиты\nБанк выдал кредита на сумму в миллион и продлил срок депозита.")},
		"c.txt": {Data: []byte("Визит\nПрезидент посетит Москву в ноябре.")},
	}, index.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for _, tc := range []struct {
		word, doc string
	}{
		{"родофит", "a"},
		{"глаукофит", "a"},
		{"депозит", "b"},
		{"посетит", "c"},
	} {
		res, err := ix.Search(context.Background(), []string{tc.word}, 3)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 || res.Hits[0].Doc != tc.doc || res.Hits[0].Coverage != 1 {
			t.Errorf("%s: hits %+v, want %s first, matched by its stem (coverage 1)", tc.word, res.Hits, tc.doc)
		}
	}
}
