package russian

import (
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/corpusbot/corpusbot/index/russian/tagger"
)

// fuzzSeeds are news-shaped inputs every scanner starts from; the corpus
// the fuzzer found interesting is kept in testdata/fuzz.
var fuzzSeeds = []string{
	"«Мы готовы к диалогу», – сказал Э. Блинкен журналистам 28 февраля 2023 года.",
	"Госсекретарь США подчеркнул, что «санкции не направлены против Казахстана».",
	"По словам министра, «работа продолжится», – говорится в документе.",
	"АСТАНА, 14 марта 2024. /Интерфакс-Казахстан/ – Стороны договорились провести заседание 20 мая.",
	"С 5 по 7 марта, 11-12 ноября 2025 г., 03.10.2021, в 23:19, весной 2022 года, накануне и вчера.",
	"Дж. Байден (род. 1942, ум. 2099) и т. н. «Пражская весна» — 6,2 млн. долларов.",
	"«Незакрытая цитата и ещё одна «вложенная» без конца",
	"Блинкеном?Можете ли вы сказать… — Нет!",
	"\u00ab\u00bb\u201e\u201c\u2014\u00a0\u0301\u200b",
}

// FuzzSentences: sentence spans lie inside the paragraph, in order, never
// overlap, never empty, and cut only at rune boundaries.
func FuzzSentences(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, para string) {
		para = strings.ToValidUTF8(para, "")
		prev := 0
		for _, sp := range Sentences(para) {
			if sp.Start < prev || sp.End <= sp.Start || sp.End > len(para) {
				t.Fatalf("span %v after %d in %d bytes", sp, prev, len(para))
			}
			if !utf8.ValidString(para[sp.Start:sp.End]) {
				t.Fatalf("span %v cuts a rune", sp)
			}
			prev = sp.End
		}
		for _, sp := range Paragraphs(para) {
			if sp.End <= sp.Start || sp.End > len(para) || strings.Contains(para[sp.Start:sp.End], "\n") {
				t.Fatalf("paragraph %v", sp)
			}
		}
	})
}

// FuzzQuotes: a quotation's inner span is inside the paragraph, its text is
// that span trimmed, and its attribution offset is in range.
func FuzzQuotes(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, para string) {
		para = strings.ToValidUTF8(para, "")
		for _, q := range Quotes(para) {
			if q.Inner.Start < 0 || q.Inner.End < q.Inner.Start || q.Inner.End > len(para) {
				t.Fatalf("inner %v in %d bytes", q.Inner, len(para))
			}
			if q.Text != strings.TrimSpace(para[q.Inner.Start:q.Inner.End]) {
				t.Fatalf("text %q is not its span", q.Text)
			}
			if q.At < 0 || q.At > len(para) || !utf8.ValidString(q.Speaker) {
				t.Fatalf("attribution at %d, speaker %q", q.At, q.Speaker)
			}
		}
	})
}

// FuzzDates: expressions are in order, inside the sentence and
// non-overlapping; resolving one against any publication date gives a
// real calendar date or nothing, and a range never ends before it starts.
func FuzzDates(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, 2023, 2, 28)
	}
	f.Add("пройдет 14 февраля", 2024, 12, 31)
	f.Add("25 декабря состоялась встреча", 2025, 1, 2)
	finder := NewDateFinder()
	f.Fuzz(func(t *testing.T, s string, y, m, d int) {
		s = strings.ToValidUTF8(s, "")
		pub := Date{Year: y % 3000, Month: m % 13, Day: d % 32}
		if pub.Year < 0 || pub.Month < 0 || pub.Day < 0 || !validDay(pub) {
			pub = Date{}
		}
		tense := SentenceTense(s)
		exprs := finder.Find(s)
		for i, e := range exprs {
			if e.Start < 0 || e.End < e.Start || e.End > len(s) {
				t.Fatalf("expr %q at %d..%d in %d bytes", e.Text, e.Start, e.End, len(s))
			}
			for _, o := range exprs[:i] {
				if e.Start < o.End && o.Start < e.End {
					t.Fatalf("%q overlaps %q", e.Text, o.Text)
				}
			}
			from, until, ok := e.Resolve(pub, tense)
			if !ok {
				continue
			}
			for _, x := range []Date{from, until} {
				if x.Month < 0 || x.Month > 12 || x.Day < 0 || x.Day > 31 || x.Day != 0 && !validDay(x) {
					t.Fatalf("%q resolved to %+v", e.Text, x)
				}
			}
			if !until.IsZero() && until.Compare(from) < 0 {
				t.Fatalf("%q: range %s..%s runs backwards", e.Text, from.ISO(), until.ISO())
			}
		}
	})
}

var fuzzTagger = sync.OnceValues(tagger.Default)

// FuzzMentions: names and the words around them are cut at rune boundaries
// inside the sentence, by rules and by the tagger.
func FuzzMentions(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Add("Министр промышленности и строительства Казахстана Ерлан Жумабаев и Майкл Харпер")
	f.Add("• 0:1 — 01:23 Сёмин (Овечкин, Фёдоров) • 1:1 — 03:54 Бернс (Рой, Грин) • 2:1 — 09:17 Куниц •")
	f.Add("фотограф Ассошиэйтед Пресс Билал Хассеин (Bilal Hussein), капитан клуба Тоттенхэм Хотспур Ледли Кинг")
	f.Add("поскольку Фелипе Масса также был вынужден; театр имени Станиславского, Немировича-Данченко")
	m, err := fuzzTagger()
	if err != nil {
		f.Fatal(err)
	}
	rules, tagged := NewNamer(nil), NewNamer(nil)
	tagged.Tagger = m
	f.Fuzz(func(t *testing.T, s string) {
		s = strings.ToValidUTF8(s, "")
		for _, n := range []*Namer{rules, tagged} {
			for _, mn := range n.Mentions(s) {
				if mn.Start < 0 || mn.End <= mn.Start || mn.End > len(s) || !utf8.ValidString(s[mn.Start:mn.End]) {
					t.Fatalf("mention %d..%d in %q", mn.Start, mn.End, s)
				}
			}
		}
	})
}
