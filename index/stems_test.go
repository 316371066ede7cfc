package index_test

import (
	"context"
	"testing"
)

// TestNominativeMeetsObliqueStem: Snowball reads a nominative in -ит, -ил,
// -ен as a verb and cuts it shorter than the noun's other forms
// («родофит» → «родоф», «родофитов» → «родофит»). A question word in the
// nominative still matches the text's other case forms by their stem, not
// only by the weaker five-letter prefix; a verb keeps its own stem.
func TestNominativeMeetsObliqueStem(t *testing.T) {
	ix := openTexts(t, map[string]string{
		"a.txt": "Водоросли\nХлоропласты родофитов и глаукофитов произошли от цианобактерий.",
		"b.txt": "Кредиты\nБанк выдал кредита на сумму в миллион и продлил срок депозита.",
		"c.txt": "Визит\nПрезидент посетит Москву в ноябре.",
	})
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
