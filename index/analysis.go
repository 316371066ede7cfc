package index

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/ru"
	"github.com/blevesearch/bleve/v2/analysis/token/truncate"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/corpusbot/corpusbot/index/russian"
)

// Analyzer and filter names registered with Bleve.
const (
	foldFilterName = "corpusbot_fold"
	stemFilterName = "corpusbot_stem"
	textAnalyzer   = "corpusbot_ru"
	prefixAnalyzer = "corpusbot_ru_prefix"
	prefixRunes    = 5
)

// foldFilter lowercases a token and folds ё and Latin look-alikes. It
// rewrites terms only, never offsets, so highlighting stays exact.
type foldFilter struct{}

func (foldFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		t.Term = []byte(russian.FoldAll(string(t.Term)))
	}
	return in
}

// stemFilter stems each token with Snowball, then writes each alias of a
// country or body (США, Америка, Соединённые Штаты) as its group's acronym,
// so that every name of it is one search word (russian.Alias). A phrase
// becomes one token spanning its words; the words after it keep their
// positions. Both steps are one filter, so that the text chain still parts
// from the prefix chain at its last filter (sharedChains).
type stemFilter struct{ snowball analysis.TokenFilter }

func (f stemFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	in = f.snowball.Filter(in)
	out := in[:0]
	var near [4]string // the stem before and the three from i: all Alias reads
	for i := 0; i < len(in); i++ {
		t := in[i]
		if !russian.MayBeAlias(t.Term) {
			out = append(out, t)
			continue
		}
		lo, hi := max(0, i-1), min(len(in), i+3)
		for k := lo; k < hi; k++ {
			near[k-lo] = string(in[k].Term)
		}
		canon, n := russian.Alias(near[:hi-lo], i-lo)
		if n == 0 {
			out = append(out, t)
			continue
		}
		t.Term = []byte(canon)
		t.End = in[i+n-1].End
		out = append(out, t)
		i += n - 1
	}
	return out
}

func init() {
	// Bleve's registry is the library's own extension point; registering a
	// stateless filter once at start-up is how every Bleve analyzer is built.
	_ = registry.RegisterTokenFilter(foldFilterName, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return foldFilter{}, nil
	})
	_ = registry.RegisterTokenFilter(stemFilterName, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return stemFilter{snowball: ru.NewRussianStemmerFilter()}, nil
	})
}

// addAnalyzers declares the two analysis chains on m:
//   - corpusbot_ru: unicode words → fold (ё→е, look-alikes, lower case) →
//     Russian stop words → Snowball stem → aliases (США, Америка, Соединённые
//     Штаты → сша);
//   - corpusbot_ru_prefix: the same words cut to five runes, a crude stem
//     that is stable across the case forms Snowball splits (Блинкен,
//     Блинкена, Блинкеном) and forgives a late typo (Блинкин).
func addAnalyzers(m *mapping.IndexMappingImpl) error {
	if err := m.AddCustomTokenFilter("corpusbot_truncate", map[string]interface{}{
		"type": truncate.Name, "length": float64(prefixRunes),
	}); err != nil {
		return err
	}
	if err := m.AddCustomAnalyzer(textAnalyzer, map[string]interface{}{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": []string{foldFilterName, ru.StopName, stemFilterName},
	}); err != nil {
		return err
	}
	return m.AddCustomAnalyzer(prefixAnalyzer, map[string]interface{}{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": []string{foldFilterName, ru.StopName, "corpusbot_truncate"},
	})
}

// newMapping is the passage mapping: one Bleve document per sentence.
func newMapping() (*mapping.IndexMappingImpl, error) {
	m := bleve.NewIndexMapping()
	if err := addAnalyzers(m); err != nil {
		return nil, err
	}
	m.ScoringModel = "bm25"
	m.DefaultAnalyzer = textAnalyzer
	doc := bleve.NewDocumentStaticMapping()
	field := func(name, analyzer string) {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = false
		f.IncludeInAll = false
		f.IncludeTermVectors = hasVectors(name)
		f.DocValues = false
		doc.AddFieldMappingsAt(name, f)
	}
	field(fieldText, textAnalyzer)
	field(fieldPrefix, prefixAnalyzer)
	field(fieldContext, textAnalyzer)
	field(fieldTitle, textAnalyzer)
	m.DefaultMapping = doc
	return m, nil
}

// Field names of a passage document.
const (
	fieldText    = "text"
	fieldPrefix  = "prefix"
	fieldContext = "ctx"
	fieldTitle   = "title"
)
