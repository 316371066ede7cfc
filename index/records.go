package index

import (
	"encoding/binary"
	"math"

	"github.com/corpusbot/corpusbot/index/russian"
)

// Articles are referred to by their place in the snapshot's article list,
// and places as (article, sentence) pairs: far less to decode than strings.
// Only what answers read is kept: the surname forms and initial that
// merging needed are not.
type personRecord struct {
	Name, First, Last string
	Gender            russian.Gender
	RoleTexts         []string // each role once
	Roles             []byte   // packed role text number, article, …; a role's date is its article's
	Docs              []byte   // packed article numbers (packInts)
	Mentions          []byte   // packed article, sentence, article, sentence, …
	Quotes            []saidRecord
	Key               string
	Aliases           []string
}

type saidRecord struct {
	Doc, Sentence int32
	Text          string
}

type eventRecord struct {
	From, Until  russian.Date
	Season, Time string
	Planned      bool
	Text         string
	Sources      []byte // packed article, sentence pairs
	People       []int
	LeadOf       []byte
}

// derivedRecords turns ix's people and events into the snapshot's records,
// articles named by their place in the corpus list.
func (ix *Index) derivedRecords() ([]personRecord, []eventRecord) {
	doc := make(map[string]int32, len(ix.corpus.Articles))
	for i, a := range ix.corpus.Articles {
		doc[a.ID] = int32(i)
	}
	places := func(ps []Place) []byte {
		out := make([]int32, 0, 2*len(ps))
		for _, p := range ps {
			out = append(out, doc[p.Doc], int32(p.Sentence))
		}
		return packInts(out)
	}
	docs := func(ids []string) []byte {
		out := make([]int32, 0, len(ids))
		for _, id := range ids {
			out = append(out, doc[id])
		}
		return packInts(out)
	}
	at := map[*Person]int{}
	people := make([]personRecord, 0, len(ix.people.list))
	for i, p := range ix.people.list {
		at[p] = i
		r := personRecord{Name: p.Name, First: p.First, Last: p.Last, Gender: p.Gender, Docs: docs(p.Docs),
			Mentions: places(p.Mentions), Key: p.key, Aliases: p.aliases}
		text := map[string]int32{}
		var roles []int32
		for _, role := range p.Roles {
			k, ok := text[role.Text]
			if !ok {
				k = int32(len(r.RoleTexts))
				text[role.Text] = k
				r.RoleTexts = append(r.RoleTexts, role.Text)
			}
			roles = append(roles, k, doc[role.Doc])
		}
		r.Roles = packInts(roles)
		for _, q := range p.Quotes {
			r.Quotes = append(r.Quotes, saidRecord{Doc: doc[q.Doc], Sentence: int32(q.Sentence), Text: q.Text})
		}
		people = append(people, r)
	}
	events := make([]eventRecord, 0, len(ix.events))
	for _, e := range ix.events {
		r := eventRecord{From: e.From, Until: e.Until, Season: e.Season, Time: e.Time, Planned: e.Planned, Text: e.Text,
			Sources: places(e.Sources), LeadOf: docs(e.LeadOf)}
		for _, p := range e.People {
			r.People = append(r.People, at[p])
		}
		events = append(events, r)
	}
	return people, events
}

// fromRecords rebuilds people and events over corpus c; ok is false when a
// record points outside it.
func fromRecords(c *Corpus, seen []string, records []personRecord, eventRecords []eventRecord) (*People, []Event, bool) {
	r := recordReader{c: c, ok: true}
	p := noPeople()
	for _, k := range seen {
		p.seen[k] = true
	}
	for _, rec := range records {
		person := &Person{Name: rec.Name, First: rec.First, Last: rec.Last, Gender: rec.Gender, key: rec.Key,
			aliases: rec.Aliases, Docs: r.ids(r.unpack(rec.Docs)), Mentions: r.places(r.unpack(rec.Mentions))}
		roles := r.unpack(rec.Roles)
		for k := 0; k+1 < len(roles); k += 2 {
			if int(roles[k]) >= len(rec.RoleTexts) || int(roles[k+1]) >= len(c.Articles) {
				return nil, nil, false
			}
			a := c.Articles[roles[k+1]]
			person.Roles = append(person.Roles, Role{Text: rec.RoleTexts[roles[k]], Doc: a.ID, Date: a.Published})
		}
		for _, q := range rec.Quotes {
			person.Quotes = append(person.Quotes, Said{Doc: r.id(q.Doc), Sentence: int(q.Sentence), Text: q.Text})
		}
		p.list = append(p.list, person)
		p.byKey[person.key] = append(p.byKey[person.key], person)
	}
	events := make([]Event, 0, len(eventRecords))
	for _, rec := range eventRecords {
		e := Event{From: rec.From, Until: rec.Until, Season: rec.Season, Time: rec.Time, Planned: rec.Planned,
			Text: rec.Text, Sources: r.places(r.unpack(rec.Sources))}
		if len(rec.LeadOf) > 0 {
			e.LeadOf = r.ids(r.unpack(rec.LeadOf))
		}
		for _, i := range rec.People {
			if i < 0 || i >= len(p.list) {
				return nil, nil, false
			}
			e.People = append(e.People, p.list[i])
		}
		events = append(events, e)
	}
	return p, events, r.ok
}

// recordReader turns article numbers back into ids, noting any out of range.
type recordReader struct {
	c  *Corpus
	ok bool
}

func (r *recordReader) id(i int32) string {
	if i < 0 || int(i) >= len(r.c.Articles) {
		r.ok = false
		return ""
	}
	return r.c.Articles[i].ID
}

func (r *recordReader) ids(ix []int32) []string {
	out := make([]string, 0, len(ix))
	for _, i := range ix {
		out = append(out, r.id(i))
	}
	return out
}

func (r *recordReader) places(ix []int32) []Place {
	if len(ix)%2 != 0 {
		r.ok = false
		return nil
	}
	out := make([]Place, 0, len(ix)/2)
	for k := 0; k < len(ix); k += 2 {
		out = append(out, Place{Doc: r.id(ix[k]), Sentence: int(ix[k+1])})
	}
	return out
}

// packInts writes small non-negative numbers as uvarints: one []byte is
// decoded by gob at once, where a []int32 costs it a call per number.
func packInts(xs []int32) []byte {
	b := make([]byte, 0, len(xs)*2)
	for _, x := range xs {
		b = binary.AppendUvarint(b, uint64(uint32(x)))
	}
	return b
}

// unpack reads what packInts wrote.
func (r *recordReader) unpack(b []byte) []int32 {
	out := make([]int32, 0, len(b))
	for len(b) > 0 {
		v, n := binary.Uvarint(b)
		if n <= 0 || v > math.MaxInt32 {
			r.ok = false
			return nil
		}
		out = append(out, int32(v))
		b = b[n:]
	}
	return out
}
