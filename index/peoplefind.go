package index

// Finding a person by name as a reader writes it: any case form, the
// first name or not, one typo.

import (
	"slices"
	"strings"

	"github.com/corpusbot/corpusbot/index/russian"
)

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
			case key == person.key || slices.Contains(person.aliases, key):
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
