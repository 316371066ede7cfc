package index

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// TestPassageDocumentsAsMapped: the passage documents analysed once per
// article hold, field by field, the terms, frequencies and lengths that
// Bleve's mapping gives the same passages; in the neighbours field, whose
// positions nothing reads, the terms and frequencies.
func TestPassageDocumentsAsMapped(t *testing.T) {
	a := &Article{ID: "a1", Title: "Визит Блинкена в Астану: ещё одна встреча"}
	for _, s := range []string{
		"Госсекретарь США Энтони Блинкен прибыл в Астану 28 февраля 2023 года.",
		"Он встретился с президентом Токаевым, и они обсудили санкции и C5+1.",
		"«Мы ценим партнёрство», — сказал Блинкен.",
		"Ещё в 2018 году стороны подписали меморандум",
	} {
		a.Sentences = append(a.Sentences, Sentence{Text: s, Quote: -1})
	}
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	shared := newPassageAnalysis(a, m.AnalyzerNamed(textAnalyzer), m.AnalyzerNamed(prefixAnalyzer))
	if shared.shared == nil {
		t.Fatal("the text and prefix chains are not split where they part")
	}
	whole := newPassageAnalysis(a, m.AnalyzerNamed(textAnalyzer), m.AnalyzerNamed(prefixAnalyzer))
	whole.shared = nil // each chain run whole, as when they are of another shape
	for _, p := range []*passageAnalysis{shared, whole} {
		comparePassages(t, m, a, p)
	}
}

func comparePassages(t *testing.T, m *mapping.IndexMappingImpl, a *Article, p *passageAnalysis) {
	t.Helper()
	for si := range a.Sentences {
		mapped := document.NewDocument(passageID(a.ID, si))
		text := passageText(a, si, func() map[string]bool { return capitalisedWithin(a) })
		err := m.MapDocument(mapped, map[string]interface{}{
			fieldText: text, fieldPrefix: text,
			fieldContext: passageContext(a, si), fieldTitle: a.Title,
		})
		if err != nil {
			t.Fatal(err)
		}
		ours := p.document(si)
		if got, want := describeDoc(ours, true), describeDoc(mapped, true); got != want {
			t.Errorf("passage %d:\n got %s\nwant %s", si, got, want)
		}
		if got, want := describeDoc(ours, false), describeDoc(mapped, false); got != want {
			t.Errorf("passage %d, positions:\n got %s\nwant %s", si, got, want)
		}
	}
}

// describeDoc lists a document's fields with their analysed length and
// terms; with loose, the neighbours field shows its terms and frequencies
// only, else every field shows the positions of each term too.
func describeDoc(doc *document.Document, loose bool) string {
	var fields []string
	doc.VisitFields(func(f bleveindex.Field) {
		f.Analyze()
		var terms []string
		for term, tf := range f.AnalyzedTokenFrequencies() {
			s := fmt.Sprintf("%s×%d", term, tf.Frequency())
			if !loose || f.Name() != fieldContext {
				for _, l := range tf.Locations {
					s += fmt.Sprintf("@%d:%d-%d", l.Position, l.Start, l.End)
				}
			}
			terms = append(terms, s)
		}
		sort.Strings(terms)
		if loose || f.Name() != fieldContext {
			fields = append(fields, fmt.Sprintf("%s(%d %v)[%s]", f.Name(), f.AnalyzedLength(), f.Options(), strings.Join(terms, " ")))
		}
	})
	sort.Strings(fields)
	return strings.Join(fields, "\n")
}

// passageContext is the neighbours field of sentence si as the mapping
// would take it: the sentences before and after it, joined.
func passageContext(a *Article, si int) string {
	var ctx []string
	caps := func() map[string]bool { return capitalisedWithin(a) }
	if si > 0 {
		ctx = append(ctx, passageText(a, si-1, caps))
	}
	if si+1 < len(a.Sentences) {
		ctx = append(ctx, passageText(a, si+1, caps))
	}
	return strings.Join(ctx, " ")
}
