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
	termsOnce         []sync.Once // per sentence, its terms without positions
	terms             []bleveindex.TokenFrequencies
	titleOnce         sync.Once
	title             *termsField // one for every passage: its frequencies are only read
	allExcluded       []string
	capsOnce          sync.Once
	midCaps           map[string]bool // capitalisedWithin(a), made when passageText first asks
}

// capitalised is capitalisedWithin of the article, made once.
func (p *passageAnalysis) capitalised() map[string]bool {
	p.capsOnce.Do(func() { p.midCaps = capitalisedWithin(p.a) })
	return p.midCaps
}

func newPassageAnalysis(a *Article, text, prefix analysis.Analyzer) *passageAnalysis {
	n := len(a.Sentences)
	return &passageAnalysis{a: a, text: text, prefix: prefix, shared: splitChains(text, prefix),
		once: make([]sync.Once, n), textToks: make([]analysis.TokenStream, n), preToks: make([]analysis.TokenStream, n),
		termsOnce: make([]sync.Once, n), terms: make([]bleveindex.TokenFrequencies, n),
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

// analyze fills sentence si's text and prefix streams, of its passageText.
func (p *passageAnalysis) analyze(si int) {
	p.once[si].Do(func() {
		s := []byte(passageText(p.a, si, p.capitalised))
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

// document is the Bleve document of sentence si: its text (its
// passageText), the same for the prefix field, its neighbours and the
// title. Its streams are analysed when Bleve's workers first ask for them.
func (p *passageAnalysis) document(si int) *document.Document {
	doc := document.NewDocument(passageID(p.a.ID, si))
	s := []byte(p.a.Sentences[si].Text) // the value Bleve counts bytes of; the tokens are of passageText
	field := func(name string, value []byte, tokens func() analysis.TokenStream) {
		doc.AddField(document.NewTextFieldCustom(name, nil, value, fieldOptions(name), analyzed(tokens)))
	}
	field(fieldText, s, func() analysis.TokenStream { return p.sentence(si) })
	field(fieldPrefix, s, func() analysis.TokenStream { return p.prefixes(si) })
	doc.AddField(&termsField{name: fieldContext, analyze: func(f *termsField) { p.neighbours(f, si) }})
	doc.AddField(p.titleField())
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

// titleField is the article's title field, analysed once and shared by
// its passages' documents.
func (p *passageAnalysis) titleField() *termsField {
	p.titleOnce.Do(func() {
		p.title = &termsField{name: fieldTitle, value: []byte(p.a.Title)}
		toks := p.text.Analyze(p.title.value)
		p.title.length, p.title.freqs = len(toks), analysis.TokenFrequency(toks, nil, fieldOptions(fieldTitle))
		p.title.analyze = func(*termsField) {}
	})
	return p.title
}

// sentenceTerms is sentence si's terms and frequencies without positions,
// as a neighbour's field counts them.
func (p *passageAnalysis) sentenceTerms(si int) bleveindex.TokenFrequencies {
	p.termsOnce[si].Do(func() {
		p.terms[si] = analysis.TokenFrequency(p.sentence(si), nil, fieldOptions(fieldContext))
	})
	return p.terms[si]
}

// neighbours sets f to the terms of sentence si's neighbours field: those
// of the sentences before and after it, merged. A term of one neighbour only is
// that neighbour's own entry, shared (nothing writes to it); a term of both
// gets an entry of its own.
func (p *passageAnalysis) neighbours(f *termsField, si int) {
	var sides []bleveindex.TokenFrequencies
	f.length = 0
	for _, nb := range []int{si - 1, si + 1} {
		if nb >= 0 && nb < len(p.a.Sentences) {
			sides = append(sides, p.sentenceTerms(nb))
			f.length += len(p.textToks[nb])
		}
	}
	switch len(sides) {
	case 0:
		f.freqs = bleveindex.TokenFrequencies{}
		return
	case 1:
		f.freqs = sides[0]
		return
	}
	f.freqs = make(bleveindex.TokenFrequencies, len(sides[0])+len(sides[1]))
	for term, tf := range sides[0] {
		f.freqs[term] = tf
	}
	for term, tf := range sides[1] {
		if mine, ok := f.freqs[term]; ok {
			both := &bleveindex.TokenFreq{Term: tf.Term}
			both.SetFrequency(mine.Frequency() + tf.Frequency())
			f.freqs[term] = both
			continue
		}
		f.freqs[term] = tf
	}
}

// termsField is a passage field made of terms analysed elsewhere, without
// positions: the neighbours and the title. Its value is not stored, so
// only the title keeps one, for Bleve's count of plain-text bytes.
type termsField struct {
	name    string
	value   []byte
	analyze func(*termsField)
	length  int
	freqs   bleveindex.TokenFrequencies
}

// The methods of Bleve's document.Field.

func (f *termsField) Name() string                                          { return f.name }
func (f *termsField) ArrayPositions() []uint64                              { return nil }
func (f *termsField) Options() bleveindex.FieldIndexingOptions              { return fieldOptions(f.name) }
func (f *termsField) Analyze()                                              { f.analyze(f) }
func (f *termsField) Value() []byte                                         { return f.value }
func (f *termsField) NumPlainTextBytes() uint64                             { return uint64(len(f.value)) }
func (f *termsField) Size() int                                             { return len(f.name) + len(f.value) + 48*len(f.freqs) }
func (f *termsField) EncodedFieldType() byte                                { return 't' }
func (f *termsField) AnalyzedLength() int                                   { return f.length }
func (f *termsField) AnalyzedTokenFrequencies() bleveindex.TokenFrequencies { return f.freqs }

// analyzed is an analyzer that hands over a stream analysed elsewhere.
type analyzed func() analysis.TokenStream

func (f analyzed) Analyze([]byte) analysis.TokenStream { return f() }
