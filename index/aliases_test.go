package index_test

import (
	"context"
	"testing"
)

// TestAliasesMeet: every name of a country meets every other in the text
// (США, Америка, Соединённые Штаты), one term of the query, while «Латинская
// Америка» stays a region.
func TestAliasesMeet(t *testing.T) {
	ix := openTexts(t, map[string]string{
		"a.txt": "Визит\nСоединенные Штаты открыли консульство в Алматы.",
		"b.txt": "Форум\nДелегация Латинской Америки прибыла на форум в Астане.",
		"c.txt": "Торговля\nРоссийская Федерация закрыла представительство в Казахстане.",
		"d.txt": "Заявление\nМинистерство иностранных дел выступило с заявлением о визе.",
	})
	for _, tc := range []struct {
		words   []string
		doc     string // the article found first; "" for none
		nTerms  int
		matched string // a word of the found sentence the question's matcher must mark
	}{
		{[]string{"США", "консульство"}, "a", 2, ""}, // the words of a phrase are not marked one by one
		{[]string{"Америка", "консульство"}, "a", 2, "консульство"},
		{[]string{"Соединенные", "Штаты"}, "a", 1, "США"},
		{[]string{"Соединённым", "Штатам", "консульство"}, "a", 2, ""},
		{[]string{"РФ", "представительство"}, "c", 2, ""},
		{[]string{"России", "представительство", "РК"}, "c", 3, "Казахстане"},
		{[]string{"МИД", "заявлением"}, "d", 2, ""},
		{[]string{"Латинской", "Америки", "делегация"}, "b", 3, "Америки"},
		{[]string{"США", "делегация", "форум"}, "b", 3, ""},
	} {
		res, err := ix.Search(context.Background(), tc.words, 5)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Terms) != tc.nTerms {
			t.Errorf("%v: %d terms %v, want %d", tc.words, len(res.Terms), res.Terms, tc.nTerms)
		}
		if len(res.Hits) == 0 || res.Hits[0].Doc != tc.doc {
			t.Errorf("%v: hits %v, want %s first", tc.words, res.Hits, tc.doc)
			continue
		}
		if tc.doc == "b" && tc.words[0] == "США" && res.Hits[0].Coverage > 0.7 {
			t.Errorf("%v: «Латинской Америки» counted as США (coverage %.2f)", tc.words, res.Hits[0].Coverage)
		}
		if tc.matched != "" && !ix.Matcher(tc.words)(tc.matched) {
			t.Errorf("%v: matcher does not mark %q", tc.words, tc.matched)
		}
	}
}
