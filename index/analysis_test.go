package index

import (
	"strings"
	"testing"
)

// TestTextChainAliases: the text chain writes every name of a country as
// its acronym, a phrase as one token spanning its words, and reads the
// word before «Америка»; positions after a phrase are kept.
func TestTextChainAliases(t *testing.T) {
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	text := "Соединённые Штаты и страны Латинской Америки, а также Америка, РФ и министерство иностранных дел Казахстана"
	toks := m.AnalyzerNamed(textAnalyzer).Analyze([]byte(text))
	var terms []string
	for _, tok := range toks {
		terms = append(terms, string(tok.Term))
	}
	want := "сша стран латинск америк такж сша рф мид рк"
	if got := strings.Join(terms, " "); got != want {
		t.Errorf("terms %q, want %q", got, want)
	}
	if first := toks[0]; text[first.Start:first.End] != "Соединённые Штаты" || first.Position != 1 {
		t.Errorf("the phrase's token spans %q at %d", text[first.Start:first.End], first.Position)
	}
	if second := toks[1]; second.Position != 4 {
		t.Errorf("«страны» at position %d, want 4 (the phrase's words and «и» keep theirs)", second.Position)
	}
}
