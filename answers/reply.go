package answers

import (
	"encoding/json"
	"strings"
	"unicode/utf8"
)

// Kind is what a reply answers.
type Kind string

// Reply kinds, as in the JSON contract.
const (
	KindSearch   Kind = "search"
	KindWho      Kind = "who"
	KindTimeline Kind = "timeline"
	KindArticle  Kind = "article"
	KindHelp     Kind = "help"
	KindError    Kind = "error"
)

// Style is how a piece of reply text is shown.
type Style int

// Styles.
const (
	Plain  Style = iota
	Bold         // headings, names
	Italic       // dates and sources
	Mark         // question words found in an excerpt
)

// Span is a run of text in one style.
type Span struct {
	Text  string
	Style Style
	Link  string // an http(s) address the text links to; shown after it in plain text
}

// Block is one paragraph of a reply. Telegram messages are split between
// blocks, never inside one, so HTML stays balanced.
type Block []Span

// Reply is one answer. It is built once and rendered three ways (HTML,
// plain text, JSON) so the renderings never drift apart.
type Reply struct {
	Kind    Kind
	Blocks  []Block
	Results []Result
	Person  *Person
	Events  []Event
	Choices []Choice // people to choose from when a name is ambiguous, or the person a «Кто такой…» question names
	Article *ArticleView
	// Open holds, for each result, the command that opens its whole article
	// (Telegram shows them as buttons; JSON and text carry the doc instead).
	Open []Choice
}

// Result is one excerpt that answers a question.
type Result struct {
	Doc     string  `json:"doc"`
	Title   string  `json:"title"`
	Date    string  `json:"date"`
	Source  string  `json:"source"`
	URL     string  `json:"url,omitempty"`
	Excerpt string  `json:"excerpt"`
	Score   float64 `json:"score"`
	// Confidence is the probability that the excerpt answers the question,
	// by the answerability model (results below minAnswerable are not given).
	Confidence float64 `json:"confidence"`
	Quote      *Quote  `json:"quote,omitempty"`
	// Also lists the other articles that carry the excerpt's sentence word for word.
	Also []Source `json:"also,omitempty"`
}

// Source is an article a repeated excerpt also comes from.
type Source struct {
	Doc    string `json:"doc"`
	Title  string `json:"title"`
	Date   string `json:"date"`
	Source string `json:"source"`
	URL    string `json:"url,omitempty"`
}

// Quote is a quotation with who said it.
type Quote struct {
	Text        string `json:"text"`
	Speaker     string `json:"speaker"`
	SpeakerKind string `json:"speaker_kind,omitempty"`
}

// Person is a /who card.
type Person struct {
	Name     string      `json:"name"`
	Role     string      `json:"role"`
	Roles    []DatedRole `json:"roles"`
	Docs     []string    `json:"docs"`
	Mentions []Mention   `json:"mentions"` // the newest, at most 1,000
	// MentionsTotal counts every mention, also those past Mentions.
	MentionsTotal int           `json:"mentions_total"`
	Quotes        []PersonQuote `json:"quotes"`
}

// DatedRole is a role with the date of the article that gives it.
type DatedRole struct {
	Role string `json:"role"`
	Date string `json:"date"`
	Doc  string `json:"doc"`
}

// Mention is one sentence that names a person.
type Mention struct {
	Doc     string `json:"doc"`
	Date    string `json:"date"`
	Source  string `json:"source"`
	URL     string `json:"url,omitempty"`
	Excerpt string `json:"excerpt"`
}

// PersonQuote is one thing a person said.
type PersonQuote struct {
	Doc  string `json:"doc"`
	Date string `json:"date"`
	Text string `json:"text"`
}

// Event is one line of a timeline.
type Event struct {
	Date     string   `json:"date"`
	DateText string   `json:"date_text"`
	Doc      string   `json:"doc"`
	URL      string   `json:"url,omitempty"`
	Docs     []string `json:"docs,omitempty"`
	Sources  []string `json:"sources,omitempty"`
	Text     string   `json:"text"`
	Planned  bool     `json:"planned,omitempty"`
}

// Choice is one option when a request is ambiguous.
type Choice struct {
	Label   string `json:"label"`
	Command string `json:"command"`
}

// Text renders the reply as plain text.
func (r Reply) Text() string {
	parts := make([]string, 0, len(r.Blocks))
	for _, b := range r.Blocks {
		parts = append(parts, b.text())
	}
	return strings.Join(parts, "\n\n")
}

func (b Block) text() string {
	var sb strings.Builder
	for _, s := range b {
		sb.WriteString(s.Text)
		if s.Link != "" {
			sb.WriteString(" (" + s.Link + ")")
		}
	}
	return sb.String()
}

func (b Block) html() string {
	var sb strings.Builder
	for _, s := range b {
		t := EscapeHTML(s.Text)
		switch s.Style {
		case Bold, Mark:
			t = "<b>" + t + "</b>"
		case Italic:
			t = "<i>" + t + "</i>"
		}
		if s.Link != "" {
			t = `<a href="` + strings.ReplaceAll(EscapeHTML(s.Link), `"`, "&quot;") + `">` + t + "</a>"
		}
		sb.WriteString(t)
	}
	return sb.String()
}

// EscapeHTML escapes what Telegram's HTML parse mode requires (<, >, &) and
// nothing more, so quotes stay readable in every client.
func EscapeHTML(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// HTML renders the reply as Telegram HTML; every piece of corpus or user
// text is escaped.
func (r Reply) HTML() string { return strings.Join(r.HTMLChunks(0), "\n\n") }

// HTMLChunks renders the reply as Telegram HTML messages of at most max
// characters each (0: one message). Messages break between blocks; a block
// longer than max is cut between spans or words, each piece balanced.
func (r Reply) HTMLChunks(max int) []string {
	var out []string
	cur := ""
	push := func(s string) {
		if cur == "" {
			cur = s
			return
		}
		if max > 0 && utf8.RuneCountInString(cur)+2+utf8.RuneCountInString(s) > max {
			out = append(out, cur)
			cur = s
			return
		}
		cur += "\n\n" + s
	}
	for _, b := range r.Blocks {
		h := b.html()
		if max > 0 && utf8.RuneCountInString(h) > max {
			for _, piece := range splitBlock(b, max) {
				push(piece)
			}
			continue
		}
		push(h)
	}
	if cur != "" {
		out = append(out, cur)
	}
	return out
}

// splitBlock cuts one over-long block into balanced HTML pieces.
func splitBlock(b Block, max int) []string {
	var out []string
	var cur strings.Builder
	n := 0
	for _, s := range b {
		for _, w := range strings.SplitAfter(s.Text, " ") {
			piece := Block{{Text: w, Style: s.Style, Link: s.Link}}.html()
			l := utf8.RuneCountInString(piece)
			for l > max { // a single "word" longer than a message
				r := []rune(w)
				cutAt := max / 2
				if cutAt > len(r) {
					cutAt = len(r)
				}
				out = append(out, Block{{Text: string(r[:cutAt]), Style: s.Style}}.html())
				w = string(r[cutAt:])
				piece = Block{{Text: w, Style: s.Style}}.html()
				l = utf8.RuneCountInString(piece)
			}
			if n+l > max {
				out = append(out, cur.String())
				cur.Reset()
				n = 0
			}
			cur.WriteString(piece)
			n += l
		}
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}

// jsonReply is the JSON contract.
type jsonReply struct {
	Kind    Kind         `json:"kind"`
	Text    string       `json:"text"`
	Results []Result     `json:"results"`
	Person  *Person      `json:"person"`
	Events  []Event      `json:"events"`
	Choices []Choice     `json:"choices,omitempty"`
	Article *ArticleView `json:"article,omitempty"`
}

// MarshalJSON renders the reply as the contract's JSON object.
func (r Reply) MarshalJSON() ([]byte, error) {
	j := jsonReply{Kind: r.Kind, Text: r.Text(), Results: r.Results, Person: r.Person, Events: r.Events, Choices: r.Choices, Article: r.Article}
	if j.Results == nil {
		j.Results = []Result{}
	}
	if j.Events == nil {
		j.Events = []Event{}
	}
	return json.Marshal(j)
}
