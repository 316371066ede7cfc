package answers

import (
	"context"
	"fmt"
	"maps"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/corpusbot/corpusbot/index"
	"github.com/corpusbot/corpusbot/index/russian"
)

const (
	// minRelative drops results far weaker than the best one.
	minRelative = 0.35
	maxResults  = 5
	maxExcerpt  = 500
	maxWords    = 40
	// candidates is how many passages the search ranks and the rerank
	// reorders: 40 (and 120 ranked for them) gave the same public QA
	// figures, 10 changed the answerability's margin
	candidates = 20
	// minPartner is the least of a neighbour worth showing: a neighbour
	// longer than the room left is cut, but never below this.
	minPartner = 120
)

func (s *Service) search(ctx context.Context, text string) Reply {
	q := readQuestion(text)
	if len(q.content) == 0 {
		return s.notFound("В вопросе нет слов, по которым можно искать.")
	}
	f, err := s.find(ctx, q)
	if err != nil {
		return s.fail("search", err)
	}
	found, hits, match := f.found, f.hits, f.match
	corpus := s.lib.Corpus()
	var chosen []index.Hit
	var excerpts []excerptOf
	byText := map[string]int{} // folded hit sentence → its place in excerpts
	top := 0.0
	topicFound := false // the best candidate answers the question but for the years it sets
	for i, h := range hits {
		p := answerability(q, found, hits, i, len(corpus.Articles))
		if p < minAnswerable {
			if i == 0 { // the best candidate is no answer: the corpus has none
				topicFound = len(q.within) > 0 && answerability(q.undated(), found, hits, i, len(corpus.Articles)) >= minAnswerable
				break
			}
			continue
		}
		if top == 0 {
			top = h.Score
		}
		if h.Score < top*minRelative || overlaps(chosen, h) || !q.inPeriod(corpus.Article(h.Doc), h.Sentence) {
			continue
		}
		chosen = append(chosen, h)
		a := corpus.Article(h.Doc)
		// the same sentence in another article (a reprint): one excerpt, every source
		key := russian.FoldAll(a.Sentences[h.Sentence].Text)
		if k, dup := byText[key]; dup {
			excerpts[k].also = append(excerpts[k].also, a)
			continue
		}
		ex, spans, qi := s.excerpt(a, h.Sentence, q, match)
		byText[key] = len(excerpts)
		excerpts = append(excerpts, excerptOf{hit: h, article: a, text: ex, spans: spans, quote: qi, p: p})
		if len(excerpts) == maxResults {
			break
		}
	}
	if len(excerpts) == 0 {
		if len(q.within) > 0 && (top > 0 || topicFound) {
			return s.notFound(fmt.Sprintf("За %d год в корпусе об этом ничего нет.", q.within[0]))
		}
		return s.notFound("")
	}
	r := Reply{Kind: KindSearch}
	r.Blocks = append(r.Blocks, Block{{Text: heading(excerpts), Style: Bold}})
	for _, e := range excerpts {
		a := e.article
		res := Result{
			Doc: a.ID, Title: a.Title, Date: a.Published.ISO(), Source: a.Source, URL: a.URL,
			Excerpt: e.text, Score: math.Round(e.hit.Score*1000) / 1000, Confidence: math.Round(e.p*100) / 100,
		}
		if e.quote >= 0 {
			q := a.Quotes[e.quote]
			res.Quote = &Quote{Text: russian.Truncate(q.Text, maxExcerpt), Speaker: q.Speaker, SpeakerKind: q.Kind.String()}
		}
		for _, o := range e.also {
			res.Also = append(res.Also, Source{Doc: o.ID, Title: o.Title, Date: o.Published.ISO(), Source: o.Source, URL: o.URL})
		}
		r.Results = append(r.Results, res)
		n := len(r.Results)
		r.Open = append(r.Open, Choice{Label: fmt.Sprintf("📄 %d", n), Command: "/article " + a.ID})
		block := Block{{Text: fmt.Sprintf("%d. ", n), Style: Bold}}
		block = append(block, e.spans...)
		block = append(block, Span{Text: "\n"})
		block = append(block, meta(a, "")...)
		for _, o := range e.also {
			block = append(block, Span{Text: "\n"})
			block = append(block, meta(o, "Также: ")...)
		}
		if res.Quote != nil && res.Quote.Speaker != "" {
			block = append(block, Span{Text: "\n"}, Span{Text: quoteLine(res.Quote), Style: Italic})
		}
		r.Blocks = append(r.Blocks, block)
	}
	pointToPerson(&r, f.person)
	return r
}

// findings is what the search finds for a question, before the
// answerability reads it.
type findings struct {
	found  index.Results     // the index's results, with the question's terms
	hits   []index.Hit       // the candidates that can be read back, reranked, best first
	match  func(string) bool // tells the words of a text that match the question's
	person *index.Person     // the one person a «Кто такой X?» question names, or nil
}

// find searches the corpus for q and reranks what it finds by what q asks
// for.
func (s *Service) find(ctx context.Context, q question) (findings, error) {
	found, err := s.lib.Search(ctx, q.content, candidates)
	if err != nil {
		return findings{}, err
	}
	f := findings{found: found, match: s.lib.Matcher(q.content), person: s.personAsked(q)}
	corpus := s.lib.Corpus()
	f.hits = found.Hits[:0:0]
	for _, h := range found.Hits { // a text that cannot be read back is no answer
		if a := corpus.Article(h.Doc); a != nil && h.Sentence < len(a.Sentences) {
			f.hits = append(f.hits, h)
		}
	}
	s.namesAsWords(f.hits, found.Terms, q, corpus)
	raiseRoles(f.hits, f.person, corpus)
	s.rerank(f.hits, found.Terms, q, f.match, corpus)
	return f, nil
}

// excerptOf is one excerpt of a search reply and the articles it comes from.
type excerptOf struct {
	hit     index.Hit
	article *index.Article
	text    string
	spans   []Span
	quote   int
	p       float64          // the answerability of its hit
	also    []*index.Article // other articles with the same sentence
}

// heading opens a search reply: how many excerpts it found and, when even
// the best one is unlikely to answer (below sureAnswer), that it may not.
func heading(excerpts []excerptOf) string {
	if excerpts[0].p < sureAnswer {
		return "Не уверен, что здесь есть ответ. Ближе всего к вопросу:"
	}
	return fmt.Sprintf("Нашёл %s:", russian.Plural(len(excerpts), "фрагмент", "фрагмента", "фрагментов"))
}

// overlaps reports whether h is the same or an adjacent sentence of a hit
// already chosen (its excerpt may include its neighbour).
func overlaps(chosen []index.Hit, h index.Hit) bool {
	for _, c := range chosen {
		if c.Doc == h.Doc && c.Sentence-h.Sentence <= 1 && h.Sentence-c.Sentence <= 1 {
			return true
		}
	}
	return false
}

// meta is "28 февраля 2023 · КазТАГ · «title»", the title linked to the
// article's address when the catalog gives one.
func meta(a *index.Article, prefix string) []Span {
	head := dateSource(a)
	head.Text = prefix + head.Text
	if a.Title == "" {
		return []Span{head}
	}
	head.Text += " · "
	return []Span{head, {Text: "«" + russian.Truncate(a.Title, 90) + "»", Style: Italic, Link: a.URL}}
}

// dateSource is "28 февраля 2023 · КазТАГ" in italics.
func dateSource(a *index.Article) Span {
	parts := []string{"дата не указана"}
	if d := a.Published.Russian(); d != "" {
		parts[0] = d
	}
	if a.Source != "" {
		parts = append(parts, a.Source)
	}
	return Span{Text: strings.Join(parts, " · "), Style: Italic}
}

// titleSpan is an article's title in bold, linked to its address; its id
// when it has no title.
func titleSpan(a *index.Article) Span {
	title := a.Title
	if title == "" {
		title = a.ID
	}
	return Span{Text: title, Style: Bold, Link: a.URL}
}

func quoteLine(q *Quote) string {
	switch q.SpeakerKind {
	case "document":
		return "Цитата из документа (" + q.Speaker + ")"
	case "organization":
		return "Цитата: " + q.Speaker
	}
	return "Цитата: " + q.Speaker
}

// excerpt returns the sentence si of a with at most one neighbour, chosen
// by what the question asks for; the same text as styled spans (matched
// words marked); and the index of a quotation the excerpt holds, or -1.
func (s *Service) excerpt(a *index.Article, si int, q question, match func(string) bool) (string, []Span, int) {
	own := a.Sentences[si].Text
	qi := a.Sentences[si].Quote
	text := own
	if nb := s.partner(a, si, q, match); nb >= 0 {
		text = joinPartner(own, a.Sentences[nb].Text, nb > si)
		if qi < 0 || nb < si && a.Sentences[nb].Quote >= 0 {
			qi = a.Sentences[nb].Quote
		}
	}
	if utf8.RuneCountInString(text) > maxExcerpt {
		text = window(text, match, maxExcerpt)
	}
	return text, markSpans(text, match), qi
}

// joinPartner joins a sentence and its partner neighbour (after it when
// next) within maxExcerpt runes: a partner too long to fit whole is cut
// where it is farthest from the sentence, its start kept when it follows
// (where an answer continues) and its end when it precedes.
func joinPartner(own, partner string, next bool) string {
	room := maxExcerpt - utf8.RuneCountInString(own) - 1
	if n := utf8.RuneCountInString(partner); n > room {
		if next {
			partner = russian.Truncate(partner, room)
		} else {
			partner = tail(partner, room)
		}
	}
	if next {
		return own + " " + partner
	}
	return partner + " " + own
}

// tail returns the last max runes of s, cut at a word and marked with an
// ellipsis.
func tail(s string, max int) string {
	runes := []rune(s)
	if len(runes) <= max || max < 2 {
		return s
	}
	out := string(runes[len(runes)-max+1:])
	if i := strings.IndexByte(out, ' '); i >= 0 && i < len(out)/3 {
		out = out[i+1:]
	}
	return "…" + out
}

// partner picks the neighbour sentence that completes the excerpt of
// sentence si, or -1: the one with the kind of answer the question asks for
// when si lacks it; else the one that adds most question words si lacks
// (then most question words; on a tie, the first in the order of
// neighbours: the next one, or the one before after a pronoun); else the
// previous one when si opens with an anaphor ("Об этом…"); else the next
// one in the paragraph, where an answer most often continues. A neighbour
// longer than the room left is cut by joinPartner.
func (s *Service) partner(a *index.Article, si int, q question, match func(string) bool) int {
	n := utf8.RuneCountInString(a.Sentences[si].Text)
	fits := func(nb int) bool {
		if nb < 0 || nb >= len(a.Sentences) {
			return false
		}
		t := a.Sentences[nb].Text
		return n+1+min(utf8.RuneCountInString(t), minPartner) <= maxExcerpt && !isQuestion(t) && !isCaption(a, nb)
	}
	if q.asks.any() && !s.hasAnswerType(q.asks, a, si) {
		if nb := s.answerTypeNear(q.asks, a, si); nb >= 0 && fits(nb) {
			return nb
		}
	}
	best, bestNovel, bestMatches := -1, 0, 0
	own := matchedPrefixes(a.Sentences[si].Text, match)
	for _, nb := range neighbours(a, si) { // ties go to the preferred one
		if !fits(nb) {
			continue
		}
		novel, m, seen := 0, 0, maps.Clone(own)
		for _, w := range russian.Words(a.Sentences[nb].Text) {
			if !match(w.Text) {
				continue
			}
			m++
			if p := foldPrefix(w.Text); !seen[p] {
				seen[p] = true
				novel++
			}
		}
		if novel > bestNovel || novel == bestNovel && m > bestMatches {
			best, bestNovel, bestMatches = nb, novel, m
		}
	}
	switch {
	case best >= 0:
		return best
	case si > 0 && russian.OpensWithAnaphor(a.Sentences[si].Text) && fits(si-1):
		return si - 1
	case fits(si+1) && a.Sentences[si+1].Para == a.Sentences[si].Para:
		return si + 1
	}
	return -1
}

// matchedPrefixes returns the folded prefixes of the words of text that
// match the question.
func matchedPrefixes(text string, match func(string) bool) map[string]bool {
	out := map[string]bool{}
	for _, w := range russian.Words(text) {
		if match(w.Text) {
			out[foldPrefix(w.Text)] = true
		}
	}
	return out
}

// foldPrefix is a word folded and cut to five runes, a crude stem.
func foldPrefix(w string) string { return foldRunes(w, 5) }

// foldRunes is a word folded and cut to n runes.
func foldRunes(w string, n int) string {
	r := []rune(russian.FoldWord(w))
	return string(r[:min(len(r), n)])
}

// window cuts a long sentence to max runes around its first matched word.
func window(text string, match func(string) bool, max int) string {
	runes := []rune(text)
	startRune := 0
	for _, w := range russian.Words(text) {
		if match(w.Text) {
			startRune = utf8.RuneCountInString(text[:w.Start])
			break
		}
	}
	from := startRune - max/4
	if from < 0 {
		from = 0
	}
	if from+max > len(runes) {
		from = len(runes) - max
		if from < 0 {
			from = 0
		}
	}
	out := string(runes[from:])
	prefix := ""
	if from > 0 {
		if i := strings.IndexByte(out, ' '); i >= 0 && i < 40 {
			out = out[i+1:]
		}
		prefix = "…"
	}
	return prefix + russian.Truncate(out, max-utf8.RuneCountInString(prefix))
}

// markSpans splits text into plain spans and Mark spans for matched words.
func markSpans(text string, match func(string) bool) []Span {
	var out []Span
	last := 0
	for _, w := range russian.Words(text) {
		if !match(w.Text) {
			continue
		}
		if w.Start > last {
			out = append(out, Span{Text: text[last:w.Start]})
		}
		out = append(out, Span{Text: text[w.Start:w.End], Style: Mark})
		last = w.End
	}
	if last < len(text) {
		out = append(out, Span{Text: text[last:]})
	}
	return out
}

func (s *Service) notFound(why string) Reply {
	lead := "Не нашёл в корпусе ничего по этому вопросу."
	if why != "" {
		lead = why
	}
	return Reply{Kind: KindSearch, Blocks: []Block{
		{{Text: lead}},
		{{Text: "Попробуйте спросить иначе, другими словами. Подсказки: /help — что я умею, /who Фамилия — кто это, /timeline — хронология событий."}},
	}}
}
