package index

import (
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/corpusbot/corpusbot/index/russian"
	"github.com/corpusbot/corpusbot/index/russian/tagger"
)

// Person is one person of the corpus, merged across the forms and articles
// that name them.
type Person struct {
	Name     string // nominative full name: "Энтони Блинкен", "Э. Блинкен" when only initials are known
	First    string // nominative first name or initials
	Last     string // nominative surname
	Gender   russian.Gender
	Roles    []Role
	Docs     []string // articles that mention the person, in corpus order
	Mentions []Place  // sentences that name the person
	Quotes   []Said   // direct quotations attributed to the person
	key      string   // surname key (russian.NameKey)
	initial  string   // first letter of the first name, folded
	forms    []string // surname forms seen
	nomForms []string // surname forms seen next to a nominative first name
	docSet   map[string]bool
	placeSet map[Place]bool
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

type found struct {
	sent int
	m    russian.NameMention
}

// locationPreps mark the word after them as a place ("в Казахстане").
var locationPreps = map[string]bool{"в": true, "во": true, "из": true, "на": true, "под": true, "над": true, "по": true}

// buildPeople finds, merges and names the people of the corpus and
// attributes quotations to them.
func buildPeople(c *Corpus, model *tagger.Model) *People {
	vocab := russian.NewVocab()
	seen := map[string]bool{}
	placeKeys := map[string]int{}
	for _, a := range c.Articles {
		for _, s := range a.Sentences {
			words := russian.Words(s.Text)
			vocab.AddSentence(words)
			for i, w := range words {
				if r := []rune(w.Text); !unicode.IsLower(r[0]) {
					seen[russian.NameKey(w.Text)] = true
				}
				if i > 0 && locationPreps[strings.ToLower(words[i-1].Text)] && russian.IsCapitalized(w.Text) {
					placeKeys[russian.NameKey(w.Text)]++
				}
			}
		}
	}
	newNamer := func() *russian.Namer { // a Namer caches word classes: one per goroutine
		n := russian.NewNamer(vocab.Common)
		n.Named = vocab.Named
		n.CommonStem = vocab.CommonStem
		n.Tagger = model
		n.Located = func(w string) bool { return placeKeys[russian.NameKey(w)] > 0 }
		return n
	}
	namer := newNamer()
	p := &People{byKey: map[string][]*Person{}, namer: namer, seen: seen}
	per := mentionsOf(c, namer, newNamer)
	// full mentions make people
	for ai, list := range per {
		for _, f := range list {
			if f.m.Bare {
				continue
			}
			p.attach(p.personFor(f.m), c.Articles[ai], f, namer)
		}
	}
	// a surname alone joins a person named in full, in the same article first
	bareCount := map[string]int{}
	for _, a := range c.Articles { // headlines name people too
		for _, m := range namer.Mentions(a.Title) {
			bareCount[russian.NameKey(m.Surname)]++
		}
	}
	for _, list := range per {
		for _, f := range list {
			if f.m.Bare {
				bareCount[russian.NameKey(f.m.Surname)]++
			}
		}
	}
	for ai, list := range per {
		a := c.Articles[ai]
		for _, f := range list {
			if !f.m.Bare {
				continue
			}
			key := surnameKey(f.m.Surname)
			person := p.resolveBare(key, a.ID)
			if person == nil {
				// a lone surname counts alone when it is shaped like one, is no
				// place, and recurs, comes with a role ("президентом Токаевым")
				// or the tagger read it as a person's ("забросили Радулов и Тютин")
				if !russian.LooksLikeSurname(f.m.Surname) || placeKeys[key] > 0 || russian.IsPlace(f.m.Surname) || bareCount[key] < 2 && f.m.Role == "" && !f.m.Tagged {
					continue
				}
				person = p.personFor(f.m)
			}
			p.attach(person, a, f, namer)
		}
	}
	for _, person := range p.all() {
		person.Last = russian.SurnameNominative(person.forms, person.nomForms, person.Gender)
		person.Name = strings.TrimSpace(person.First + " " + person.Last)
		person.Roles = dedupeRoles(person.Roles)
		sort.Strings(person.Docs) // corpus order: files are read sorted
	}
	p.attributeQuotes(c)
	p.list = p.all()
	sort.SliceStable(p.list, func(i, j int) bool {
		if len(p.list[i].Mentions) != len(p.list[j].Mentions) {
			return len(p.list[i].Mentions) > len(p.list[j].Mentions)
		}
		return p.list[i].Name < p.list[j].Name
	})
	return p
}

func (p *People) all() []*Person {
	var out []*Person
	seen := map[*Person]bool{}
	keys := make([]string, 0, len(p.byKey))
	for k := range p.byKey {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, person := range p.byKey[k] {
			if !seen[person] {
				seen[person] = true
				out = append(out, person)
			}
		}
	}
	return out
}

// personFor finds or creates the person a full mention names: same surname
// key and a compatible first name or initial.
func (p *People) personFor(m russian.NameMention) *Person {
	key := surnameKey(m.Surname)
	initial := ""
	first := m.First
	if first == "" {
		first = m.Initials
	}
	if first != "" {
		initial = string([]rune(russian.FoldWord(first))[0])
	}
	for _, person := range p.byKey[key] {
		if initial == "" || person.initial == "" || person.initial == initial {
			if person.initial == "" {
				person.initial = initial
			}
			// a full first name beats initials
			if m.First != "" && (person.First == "" || strings.HasSuffix(person.First, ".")) {
				person.First, person.Gender = m.First, m.Gender
			}
			return person
		}
	}
	person := &Person{key: key, initial: initial, First: first, Gender: m.Gender}
	if person.Gender == russian.Unknown {
		person.Gender = russian.Male
	}
	p.byKey[key] = append(p.byKey[key], person)
	return person
}

// surnameKey is the NameKey of a surname's last word, so "Де Сантис" and
// "аль-Хадж" are found by "Сантис" and "Хадж" too.
func surnameKey(s string) string {
	if i := strings.LastIndexAny(s, " -"); i >= 0 && russian.IsCapitalized(s[i+1:]) {
		head := strings.ToLower(s[:i])
		if russian.IsParticle(head) || russian.IsParticle(strings.TrimSpace(head)) {
			return russian.NameKey(s[i+1:])
		}
	}
	return russian.NameKey(s)
}

// inTitle returns the people of a's title: each capitalised word that is
// the surname of someone the article names.
func (p *People) inTitle(a *Article) []*Person {
	var out []*Person
	for _, w := range russian.Words(a.Title) {
		if !russian.IsCapitalized(w.Text) {
			continue
		}
		for _, c := range p.byKey[russian.NameKey(w.Text)] {
			if slices.Contains(c.Docs, a.ID) && !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
	}
	return out
}

// mentionsOf finds the names of every sentence of c, articles shared out
// among the cores (each with its own Namer: tagging is most of the work).
func mentionsOf(c *Corpus, first *russian.Namer, newNamer func() *russian.Namer) [][]found {
	per := make([][]found, len(c.Articles))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(c.Articles)/64))
	var wg sync.WaitGroup
	for w := range workers {
		namer := first
		if w > 0 {
			namer = newNamer()
		}
		wg.Go(func() {
			for ai := w; ai < len(c.Articles); ai += workers {
				for si, s := range c.Articles[ai].Sentences {
					for _, m := range namer.Mentions(s.Text) {
						per[ai] = append(per[ai], found{si, m})
					}
				}
			}
		})
	}
	wg.Wait()
	return per
}

// resolveBare picks the person a lone surname means: one named in the
// same article, else the most mentioned one with that key.
func (p *People) resolveBare(key, doc string) *Person {
	cands := p.byKey[key]
	if len(cands) == 0 {
		return nil
	}
	for _, c := range cands {
		for _, d := range c.Docs {
			if d == doc {
				return c
			}
		}
	}
	best := cands[0]
	for _, c := range cands[1:] {
		if len(c.Mentions) > len(best.Mentions) {
			best = c
		}
	}
	return best
}

func (p *People) attach(person *Person, a *Article, f found, namer *russian.Namer) {
	person.forms = append(person.forms, f.m.Surname)
	if f.m.NominativeSurname {
		person.nomForms = append(person.nomForms, f.m.Surname)
	}
	if person.docSet == nil {
		person.docSet, person.placeSet = map[string]bool{}, map[Place]bool{}
	}
	if !person.docSet[a.ID] {
		person.docSet[a.ID] = true
		person.Docs = append(person.Docs, a.ID)
	}
	if place := (Place{a.ID, f.sent}); !person.placeSet[place] {
		person.placeSet[place] = true
		person.Mentions = append(person.Mentions, place)
	}
	if role := russian.WellFormedRole(namer.RoleNominative(f.m.Role)); role != "" {
		person.Roles = append(person.Roles, Role{Text: role, Doc: a.ID, Date: a.Published})
	}
}

// dedupeRoles keeps one role per text and article.
func dedupeRoles(roles []Role) []Role {
	seen := map[string]bool{}
	var out []Role
	for _, r := range roles {
		k := strings.ToLower(r.Text) + "\x00" + r.Doc
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, r)
	}
	return out
}

// attributeQuotes resolves each quotation's speaker phrase to a person:
// by name, by a role named earlier in the article ("– сказал заместитель
// госсекретаря"), or by a pronoun (the person named last before it).
func (p *People) attributeQuotes(c *Corpus) {
	type seen struct {
		sent   int
		person *Person
	}
	byDoc := map[string][]seen{} // each article's people in order of mention
	for _, person := range p.all() {
		for _, m := range person.Mentions {
			byDoc[m.Doc] = append(byDoc[m.Doc], seen{m.Sentence, person})
		}
	}
	for _, a := range c.Articles {
		order := byDoc[a.ID]
		sort.SliceStable(order, func(i, j int) bool { return order[i].sent < order[j].sent })
		before := func(sent int) *Person { // the person named last, up to sent
			var last *Person
			for _, o := range order {
				if o.sent <= sent {
					last = o.person
				}
			}
			return last
		}
		for qi := range a.Quotes {
			q := &a.Quotes[qi]
			if q.Kind != russian.SpeakerPerson {
				continue
			}
			var who *Person
			switch {
			case q.raw.Pronoun:
				who = before(q.Sentence)
			case q.raw.Role:
				var people []*Person
				var sents []int
				for _, o := range order {
					people, sents = append(people, o.person), append(sents, o.sent)
				}
				who = p.byRole(a.ID, q.Speaker, q.Sentence, people, sents)
			default:
				ms := p.namer.Mentions(q.Speaker)
				if len(ms) > 0 {
					m := ms[len(ms)-1]
					if m.Bare {
						who = p.resolveBare(russian.NameKey(m.Surname), a.ID)
					} else {
						for _, cand := range p.byKey[russian.NameKey(m.Surname)] {
							who = cand
							break
						}
					}
				}
			}
			if who == nil {
				continue
			}
			q.Speaker = who.Name
			who.Quotes = append(who.Quotes, Said{Doc: a.ID, Sentence: q.Sentence, Text: q.Text})
		}
	}
}

// byRole finds the person of an article whose role shares its head word
// with phrase ("Госсекретарь США" → the person named "Госсекретарь США Э.
// Блинкен"), preferring the one named last before the quote.
func (p *People) byRole(doc, phrase string, sent int, people []*Person, sents []int) *Person {
	head := ""
	if ws := russian.Words(p.namer.RoleNominative(phrase)); len(ws) > 0 {
		head = russian.FoldWord(ws[0].Text)
		if len(ws) > 1 && russian.IsRoleWord(ws[1].Text) && !russian.IsRoleWord(ws[0].Text) {
			head = russian.FoldWord(ws[1].Text)
		}
	}
	if head == "" {
		return nil
	}
	var best *Person
	for i, person := range people {
		if sents[i] > sent && best != nil {
			break
		}
		for _, r := range person.Roles {
			if r.Doc == doc && strings.Contains(russian.FoldWord(r.Text), head) {
				best = person
			}
		}
	}
	return best
}

// Find returns the people a query names: a surname or full name in any
// case form, any capitalisation, ё or е. With no exact match it tries one
// typo; similar lists near misses for a "did you mean".
func (p *People) Find(q string) (matches, similar []*Person) {
	var words, particles []russian.Word
	for _, w := range russian.Words(q) {
		if _, rest, ok := strings.Cut(w.Text, "-"); ok && russian.IsParticle(strings.Split(w.Text, "-")[0]) {
			w.Text = rest // аль-Хадж → Хадж
		}
		if russian.IsParticle(w.Text) {
			particles = append(particles, w)
		} else {
			words = append(words, w)
		}
	}
	if len(words) == 0 {
		words = particles // «Ван», «Бин» alone are surnames, not particles
	}
	if len(words) == 0 {
		return nil, nil
	}
	type scored struct {
		person *Person
		score  int
	}
	var exact []scored
	for _, person := range p.list {
		ok, score := true, 0
		for _, w := range words {
			key := russian.NameKey(w.Text)
			switch {
			case key == person.key:
				score += 2
			case p.firstMatches(person, w.Text):
				score++
			default:
				ok = false
			}
		}
		if ok && score >= 2 {
			exact = append(exact, scored{person, score})
		}
	}
	if len(exact) > 0 {
		best := exact[0].score
		for _, e := range exact {
			if e.score > best {
				best = e.score
			}
		}
		for _, e := range exact {
			if e.score == best {
				matches = append(matches, e.person)
			}
		}
		return sameSurname(matches, words[len(words)-1].Text), nil
	}
	// one typo in a surname long enough to carry it, first letter kept
	last := russian.NameKey(words[len(words)-1].Text)
	if p.seen[last] {
		return nil, nil // a word of the corpus that names nobody is no typo
	}
	lr := []rune(last)
	for _, person := range p.list {
		pr := []rune(person.key)
		if len(lr) < 5 || len(pr) == 0 || pr[0] != lr[0] {
			continue
		}
		switch d := editDistance(last, person.key); {
		case d <= 1:
			matches = append(matches, person)
		case d <= 2:
			similar = append(similar, person)
		}
	}
	return matches, similar
}

func (p *People) firstMatches(person *Person, w string) bool {
	if person.First == "" {
		return false
	}
	if r := []rune(russian.FoldWord(w)); len(r) <= 2 { // an initial: "Э." matches Энтони
		return strings.HasPrefix(russian.FoldWord(person.First), string(r))
	}
	if fn, ok := p.namer.LookupFirst(w); ok {
		return strings.EqualFold(fn.Nominative, person.First)
	}
	return russian.FoldWord(w) == russian.FoldWord(person.First)
}

// editDistance is the Levenshtein distance of two short strings, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// sameSurname narrows people who share a surname key to those whose
// surname is written as asked, when some are: «Турова» is Ирина Турова, not
// Максим Туров, whose genitive it also is.
func sameSurname(people []*Person, asked string) []*Person {
	if len(people) < 2 {
		return people
	}
	var out []*Person
	for _, p := range people {
		if russian.FoldWord(p.Last) == russian.FoldWord(asked) {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return people
	}
	return out
}
