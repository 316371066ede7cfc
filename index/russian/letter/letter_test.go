package letter

import (
	"strings"
	"testing"
	"unicode"
)

// Every rune answers as unicode does.
func TestRunesAsUnicode(t *testing.T) {
	for r := rune(-1); r <= unicode.MaxRune+1; r++ {
		if got, want := ToLower(r), unicode.ToLower(r); got != want {
			t.Fatalf("ToLower(%U) = %U, want %U", r, got, want)
		}
		if got, want := IsUpper(r), unicode.IsUpper(r); got != want {
			t.Fatalf("IsUpper(%U) = %v", r, got)
		}
		if got, want := IsLower(r), unicode.IsLower(r); got != want {
			t.Fatalf("IsLower(%U) = %v", r, got)
		}
		if got, want := IsLetter(r), unicode.IsLetter(r); got != want {
			t.Fatalf("IsLetter(%U) = %v", r, got)
		}
	}
}

func TestLowerAsStrings(t *testing.T) {
	for _, s := range []string{
		"", "блинкен", "Блинкен", "США", "ЁЛКА и Ёж", "Касым-Жомарт Токаев", "C5+1 и С5+1",
		"ЃЉЊ Ѐ Џ", "Straße İstanbul ΣΑΣ", "12.03.2024 г.", "bad \xff byte", "\xffБ", "Б\xff", "ok\xc3",
	} {
		if got, want := Lower(s), strings.ToLower(s); got != want {
			t.Errorf("Lower(%q) = %q, want %q", s, got, want)
		}
	}
}

// A word already in lower case is returned as it is, with no copy.
func TestLowerKeepsLowerCase(t *testing.T) {
	for _, s := range []string{"министр иностранных дел", "ёлка", "c5+1", "2024"} {
		if n := testing.AllocsPerRun(10, func() { _ = Lower(s) }); n != 0 {
			t.Errorf("Lower(%q) allocates %v times", s, n)
		}
	}
}

func FuzzLower(f *testing.F) {
	f.Add("Госсекретарь США Энтони Блинкен")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Lower(s), strings.ToLower(s); got != want {
			t.Fatalf("Lower(%q) = %q, want %q", s, got, want)
		}
	})
}
