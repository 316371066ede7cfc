package index

// Event is a dated happening reported by the corpus.
type Event struct{}

func buildEvents(c *Corpus, p *People) []Event { return nil }

// Events returns the corpus's dated events in chronological order.
func (ix *Index) Events() []Event { return ix.events }
