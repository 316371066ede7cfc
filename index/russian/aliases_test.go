package russian

import (
	"strings"
	"testing"
)

func TestAlias(t *testing.T) {
	tests := []struct {
		text  string // folded words; the alias is asked at the first word marked *
		canon string
		n     int
	}{
		{"*сша", "сша", 1},
		{"в *америке", "сша", 1},
		{"*америку", "сша", 1},
		{"с *америкой", "сша", 1},
		{"*соединенные штаты", "сша", 2},
		{"с *соединенными штатами", "сша", 2},
		{"*соединенных штатов америки", "сша", 2},
		{"*соединенному штату", "сша", 2},
		{"латинской *америки", "", 0}, // a region, not the country
		{"южная *америка", "", 0},
		{"северной *америке", "", 0},
		{"центральной *америки", "", 0},
		{"латинская *сша", "сша", 1}, // the acronym is always the country
		{"*соединенные линии", "", 0},
		{"*россия", "рф", 1},
		{"в *россии", "рф", 1},
		{"с *россией", "рф", 1},
		{"*рф", "рф", 1},
		{"*российской федерации", "рф", 2},
		{"*российские компании", "", 0}, // the adjective alone is no alias
		{"*казахстан", "рк", 1},
		{"с *казахстаном", "рк", 1},
		{"в *казахстане", "рк", 1},
		{"республика *рк", "рк", 1},
		{"*казахстанский", "", 0},
		{"*ес", "ес", 1},
		{"*евросоюза", "ес", 1},
		{"*европейского союза", "ес", 1 + 1},
		{"*европейский суд", "", 0},
		{"*мид", "мид", 1},
		{"*мида", "мид", 1},
		{"*министерство иностранных дел", "мид", 3},
		{"*министерства иностранных дел казахстана", "мид", 3},
		{"*министерство обороны", "", 0},
		{"*американских", "", 0}, // the adjective is another word
		{"*москва", "", 0},
	}
	for _, tc := range tests {
		words := strings.Fields(tc.text)
		at := -1
		for i, w := range words {
			if strings.HasPrefix(w, "*") {
				w, at = w[1:], i
			}
			words[i] = Stem(w)
		}
		canon, n := Alias(words, at)
		if canon != tc.canon || n != tc.n {
			t.Errorf("Alias(%q) = %q, %d; want %q, %d", tc.text, canon, n, tc.canon, tc.n)
		}
		if n > 0 && !IsAlias(canon) {
			t.Errorf("IsAlias(%q) = false", canon)
		}
		if n > 0 && !MayBeAlias([]byte(words[at])) {
			t.Errorf("MayBeAlias(%q) = false for an alias", words[at])
		}
	}
	for _, w := range []string{"москва", "блинкен", "союз", "штаты", "дел", "американских"} {
		if MayBeAlias([]byte(Stem(w))) {
			t.Errorf("MayBeAlias(%q) = true", w)
		}
	}
	if c, n := Alias([]string{"сша"}, 1); c != "" || n != 0 {
		t.Errorf("Alias past the end = %q, %d", c, n)
	}
}
