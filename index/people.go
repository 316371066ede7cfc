package index

import (
	"sort"
	"strings"

	"github.com/corpusbot/corpusbot/index/russian"
)

// Person is one person of the corpus, merged across the forms and articles
// that name them.
type Person struct {
	Name      string // nominative full name: "Энтони Блинкен", "Э. Блинкен" when only initials are known
	First     string // nominative first name or initials
	Last      string // nominative surname
	Gender    russian.Gender
	Roles     []Role
	Docs      []string // articles that mention the person, in corpus order
	Mentions  []Place  // sentences that name the person
	Quotes    []Said   // direct quotations attributed to the person
	key       string   // surname key (russian.NameKey)
	aliases   []string // keys the person is found by besides key: Latin originals ("horowitz"), parts of a double surname
	initial   string   // first letter of the first name, folded
	firstSure bool     // First is listed or was read where the name stands in the nominative
	asSurname bool     // the surname is said alone, or the name stands among other people's in a list
	forms     []string // surname forms seen
	nomForms  []string // surname forms seen next to a nominative first name
	docSet    map[string]bool
	placeSet  map[Place]bool
}

// Role is a position a person holds, as an article names it.
type Role struct {
	Text string // nominative: "госсекретарь США"
	Doc  string
	Date russian.Date
}

// Place is a sentence of an article.
type Place struct {
	Doc      string
	Sentence int
}

// Said is a quotation and where it was said.
type Said struct {
	Doc      string
	Sentence int
	Text     string
}

// Surname returns the person's surname in the nominative.
func (p *Person) Surname() string { return p.Last }

// Role returns the person's roles as one line, most often named first (at
// most two: "госсекретарь США; государственный секретарь США"), "" when none.
func (p *Person) Role() string {
	count := map[string]int{}
	var order []string
	for _, r := range p.Roles {
		if count[r.Text] == 0 {
			order = append(order, r.Text)
		}
		count[r.Text]++
	}
	sort.SliceStable(order, func(i, j int) bool { return count[order[i]] > count[order[j]] })
	if len(order) > 2 {
		order = order[:2]
	}
	return strings.Join(order, "; ")
}

// People is the directory of persons, prepared once when the index opens.
type People struct {
	list  []*Person // most mentioned first
	byKey map[string][]*Person
	namer *russian.Namer
	seen  map[string]bool // keys of every capitalised word of the corpus
}

// Top returns the n most mentioned people.
func (p *People) Top(n int) []*Person {
	if n > len(p.list) {
		n = len(p.list)
	}
	return p.list[:n]
}

// All returns every person, most mentioned first.
func (p *People) All() []*Person { return p.list }

// People returns the directory of persons.
func (ix *Index) People() *People {
	ix.derived()
	return ix.people
}
