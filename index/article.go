package index

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/corpusbot/corpusbot/index/russian"
	"github.com/corpusbot/corpusbot/index/russian/letter"
)

// Article is one cleaned article of the corpus.
type Article struct {
	ID        string       // file name without extension
	Title     string       // first meaningful line
	Source    string       // outlet, from the catalog or the text; may be empty
	URL       string       // the article's address, from the catalog's url column; may be empty
	Published russian.Date // publication date at its known precision; may be zero
	Dateline  russian.Date // the date the dateline or timestamp gives, if any
	Sentences []Sentence   // the body, sentence by sentence, furniture removed
	Quotes    []Quote      // direct quotations with their attribution
	body      bodyRef      // where the text lies in the snapshot's bodies file, when it is not in memory
}

// Sentence is one sentence of an article body.
type Sentence struct {
	Text  string
	Para  int // paragraph number in the body
	Quote int // index into Article.Quotes of a quotation it contains, or -1
}

// Quote is a quotation in an article with its speaker resolved as far as
// the article allows.
type Quote struct {
	Text     string
	Speaker  string              // a person's full name, an organisation or document phrase, or ""
	Kind     russian.SpeakerKind // person, organisation, document
	Sentence int                 // first sentence that holds it
	raw      russian.Quote
}

// furnitureCut are lines after which the rest of a page is site furniture.
var furnitureCut = map[string]bool{
	"последние новости": true, "сейчас читают": true, "популярное": true, "самое читаемое": true,
	"другие новости": true, "лента новостей": true, "новости партнеров": true, "главные новости": true,
	"выбор редакции": true, "новости по теме": true, "материалы по теме": true, "еще по теме": true,
	"по теме": true, "рекомендуем": true, "комментарии": true, "популярные новости": true,
	"читайте также": true, "смотрите также": true, "также читайте": true, "читать также": true,
	"похожие новости": true, "актуально": true, "самое популярное": true, "новости компаний": true,
}

// furnitureLine are whole lines that are never article text.
var furnitureLine = map[string]bool{
	"none": true, "null": true, "undefined": true, "nan": true, "поделиться": true,
	"реклама": true, "подписывайтесь": true, "фото": true, "видео": true, "версия для печати": true,
}

const monthRe = `(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)`

var (
	// "16 января 2018, 23:19," / "обновлено 16 января 2018, 23:48" / "18:28"
	timestampRe = regexp.MustCompile(`^(?i:обновлено\s+|опубликовано\s+)?(?:(\d{1,2})\s+(` + monthRe + `)(?:\s+(\d{4}))?(?:\s*г\.?)?)?[,\s]*(?:\d{1,2}:\d{2})?[,\s]*$`)
	// "ВАШИНГТОН, 16 января. /ТАСС/." / "Астана. 28 февраля. КазТАГ –" / "НУР-СУЛТАН. КАЗИНФОРМ -"
	datelineRe = regexp.MustCompile(`^([А-ЯЁA-Z][А-ЯЁA-Zа-яёa-z\-]+(?:[ \-][А-ЯЁA-Z][А-ЯЁA-Zа-яёa-z\-]+)?)[.,]\s+` +
		`(?:(\d{1,2})\s+(` + monthRe + `)(?:\s+(\d{4}))?(?:\s*г\.)?[.,]?\s+)?` +
		`(?:/([^/\n]{2,40})/\.?|([А-ЯЁA-Z][а-яёa-z]*[А-ЯЁA-Z][А-ЯЁA-Zа-яёa-z]*(?:\s+[А-ЯЁ][а-яё]+)?))\s*[.,]?\s*[–—-]?\s*`)
	// "передает МИА «Казинформ»", "информирует "Украина 365""
	outletRe = regexp.MustCompile(`(?:передает|передаёт|информирует|сообщает|пишет|сообщило|по данным)\s+(?:МИА|ИА|РИА|агентство|информагентство|издание|портал|газета|телеканал|сайт)?\s*[«"„“]([^»"”“\n]{2,40})[»"”“]`)
)

// parseArticle cleans raw text and splits it into an Article. It never
// fails: an article with no text comes back with no sentences.
func parseArticle(id, raw string) *Article {
	a := &Article{ID: id}
	text := russian.CleanText(raw)
	var body []string
	titleDone := false
	titleKey := "" // the title line as key reads it
	skipNext := false
	for _, sp := range russian.Paragraphs(text) {
		line := text[sp.Start:sp.End]
		key := letter.Lower(strings.Trim(line, " :.…-—–"))
		if skipNext {
			skipNext = false
			continue
		}
		if furnitureLine[key] {
			continue
		}
		if m := timestampRe.FindStringSubmatch(line); m != nil {
			if a.Dateline.IsZero() && m[1] != "" {
				a.Dateline = dateFromMatch(m[1], m[2], m[3])
			}
			continue
		}
		if furnitureCut[key] {
			if len(body) >= 2 || titleDone && strings.Contains(key, "читайте") {
				if strings.Contains(key, "также") {
					skipNext = true // one linked headline follows; the article may go on
					continue
				}
				break
			}
			continue
		}
		if strings.HasPrefix(key, "читайте также") || strings.HasPrefix(key, "смотрите также") {
			continue
		}
		if titleDone && key == titleKey { // the title again, as the page's first heading: not text
			continue
		}
		if !titleDone {
			titleDone = true
			titleKey = key
			a.Title = russian.Truncate(line, 300)
			// a first line that is a whole paragraph is text too; its
			// first sentence stands for the title
			if sents := russian.Sentences(line); len(sents) > 1 || utf8.RuneCountInString(line) > 150 {
				a.Title = russian.Truncate(line[sents[0].Start:sents[0].End], 200)
				body = append(body, line)
			}
			continue
		}
		body = append(body, line)
	}
	if len(body) == 0 && a.Title != "" && strings.ContainsAny(lastRune(a.Title), ".!?…") {
		body = append(body, a.Title) // one line that reads as a sentence is the article's text
	}
	if len(body) > 0 {
		body = stripDateline(a, body)
	}
	if a.Source == "" {
		for _, p := range body {
			if m := outletRe.FindStringSubmatch(p); m != nil {
				a.Source = strings.TrimSpace(m[1])
				break
			}
		}
	}
	a.split(body)
	return a
}

func lastRune(s string) string {
	_, n := utf8.DecodeLastRuneInString(s)
	return s[len(s)-n:]
}

// stripDateline removes a dateline from the start of the first paragraphs
// that have one, keeping its date and outlet as metadata.
func stripDateline(a *Article, body []string) []string {
	for i := 0; i < len(body) && i < 3; i++ {
		m := datelineRe.FindStringSubmatchIndex(body[i])
		if m == nil {
			continue
		}
		sub := func(k int) string {
			if m[2*k] < 0 {
				return ""
			}
			return body[i][m[2*k]:m[2*k+1]]
		}
		place, day, month, year, slashed, plain := sub(1), sub(2), sub(3), sub(4), sub(5), sub(6)
		if day == "" && slashed == "" && !russian.IsAllUpper(place) {
			continue // "Москва, Кремль" is not a dateline
		}
		if plain != "" && !looksLikeAgency(plain) {
			continue
		}
		if day != "" && a.Dateline.IsZero() {
			a.Dateline = dateFromMatch(day, month, year)
		}
		agency := slashed + plain
		if a.Source == "" && agency != "" {
			a.Source = agencyName(agency)
		}
		body[i] = strings.TrimSpace(body[i][m[1]:])
		if body[i] == "" {
			body = append(body[:i], body[i+1:]...)
		}
		break
	}
	return body
}

// looksLikeAgency accepts an outlet-looking word after a dateline: two or
// more capitals ("ТАСС", "КазТАГ", "КАЗИНФОРМ", "РИА Новости").
func looksLikeAgency(s string) bool {
	caps := 0
	for _, r := range s {
		if r >= 'А' && r <= 'Я' || r == 'Ё' || r >= 'A' && r <= 'Z' {
			caps++
		}
	}
	return caps >= 2
}

// agencyName turns a shouted outlet name ("КАЗИНФОРМ") into its usual
// spelling ("Казинформ"); acronyms up to four letters stay ("ТАСС").
func agencyName(s string) string {
	s = strings.TrimSpace(s)
	if russian.IsAllUpper(s) && utf8.RuneCountInString(s) > 4 && !strings.Contains(s, " ") {
		r := []rune(letter.Lower(s))
		return strings.ToUpper(string(r[0])) + string(r[1:])
	}
	return s
}

func dateFromMatch(day, month, year string) russian.Date {
	var d russian.Date
	d.Month = russian.Month(month)
	if n, err := strconv.Atoi(day); err == nil && n >= 1 && n <= 31 {
		d.Day = n
	}
	if n, err := strconv.Atoi(year); err == nil {
		d.Year = n
	}
	return d
}

// split fills Sentences and Quotes from the body paragraphs.
func (a *Article) split(body []string) {
	for pi, para := range body {
		quotes := russian.Quotes(para)
		sents := russian.Sentences(para)
		first := len(a.Sentences)
		for _, s := range sents {
			a.Sentences = append(a.Sentences, Sentence{Text: para[s.Start:s.End], Para: pi, Quote: -1})
		}
		for _, q := range quotes {
			qi := len(a.Quotes)
			at := first
			for si, s := range sents {
				if q.Inner.Start < s.End && q.Inner.End > s.Start {
					if a.Sentences[first+si].Quote < 0 {
						a.Sentences[first+si].Quote = qi
					}
					if at == first && si > 0 && a.Sentences[first].Quote != qi {
						at = first + si
					}
				}
			}
			a.Quotes = append(a.Quotes, Quote{Text: q.Text, Speaker: q.Speaker, Kind: q.Kind, Sentence: at, raw: q})
		}
	}
}
