package index

import (
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// fieldOptions are the indexing options of a passage field, as the mapping
// declares them: indexed, not stored, and with term vectors where positions
// are read (the sentence's own words, for phrases); of the neighbours and
// the title only whether a term is there is read, which the searcher's hit
// says (locate), so they keep none (the index of 10,000 generated articles
// went from 109 MB to 73 MB).
func fieldOptions(field string) bleveindex.FieldIndexingOptions {
	if hasVectors(field) {
		return bleveindex.IndexField | bleveindex.IncludeTermVectors
	}
	return bleveindex.IndexField
}

// hasVectors reports whether field keeps term vectors.
func hasVectors(field string) bool { return field == fieldText || field == fieldPrefix }

// passageAnalysis analyses an article once for all of its passage
// documents. Each passage carries its sentence (text and prefix fields),
// its neighbours and the article's title, so a plain mapping analysed every
// sentence four times and the title once per sentence; here each sentence
// is analysed once per analyzer and the title once, when Bleve's workers
// first ask for them. The documents are the ones the mapping would make,
// up to the positions and offsets in the neighbours field, which keeps
// none (only whether a term is there counts).
type passageAnalysis struct {
	a                 *Article
	text, prefix      analysis.Analyzer
	shared            *sharedChains // nil: each chain runs whole
	once              []sync.Once   // per sentence, both its streams
	textToks, preToks []analysis.TokenStream
	titleOnce         sync.Once
	titleToks         analysis.TokenStream
	allExcluded       []string
}

func newPassageAnalysis(a *Article, text, prefix analysis.Analyzer) *passageAnalysis {
	n := len(a.Sentences)
	return &passageAnalysis{a: a, text: text, prefix: prefix, shared: splitChains(text, prefix),
		once: make([]sync.Once, n), textToks: make([]analysis.TokenStream, n), preToks: make([]analysis.TokenStream, n),
		allExcluded: []string{fieldText, fieldPrefix, fieldContext, fieldTitle}}
}

// sharedChains is the text and prefix analysis chains split where they
// part: both tokenize, fold and drop stop words alike, then one stems and
// the other cuts to a prefix. A sentence runs the common part once.
type sharedChains struct {
	tokenizer    analysis.Tokenizer
	common       []analysis.TokenFilter
	text, prefix analysis.TokenFilter
}

// splitChains splits the two chains of addAnalyzers, or is nil when they
// are not of that shape.
func splitChains(text, prefix analysis.Analyzer) *sharedChains {
	t, ok := text.(*analysis.DefaultAnalyzer)
	p, ok2 := prefix.(*analysis.DefaultAnalyzer)
	if !ok || !ok2 || len(t.CharFilters)+len(p.CharFilters) > 0 || len(t.TokenFilters) == 0 || len(t.TokenFilters) != len(p.TokenFilters) {
		return nil
	}
	n := len(t.TokenFilters) - 1
	return &sharedChains{tokenizer: t.Tokenizer, common: t.TokenFilters[:n], text: t.TokenFilters[n], prefix: p.TokenFilters[n]}
}

// analyze fills sentence si's text and prefix streams.
func (p *passageAnalysis) analyze(si int) {
	p.once[si].Do(func() {
		s := []byte(p.a.Sentences[si].Text)
		c := p.shared
		if c == nil {
			p.textToks[si], p.preToks[si] = p.text.Analyze(s), p.prefix.Analyze(s)
			return
		}
		toks := c.tokenizer.Tokenize(s)
		for _, f := range c.common {
			toks = f.Filter(toks)
		}
		slab := make([]analysis.Token, len(toks)) // the prefix stream's own tokens, in one allocation
		pre := make(analysis.TokenStream, len(toks))
		for i, t := range toks {
			slab[i] = *t
			pre[i] = &slab[i]
		}
		p.preToks[si] = c.prefix.Filter(pre)
		p.textToks[si] = c.text.Filter(toks)
	})
}

// document is the Bleve document of sentence si: its text, the same text
// for the prefix field, its neighbours (passageContext) and the title.
func (p *passageAnalysis) document(si int) *document.Document {
	doc := document.NewDocument(passageID(p.a.ID, si))
	s := []byte(p.a.Sentences[si].Text)
	field := func(name string, value []byte, tokens func() analysis.TokenStream) {
		doc.AddField(document.NewTextFieldCustom(name, nil, value, fieldOptions(name), analyzed(tokens)))
	}
	field(fieldText, s, func() analysis.TokenStream { return p.sentence(si) })
	field(fieldPrefix, s, func() analysis.TokenStream { return p.prefixes(si) })
	field(fieldContext, []byte(passageContext(p.a, si)), func() analysis.TokenStream { return p.neighbours(si) })
	field(fieldTitle, []byte(p.a.Title), p.title)
	// the mapping adds Bleve's catch-all field with every passage field left out of it
	doc.AddField(document.NewCompositeFieldWithIndexingOptions("_all", true, []string{}, p.allExcluded, fieldOptions(fieldText)))
	return doc
}

func (p *passageAnalysis) sentence(si int) analysis.TokenStream {
	p.analyze(si)
	return p.textToks[si]
}

func (p *passageAnalysis) prefixes(si int) analysis.TokenStream {
	p.analyze(si)
	return p.preToks[si]
}

func (p *passageAnalysis) title() analysis.TokenStream {
	p.titleOnce.Do(func() { p.titleToks = p.text.Analyze([]byte(p.a.Title)) })
	return p.titleToks
}

// neighbours is the stream of passageContext(a, si) made of the sentences'
// own streams, shared: the field keeps no positions or offsets, so the
// tokens need no moving (and the same sentence is another passage's text).
func (p *passageAnalysis) neighbours(si int) analysis.TokenStream {
	var out analysis.TokenStream
	for _, nb := range []int{si - 1, si + 1} {
		if nb >= 0 && nb < len(p.a.Sentences) {
			out = append(out, p.sentence(nb)...)
		}
	}
	return out
}

// analyzed is an analyzer that hands over a stream analysed elsewhere.
type analyzed func() analysis.TokenStream

func (f analyzed) Analyze([]byte) analysis.TokenStream { return f() }
