package index

// Building the people of a corpus: names found in every sentence, merged
// by surname, with roles and quotations.

import (
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/corpusbot/corpusbot/index/russian"
	"github.com/corpusbot/corpusbot/index/russian/letter"
	"github.com/corpusbot/corpusbot/index/russian/tagger"
)

type found struct {
	sent int
	m    russian.NameMention
}

// locationPreps mark the word after them as a place ("в Казахстане").
var locationPreps = map[string]bool{"в": true, "во": true, "из": true, "на": true, "под": true, "над": true, "по": true}

// buildPeople finds, merges and names the people of the corpus and
// attributes quotations to them.
func buildPeople(c *Corpus, model *tagger.Model) *People {
	ev := gatherEvidence(c)
	newNamer := func() *russian.Namer { // a Namer caches word classes: one per goroutine
		n := russian.NewNamer(ev.vocab.Common)
		n.Named = ev.vocab.Named
		n.CommonStem = ev.vocab.CommonStem
		n.Tagger = model
		n.Located = func(w string) bool { return ev.placeKeys[russian.NameKey(w)] > 0 }
		return n
	}
	namer := newNamer()
	p := &People{byKey: map[string][]*Person{}, namer: namer, seen: ev.seen}
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
	p.attachBare(c, per, namer, ev)
	p.finish(c)
	return p
}

// evidence is what the whole corpus says about words before any name is
// read: which occur in lower case or capitalised, and which stand after a
// preposition of place.
type evidence struct {
	vocab     *russian.Vocab
	seen      map[string]bool // name keys of every capitalised word
	placeKeys map[string]int  // name keys of words after «в», «из», «на»…
}

func gatherEvidence(c *Corpus) evidence {
	ev := evidence{vocab: russian.NewVocab(), seen: map[string]bool{}, placeKeys: map[string]int{}}
	for _, a := range c.Articles {
		for _, s := range a.Sentences {
			words := russian.Words(s.Text)
			ev.vocab.AddSentence(words)
			for i, w := range words {
				if r, _ := utf8.DecodeRuneInString(w.Text); !letter.IsLower(r) {
					ev.seen[russian.NameKey(w.Text)] = true
				}
				if i > 0 && russian.IsCapitalized(w.Text) && locationPreps[letter.Lower(words[i-1].Text)] {
					ev.placeKeys[russian.NameKey(w.Text)]++
				}
			}
		}
	}
	return ev
}

// attachBare gives each surname said alone to a person: the one the
// headline names in full, else one named in full in the same article, else
// anyone of that surname; a lone surname counts as a person of its own when
// it is shaped like one, is no place, and recurs, comes with a role
// ("президентом Токаевым") or the tagger read it as a person's ("забросили
// Радулов и Тютин").
func (p *People) attachBare(c *Corpus, per [][]found, namer *russian.Namer, ev evidence) {
	bareCount := map[string]int{}
	titles := make([][]russian.NameMention, len(c.Articles))
	for ai, a := range c.Articles { // headlines name people too
		titles[ai] = namer.Mentions(a.Title)
		for _, m := range titles[ai] {
			bareCount[russian.NameKey(m.Surname)]++
		}
	}
	titled := p.titlePeople(c, titles, per, namer)
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
			person := titled[a.ID+"\x00"+key]
			if person == nil {
				person = p.resolveBare(key, a.ID)
			}
			if person == nil {
				// a word of no surname shape counts in a list of lone
				// surnames («03:54 Бернс (Рой, Грин)»: a sports report's scorers)
				_, first := namer.LookupFirst(f.m.Surname)
				shaped := russian.LooksLikeSurname(f.m.Surname) || f.m.Listed && f.m.Tagged && !first
				if !shaped || ev.placeKeys[key] > 0 || russian.IsPlace(f.m.Surname) ||
					bareCount[key] < 2 && f.m.Role == "" && !f.m.Tagged {
					continue
				}
				person = p.personFor(f.m)
			}
			p.attach(person, a, f, namer)
		}
	}
}

// finish names every person in the nominative, attributes quotations and
// orders the list, most mentioned first.
func (p *People) finish(c *Corpus) {
	for _, person := range p.all() {
		person.Last = russian.SurnameNominative(person.forms, person.nomForms, person.Gender)
		person.Name = strings.TrimSpace(person.First + " " + person.Last)
		person.Roles = dedupeRoles(person.Roles)
		sort.Strings(person.Docs) // corpus order: files are read sorted
	}
	p.dropPatronymics()
	p.attributeQuotes(c)
	p.list = p.all()
	sort.SliceStable(p.list, func(i, j int) bool {
		if len(p.list[i].Mentions) != len(p.list[j].Mentions) {
			return len(p.list[i].Mentions) > len(p.list[j].Mentions)
		}
		return p.list[i].Name < p.list[j].Name
	})
}

// dropPatronymics removes the people whose "surname" is a patronymic made
// from a first name («Геннадий Андреевич сказал»: someone the text names in
// full elsewhere, or not at all), unless the surname also stands alone,
// comes with a role or in a list of other people's full names, as a
// Serbian or Belarusian surname of that shape does («Абрамович купил»,
// «защитник Бранислав Иванович», «Илья Васильевич, Федор Мирзоянов и…»).
func (p *People) dropPatronymics() {
	for key, list := range p.byKey {
		kept := list[:0]
		for _, person := range list {
			if person.First == "" || person.asSurname || len(person.Roles) > 0 || !p.namer.FromFirstName(person.Last) {
				kept = append(kept, person)
			}
		}
		if len(kept) == 0 {
			delete(p.byKey, key)
		} else {
			p.byKey[key] = kept
		}
	}
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
			// a full first name beats initials, and one read where the
			// name stands in the nominative beats one read from an
			// oblique case («Фолькер Буфье напомнил» over «по словам
			// Фолькера Буфье», where the surname does not decline)
			sure := p.firstSure(m)
			switch {
			case m.First != "" && (person.First == "" || strings.HasSuffix(person.First, ".") ||
				sure && !person.firstSure && sameStem(person.First, m.First)):
				person.First, person.Gender, person.firstSure = m.First, m.Gender, sure
			case sure && m.First == person.First:
				person.firstSure = true
			}
			return person
		}
	}
	person := &Person{key: key, initial: initial, First: first, Gender: m.Gender, firstSure: p.firstSure(m)}
	if person.Gender == russian.Unknown {
		person.Gender = russian.Male
	}
	p.byKey[key] = append(p.byKey[key], person)
	return person
}

// firstSure reports whether m's first name is surely nominative: a listed
// one, or one read where the name stands in the nominative.
func (p *People) firstSure(m russian.NameMention) bool {
	if m.First == "" {
		return false
	}
	_, listed := p.namer.LookupFirst(m.First)
	return listed || m.NominativeSurname
}

// sameStem reports two forms of one first name: they differ at most in
// their last letter and an ending («Фолькера», «Фолькер»; «Грасой», «Граса»),
// unlike two names that share an initial («Анаса», «Александр»).
func sameStem(a, b string) bool {
	ra, rb := []rune(russian.FoldWord(a)), []rune(russian.FoldWord(b))
	n := min(len(ra), len(rb)) - 1
	return n >= 3 && string(ra[:n]) == string(rb[:n])
}

// surnameKey is the NameKey of a surname's last word, so "Де Сантис" and
// "аль-Хадж" are found by "Сантис" and "Хадж" too.
func surnameKey(s string) string {
	if i := strings.LastIndexAny(s, " -"); i >= 0 && russian.IsCapitalized(s[i+1:]) {
		head := letter.Lower(s[:i])
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
	person.asSurname = person.asSurname || f.m.Bare || f.m.Listed
	for _, alias := range append(russian.SurnameParts(f.m.Surname), f.m.Original) {
		if k := russian.NameKey(alias); k != "" && k != person.key && !slices.Contains(person.aliases, k) {
			person.aliases = append(person.aliases, k)
		}
	}
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
	if role := namer.PersonRole(f.m.Role); role != "" {
		person.Roles = append(person.Roles, Role{Text: role, Doc: a.ID, Date: a.Published})
	}
}

// dedupeRoles keeps one role per text and article.
func dedupeRoles(roles []Role) []Role {
	seen := map[string]bool{}
	var out []Role
	for _, r := range roles {
		k := letter.Lower(r.Text) + "\x00" + r.Doc
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, r)
	}
	return out
}

// titlePeople reads the people a headline names in full whom its article
// names by surname: the surname alone in the text is theirs («Академик
// Сагдеев сказал…» under «…академик Роальд Зиннурович Сагдеев назвал…»), and
// the headline's role and nominative count for them. It returns them by
// article id and surname key.
func (p *People) titlePeople(c *Corpus, titles [][]russian.NameMention, per [][]found, namer *russian.Namer) map[string]*Person {
	out := map[string]*Person{}
	for ai, a := range c.Articles {
		for _, m := range titles[ai] {
			if m.Bare {
				continue
			}
			key := surnameKey(m.Surname)
			var full, bare *found
			for k, f := range per[ai] {
				switch {
				case surnameKey(f.m.Surname) != key:
				case !f.m.Bare && full == nil:
					full = &per[ai][k]
				case f.m.Bare && bare == nil:
					bare = &per[ai][k]
				}
			}
			var person *Person
			switch {
			case full != nil:
				person = p.personFor(full.m) // the text's own full name
			case bare != nil:
				person = p.personFor(m)
			default:
				continue
			}
			out[a.ID+"\x00"+key] = person
			if m.NominativeSurname && m.Start > 0 { // a headline's first words may be in any case
				person.nomForms = append(person.nomForms, m.Surname)
			}
			if role := namer.PersonRole(m.Role); role != "" {
				person.Roles = append(person.Roles, Role{Text: role, Doc: a.ID, Date: a.Published})
			}
		}
	}
	return out
}
