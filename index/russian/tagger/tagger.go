// Package tagger marks person names and role phrases in Russian sentences.
//
// It is an averaged perceptron over word shape, endings, neighbouring words,
// small gazetteers and the corpus's own lower-case vocabulary, decoded
// greedily left to right. The weights are learnt from annotated news (NEREL,
// see cmd/tagger-train) and embedded; recognition thus reaches names that no
// list holds ("Жолт Хорняк", "Илон Маск") and keeps capitalised role and
// place words out.
package tagger

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
)

// Label is the tag of one token.
type Label uint8

// Labels: outside, begin/inside of a person name, begin/inside of a role
// phrase ("министр иностранных дел", "марафонка").
const (
	O Label = iota
	BPer
	IPer
	BRole
	IRole
	nLabels
)

// String returns the BIO name of a label.
func (l Label) String() string {
	switch l {
	case BPer:
		return "B-PER"
	case IPer:
		return "I-PER"
	case BRole:
		return "B-ROLE"
	case IRole:
		return "I-ROLE"
	}
	return "O"
}

// Token is a word of a sentence and the punctuation before it.
type Token struct {
	Text string
	Gap  string // what stands between the previous word and this one, spaces removed
}

// Lexicon answers questions about words that the features need beyond the
// word itself; russian.Lexicon implements it.
type Lexicon interface {
	// Classes returns what the gazetteers and the corpus say of a word, as
	// class bits (FirstName, RoleWord, …, Common, Named).
	Classes(word string) uint16
}

// Model is a trained tagger. The zero value tags everything O.
type Model struct {
	w    []int16   // buckets × nLabels
	pool sync.Pool // of *scratch, so that tagging a corpus allocates little
}

// scratch is what tagging one sentence needs besides its labels.
type scratch struct {
	f  featurizer
	hs []uint32
}

const (
	bucketBits = 20
	buckets    = 1 << bucketBits
	magic      = "CBTAG1"
)

//go:embed weights.bin.gz
var embedded []byte

// ErrWeights reports weights that cannot be read.
var ErrWeights = errors.New("tagger weights")

// Default returns the model trained on NEREL that ships with the binary.
func Default() (*Model, error) {
	return Read(bytes.NewReader(embedded))
}

// Read reads gzip-compressed weights written by Model.Write.
func Read(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrWeights, err)
	}
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(zr, head); err != nil || string(head) != magic {
		return nil, fmt.Errorf("%w: bad header", ErrWeights)
	}
	m := &Model{w: make([]int16, buckets*int(nLabels))}
	buf := make([]byte, 64<<10) // decoded in chunks: no second copy of the weights
	for done := 0; done < len(m.w); {
		n := min(len(buf), 2*(len(m.w)-done))
		if _, err := io.ReadFull(zr, buf[:n]); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrWeights, err)
		}
		for k := 0; k < n; k += 2 {
			m.w[done] = int16(binary.LittleEndian.Uint16(buf[k:]))
			done++
		}
	}
	return m, nil
}

// Write stores the weights gzip-compressed.
func (m *Model) Write(w io.Writer) error {
	zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
	if _, err := zw.Write([]byte(magic)); err != nil {
		return fmt.Errorf("write weights: %w", err)
	}
	if err := binary.Write(zw, binary.LittleEndian, m.w); err != nil {
		return fmt.Errorf("write weights: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("write weights: %w", err)
	}
	return nil
}

// Tag labels each token of a sentence.
func (m *Model) Tag(toks []Token, lex Lexicon) []Label {
	out := make([]Label, len(toks))
	if m == nil || len(m.w) == 0 {
		return out
	}
	sc, _ := m.pool.Get().(*scratch)
	if sc == nil {
		sc = &scratch{}
	}
	defer m.pool.Put(sc)
	f := &sc.f
	f.reset(toks, lex)
	hs := sc.hs[:0]
	defer func() { sc.hs, sc.f.toks = hs[:0], nil }()
	for i := range toks {
		hs = f.features(hs[:0], i, out)
		var score [nLabels]int32
		for _, h := range hs {
			row := m.w[int(h&(buckets-1))*int(nLabels):]
			for l := range nLabels {
				score[l] += int32(row[l])
			}
		}
		out[i] = best(score[:], prevLabel(out, i), toks[i].Gap)
	}
	return out
}

// best picks the highest-scoring label that may follow prev.
func best[T int32 | float32](score []T, prev Label, gap string) Label {
	arg := O
	for l := Label(1); l < nLabels; l++ {
		if !allowed(prev, l, gap) {
			continue
		}
		if score[l] > score[arg] {
			arg = l
		}
	}
	return arg
}

// allowed reports whether label l may follow prev across gap: an inside
// label only continues a span of its kind, and a name does not run across
// punctuation other than the dot of an initial or a hyphen.
func allowed(prev, l Label, gap string) bool {
	switch l {
	case IPer:
		return (prev == BPer || prev == IPer) && strings.Trim(gap, ".-‐") == ""
	case IRole:
		return prev == BRole || prev == IRole
	}
	return true
}

func prevLabel(out []Label, i int) Label {
	if i == 0 {
		return O
	}
	return out[i-1]
}

// Span is a run of tokens [Start, End) with one kind.
type Span struct {
	Start, End int
	Person     bool // a person name; otherwise a role phrase
}

// Spans groups labels into spans.
func Spans(labels []Label) []Span {
	var out []Span
	for i := 0; i < len(labels); {
		l := labels[i]
		if l == O || l == IPer || l == IRole {
			i++
			continue
		}
		inside := IPer
		if l == BRole {
			inside = IRole
		}
		j := i + 1
		for j < len(labels) && labels[j] == inside {
			j++
		}
		out = append(out, Span{Start: i, End: j, Person: l == BPer})
		i = j
	}
	return out
}
