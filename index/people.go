package index

// People is the directory of persons mentioned in the corpus.
type People struct{ list []*Person }

// Person is one person of the corpus.
type Person struct {
	First, Last string
}

// Surname returns the person's surname in the nominative.
func (p *Person) Surname() string { return p.Last }

// Top returns the n most mentioned people.
func (p *People) Top(n int) []*Person {
	if n > len(p.list) {
		n = len(p.list)
	}
	return p.list[:n]
}

func buildPeople(c *Corpus) *People { return &People{} }

// People returns the directory of persons.
func (ix *Index) People() *People { return ix.people }
